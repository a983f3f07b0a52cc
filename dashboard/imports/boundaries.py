"""Desa boundaries from the office's own file (kind ``batas``): GeoJSON, a zipped Shapefile or a GeoPackage.

Such files come from BIG (administrative boundaries with ``KDEPUM`` = dotted desa code, ``WADMKD`` = desa name) or
from the Bappeda GIS staff (any field names, codes dotted or not, sometimes stored as numbers). The code column is
the one whose values match the most desa codes of the database's kabupaten/kota; the desa level is required (a
kecamatan code is refused like any code of another level). Coordinates are reprojected to WGS84; a file without a
CRS is taken as WGS84 only when its coordinates are degrees. Like every kind: codes outside the Kemendagri list or
the kabupaten are errors (the file is refused, nothing written); polygons without a code, desa without a polygon and
repaired invalid polygons are warnings kept in the import log. The polygons are repaired and simplified as the
shipped ones (``dashboard.maps.geo``) and stored as WKB in ``batas_wilayah``.
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard.i18n import register
from dashboard.imports import parse
from dashboard.imports.fields import ImportContext
from dashboard.imports.forms import TableData
from dashboard.imports.problems import Report
from dashboard.imports.reader import UnreadableFile
from dashboard.maps import geo
from dashboard.reference import CODE_OK, LEVEL_NAMES

TABLE = "batas_wilayah"
SUFFIXES = (".geojson", ".json", ".gpkg", ".zip", ".shp")
DESA_LEVEL = 4
MAX_NAMED = 60
# field names that hold the desa name (normalised: lower case, letters and digits only); BIG: WADMKD, NAMOBJ
NAME_FIELDS = ("wadmkd", "namobj", "nama", "namadesa", "namadesakel", "nmdesa", "desa", "desakel", "desakelurahan",
               "kelurahan", "name", "village")

register({
    "batas_suffix": ("batas wilayah dibaca dari GeoJSON (.geojson, .json), Shapefile dalam .zip atau GeoPackage "
                     "(.gpkg), bukan {suffix}", "boundaries are read from GeoJSON (.geojson, .json), a zipped "
                     "Shapefile (.zip) or a GeoPackage (.gpkg), not {suffix}"),
    "batas_unreadable": ("tidak dapat dibuka sebagai GeoJSON, Shapefile (.zip berisi .shp, .shx, .dbf, .prj) atau "
                         "GeoPackage", "cannot be opened as GeoJSON, Shapefile (.zip holding .shp, .shx, .dbf, "
                         ".prj) or GeoPackage"),
    "batas_no_layer": ("tidak ada lapisan poligon di berkas", "the file holds no polygon layer"),
    "batas_no_crs": ("berkas tanpa sistem koordinat (CRS) dan koordinatnya bukan derajat bujur/lintang; simpan ulang "
                     "dengan CRS (di Shapefile: berkas .prj)", "the file has no coordinate reference system (CRS) and "
                     "its coordinates are not longitude/latitude degrees; save it again with its CRS (Shapefile: the "
                     ".prj file)"),
    "batas_crs_assumed": ("Berkas tanpa sistem koordinat (CRS); koordinatnya dianggap WGS84 (bujur/lintang)",
                          "The file has no coordinate reference system (CRS); its coordinates are taken as WGS84 "
                          "(longitude/latitude)"),
    "batas_no_code": ("Tidak ada kolom berisi kode desa {kabupaten} (dengan atau tanpa titik, mis. KDEPUM); kolom "
                      "yang diperiksa: {columns}", "No column holds desa codes of {kabupaten} (dotted or not, e.g. "
                      "KDEPUM); columns checked: {columns}"),
    "batas_without_code": ("{n} poligon tanpa kode desa, tidak diimpor (fitur ke-): {rows}",
                           "{n} polygons without a desa code, not imported (feature no.): {rows}"),
    "batas_without_geometry": ("{n} desa dengan geometri kosong atau bukan poligon, tidak diimpor: {names}",
                               "{n} desa with an empty or non-polygon geometry, not imported: {names}"),
    "batas_missing": ("{n} desa tanpa poligon di berkas (tetap tanpa batas di peta): {names}",
                      "{n} desa without a polygon in the file (no boundary on the map): {names}"),
    "batas_repaired": ("{n} poligon tidak sah (mis. garis batas berpotongan) diperbaiki: {names}",
                       "{n} invalid polygons (e.g. self-intersecting) repaired: {names}"),
    "batas_merged": ("{n} desa punya beberapa poligon, digabung menjadi satu: {names}",
                     "{n} desa have several polygons, merged into one: {names}"),
})


def is_boundary_file(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def read_layer(path: Path) -> gpd.GeoDataFrame:
    """The file's polygon layer (the first one holding polygons), as geopandas reads it. Raises UnreadableFile."""
    import pyogrio

    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableFile("batas_suffix", suffix=suffix or "''")
    try:
        layers = pyogrio.list_layers(path)
    except Exception as exc:  # GDAL raises its own errors for damaged or foreign files
        raise UnreadableFile("batas_unreadable") from exc
    # a layer of polygons first; else one of mixed or unknown type (a GeoJSON mixing Polygon and MultiPolygon)
    kinds = [(name, str(kind).lower()) for name, kind in layers if kind]
    polygonal = [name for name, kind in kinds if "polygon" in kind]
    polygonal += [name for name, kind in kinds if kind in ("unknown", "geometry", "geometrycollection")]
    if not polygonal:
        raise UnreadableFile("batas_no_layer")
    try:
        return gpd.read_file(path, layer=polygonal[0], on_invalid="fix")
    except Exception as exc:
        raise UnreadableFile("batas_unreadable") from exc


def in_wgs84(frame: gpd.GeoDataFrame, report: Report) -> gpd.GeoDataFrame:
    """The frame in EPSG:4326: reprojected from its own CRS, or taken as such without one when it is in degrees."""
    if frame.crs is None:
        xmin, ymin, xmax, ymax = frame.total_bounds if len(frame) else (0, 0, 0, 0)
        if not (-180 <= xmin <= xmax <= 180 and -90 <= ymin <= ymax <= 90):
            raise UnreadableFile("batas_no_crs")
        report.warning("batas_crs_assumed")
        return frame.set_crs(geo.CRS)
    return frame if frame.crs.equals(geo.CRS) else frame.to_crs(geo.CRS)


def _norm(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(header).lower())


def _listed(items: list[str]) -> str:
    """At most MAX_NAMED items, then how many more."""
    shown = ", ".join(items[:MAX_NAMED])
    return shown if len(items) <= MAX_NAMED else f"{shown}, … (+{len(items) - MAX_NAMED})"


def find_code_column(frame: pd.DataFrame, desa: set[str]) -> tuple[str | None, pd.Series]:
    """The column whose values match the most desa codes of the kabupaten, and its values as dotted codes."""
    best: tuple[int, str | None, pd.Series] = (0, None, pd.Series(dtype=object))
    for column in frame.columns:
        if column == frame.geometry.name:
            continue
        codes = parse.map_unique(frame[column].reset_index(drop=True), parse.normalise_kode)
        score = int(codes.isin(desa).sum())
        if score > best[0]:
            best = (score, column, codes)
    return best[1], best[2]


def find_name_column(frame: pd.DataFrame, code_column: str) -> str | None:
    names = {_norm(c): c for c in frame.columns if c not in (code_column, frame.geometry.name)}
    return next((names[n] for n in NAME_FIELDS if n in names), None)


def validate_boundaries(path: Path, context: ImportContext, report: Report) -> list[TableData]:
    """Read and check a boundary file; the rows for ``batas_wilayah`` (empty when the report has errors)."""
    frame = in_wgs84(read_layer(path), report).reset_index(drop=True)
    ref = context.reference
    prefix = ref.kabupaten + "."
    desa = {code for code, level in ref.level.items() if level == DESA_LEVEL and code.startswith(prefix)}
    code_column, codes = find_code_column(frame, desa)
    if code_column is None:
        columns = [str(c) for c in frame.columns if c != frame.geometry.name]
        report.error("batas_no_code", kabupaten=ref.kabupaten_name, columns=", ".join(columns) or "-")
        return []
    if not _check_codes(codes, code_column, context, report):
        return []
    keep = codes.notna().to_numpy()
    kode = codes[keep].to_numpy(dtype=object)
    name_column = find_name_column(frame, code_column)
    names = (frame[name_column].to_numpy(dtype=object)[keep] if name_column is not None
             else np.array([ref.name[c] for c in kode], dtype=object))
    names = np.array([n if isinstance(n, str) and n.strip() else ref.name[c] for n, c in zip(names, kode, strict=True)],
                     dtype=object)
    rows = _polygons(frame.geometry.to_numpy()[keep], kode, names, report)
    missing = sorted(desa - set(rows["kode"]))
    if missing:
        report.warning("batas_missing", n=len(missing), names=_listed([f"{ref.name[c]} ({c})" for c in missing]))
    return [TableData(TABLE, rows, ("tingkat",), unique=("kode",))]


def _check_codes(codes: pd.Series, column: str, context: ImportContext, report: Report) -> bool:
    """Blank or malformed codes: polygons without a code (a lake, a forest), a warning; a code that is no desa of the
    kabupaten: an error, as in every kind. False when there were errors."""
    ref = context.reference
    features = np.arange(1, len(codes) + 1)
    without = codes.isna().to_numpy()
    if without.any():
        report.warning("batas_without_code", n=int(without.sum()), rows=_listed([str(f) for f in features[without]]))
    reasons = parse.map_unique(codes, lambda c: ref.check_code(c, (DESA_LEVEL,))).fillna(CODE_OK)
    for row, code, reason in zip(features, codes, reasons, strict=True):
        if reason != CODE_OK:
            report.error(reason, row=int(row), column=str(column), value=code, kabupaten=ref.kabupaten_name,
                         levels=LEVEL_NAMES[DESA_LEVEL])
    return report.ok


def _polygons(geometries: np.ndarray, kode: np.ndarray, names: np.ndarray, report: Report) -> pd.DataFrame:
    """One repaired, simplified polygon per desa code with its label point, as stored; what was done is reported."""
    def named(mask: np.ndarray) -> str:
        return _listed([f"{n} ({c})" for n, c in zip(names[mask], kode[mask], strict=True)])

    # geometry: only polygons count; a point, a line or nothing leaves the desa without a polygon
    polygonal = np.isin(shapely.get_type_id(geometries), (3, 6)) & ~shapely.is_empty(geometries)  # (Multi)Polygon
    if (~polygonal).any():
        report.warning("batas_without_geometry", n=int((~polygonal).sum()), names=named(~polygonal))
    geometries, kode, names = geometries[polygonal], kode[polygonal], names[polygonal]
    invalid = ~shapely.is_valid(geometries)
    if invalid.any():
        report.warning("batas_repaired", n=int(invalid.sum()), names=named(invalid))
    geometries = geo.repair(geometries)

    # one desa drawn as several features: one polygon
    repeated = pd.Series(kode).duplicated(keep=False).to_numpy()
    if repeated.any():
        first = ~pd.Series(kode).duplicated(keep="first").to_numpy()
        report.warning("batas_merged", n=int((repeated & first).sum()), names=named(repeated & first))
        groups = pd.Series(np.arange(len(kode))).groupby(kode, sort=False).indices
        merged = {code: shapely.union_all(geometries[index]) for code, index in groups.items() if len(index) > 1}
        geometries = np.array([merged.get(c, g) for c, g in zip(kode, geometries, strict=True)], dtype=object)
        geometries, kode, names = geometries[first], kode[first], names[first]

    order = np.argsort(kode, kind="stable")
    kode, names, geometries = kode[order], names[order], geometries[order]
    shapes = geo.with_labels(pd.Series(kode), pd.Series(names),
                             geo.simplify(geometries, pd.Series(kode).str[:geo.CODE_LENGTH[geo.KECAMATAN]]))
    shapes = shapes[~shapes.geometry.is_empty].reset_index(drop=True)
    return pd.DataFrame({"kode": shapes["kode"], "nama": shapes["nama"], "tingkat": geo.DESA,
                         "label_x": shapes["label_x"], "label_y": shapes["label_y"],
                         "geometry_wkb": shapely.to_wkb(shapes.geometry.to_numpy())})
