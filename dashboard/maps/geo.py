"""Boundaries for the maps: shipped GeoParquet read once per kabupaten, repaired, and joined to figures by code.

The product ships boundaries for all of Indonesia (``data/boundaries/``, built by ``tools/build_boundaries.py``
from the faulty real source files with this module's own ``read_boundaries``): one file per level (``provinsi``,
``kabupaten``, ``kecamatan``) and ``desa_<kode>`` for the kabupaten that have desa polygons. A kabupaten's polygons
are a filtered read of the national file by code. The source files are real and faulty (see
``data/boundaries/README.md``): polygons may be invalid, and a code may have no polygon or a polygon no code.
Repair keeps every code; the join reports both kinds of mismatch instead of dropping them, so a figure never
silently leaves the map's totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import shapely

from dashboard.paths import BOUNDARIES_DIR

PROVINSI, KABUPATEN, KECAMATAN, DESA = "provinsi", "kabupaten", "kecamatan", "desa"
CODE_LENGTH = {PROVINSI: 2, KABUPATEN: 5, KECAMATAN: 8, DESA: 13}
# Simplification tolerance in degrees (~55 m): invisible on a projected kabupaten (about 50 m a pixel across a
# 100 km kabupaten on a 1920 px screen); drops 40% of the desa vertices. The source kecamatan, kabupaten and
# provinsi polygons are already coarse: it drops only 5-10% of theirs.
TOLERANCE = 0.0005
PRECISION = 1e-5  # coordinates on a grid of 0.00001 degrees (~1 m)
SUFFIX = ".parquet"
CRS = "EPSG:4326"
NO_BOUNDARIES = gpd.GeoDataFrame({"kode": pd.Series(dtype=str), "nama": pd.Series(dtype=str),
                                 "label_x": pd.Series(dtype=float), "label_y": pd.Series(dtype=float)},
                                geometry=gpd.GeoSeries([], crs=CRS))


def boundary_file(kabupaten: str, level: str, folder: Path = BOUNDARIES_DIR) -> Path:
    """The shipped file holding a kabupaten's polygons of one level: one national file per level above desa
    (``kecamatan.parquet``), one file per kabupaten for desa (``desa_3513.parquet``)."""
    name = f"{DESA}_{kabupaten.replace('.', '')}" if level == DESA else level
    return folder / f"{name}{SUFFIX}"


@lru_cache(maxsize=16)
def _kabupaten_in(path: Path) -> frozenset[str]:
    """The kabupaten codes a shipped file has polygons for (its ``kode`` column only)."""
    codes = pq.read_table(path, columns=["kode"]).column("kode").to_pylist()
    return frozenset(code[:CODE_LENGTH[KABUPATEN]] for code in codes)


def has_boundaries(kabupaten: str, level: str, folder: Path = BOUNDARIES_DIR) -> bool:
    """Whether the product ships polygons of ``level`` for the kabupaten (or a provinsi's kab/kota): kecamatan for
    every kabupaten/kota, desa for the few with a desa file."""
    path = boundary_file(kabupaten, level, folder)
    return path.is_file() and any(k == kabupaten or k.startswith(kabupaten + ".") for k in _kabupaten_in(path))


def repair(geometries: np.ndarray) -> np.ndarray:
    """Valid polygons for every input. The "structure" method rebuilds area from the shells and holes (nested
    shells, a hole outside its shell, self-intersections) and drops collapsed parts, so the result is always
    polygonal; the default "linework" method fails on such mixed input."""
    return shapely.make_valid(np.asarray(geometries, dtype=object), method="structure", keep_collapsed=False)


def simplify(geometries: np.ndarray, parents: pd.Series | None = None, tolerance: float = TOLERANCE) -> np.ndarray:
    """Simplified as a coverage per parent (all at once without ``parents``), so neighbours keep their shared edge
    (simplifying each polygon alone opens gaps); coordinates then rounded to ``PRECISION`` (the precision reducer
    keeps every polygon valid)."""
    geometries = np.asarray(geometries, dtype=object)
    rows = pd.Series(np.arange(len(geometries)))
    groups = [rows.to_numpy()] if parents is None else rows.groupby(np.asarray(parents)).indices.values()
    simplified = np.empty(len(geometries), dtype=object)
    for index in groups:
        simplified[index] = shapely.coverage_simplify(geometries[index], tolerance)
    return repair(shapely.set_precision(simplified, PRECISION))


def with_labels(kode: pd.Series, nama: pd.Series, geometries: np.ndarray) -> gpd.GeoDataFrame:
    """``kode``, ``nama``, the polygons and a label point ``label_x/label_y`` inside each (unlike a centroid of a
    crescent), so a name never floats in the sea."""
    labels = shapely.point_on_surface(geometries)
    return gpd.GeoDataFrame({"kode": pd.Series(kode).astype(str).to_numpy(),
                             "nama": pd.Series(nama).astype(str).to_numpy(),
                             "label_x": shapely.get_x(labels), "label_y": shapely.get_y(labels)},
                            geometry=gpd.GeoSeries(geometries, crs=CRS))


def read_boundaries(path: Path, parent_length: int | None = None) -> gpd.GeoDataFrame:
    """Polygons of one raw source GeoJSON (``kode``, ``nama``, ``geometry``, label point), repaired and simplified
    as ``simplify`` does, per parent code of ``parent_length`` characters (one coverage without it), in file order.
    What ``tools/build_boundaries.py`` ships.

    ``on_invalid="fix"``: a ring that is not closed would otherwise stop the whole file from loading.
    """
    frame = gpd.read_file(path, columns=["kode", "nama"], on_invalid="fix")
    parents = None if parent_length is None else frame["kode"].astype(str).str[:parent_length]
    return with_labels(frame["kode"], frame["nama"], simplify(repair(frame.geometry.to_numpy()), parents))


def read_shipped(path: Path, code: str) -> gpd.GeoDataFrame:
    """The polygons of a shipped file whose code is ``code`` or under it, in code order. The files are sorted by
    code in row groups of 1,024 polygons, so the filter reads only the groups holding that code (the statistics
    of the others rule them out; '/' follows '.')."""
    table = pq.read_table(path, columns=["kode", "nama", "label_x", "label_y", "geometry"],
                          filters=[("kode", ">=", code), ("kode", "<", code + "/")])
    frame = table.to_pandas()
    frame = frame[(frame["kode"] == code) | frame["kode"].str.startswith(code + ".")].reset_index(drop=True)
    # already repaired when built; decoding tolerates an unclosed ring and the repair is a cheap guard
    geometries = repair(shapely.from_wkb(frame.pop("geometry").to_numpy(), on_invalid="fix"))
    frame[["kode", "nama"]] = frame[["kode", "nama"]].astype(str)
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometries, crs=CRS))


@lru_cache(maxsize=16)
def load_boundaries(kabupaten: str, level: str, folder: Path = BOUNDARIES_DIR) -> gpd.GeoDataFrame:
    """The shipped polygons of one level of a kabupaten, read once per process (the files never change while
    the app runs; callers must not modify the frame)."""
    return read_shipped(boundary_file(kabupaten, level, folder), kabupaten)


def polygons_of(kabupaten: str, level: str, folder: Path = BOUNDARIES_DIR) -> gpd.GeoDataFrame:
    """The polygons of one level, or none where the product ships none for the kabupaten (every figure is then
    listed as having no polygon)."""
    return load_boundaries(kabupaten, level, folder) if has_boundaries(kabupaten, level, folder) else NO_BOUNDARIES


@lru_cache(maxsize=64)
def outline(kabupaten: str, level: str, parent: str, folder: Path = BOUNDARIES_DIR) -> np.ndarray:
    """The edge of the mapped area: the union of the polygons drawn under ``parent``, so it follows them exactly
    (the kabupaten and kecamatan files are coarser than the desa file). Slivers between neighbours that do not
    quite meet are closed; a real enclave (a hole of at least 0.5 % of the area) stays open. Without polygons,
    the parent's own boundary."""
    return outline_of(polygons_of(kabupaten, level, folder), kabupaten, parent, folder)


def outline_of(polygons: gpd.GeoDataFrame, kabupaten: str, parent: str, folder: Path = BOUNDARIES_DIR) -> np.ndarray:
    """``outline`` of the given polygons (the shipped ones, or a kabupaten's imported desa boundaries)."""
    under = polygons.geometry[polygons["kode"].str.startswith(parent + ".")].to_numpy()
    if not len(under):
        parent_level = {CODE_LENGTH[PROVINSI]: PROVINSI, CODE_LENGTH[KABUPATEN]: KABUPATEN}.get(len(parent), KECAMATAN)
        own = load_boundaries(kabupaten, parent_level, folder)
        return own.geometry[own["kode"] == parent].to_numpy()
    union = shapely.union_all(under)
    area = shapely.area(union)
    return np.array([shapely.Polygon(part.exterior, [ring for ring in part.interiors
                                                     if shapely.Polygon(ring).area >= 0.005 * area])
                     for part in shapely.get_parts(union)], dtype=object)


def from_stored(rows: pd.DataFrame) -> gpd.GeoDataFrame:
    """Polygons stored as WKB with ``kode``, ``nama`` and their label point (imported boundaries, kind ``batas``):
    already repaired and simplified on import, so only decoded here; rows without a polygon are left out."""
    rows = rows[rows["geometry_wkb"].notna()]
    if rows.empty:
        return NO_BOUNDARIES
    geometries = shapely.from_wkb(np.array([bytes(b) for b in rows["geometry_wkb"]], dtype=object))
    return gpd.GeoDataFrame({"kode": rows["kode"].astype(str).to_numpy(), "nama": rows["nama"].astype(str).to_numpy(),
                             "label_x": rows["label_x"].to_numpy(dtype=float),
                             "label_y": rows["label_y"].to_numpy(dtype=float)},
                            geometry=gpd.GeoSeries(geometries, crs=CRS))


@dataclass(frozen=True)
class MapJoin:
    """Figures joined to polygons, and what did not meet."""

    mapped: gpd.GeoDataFrame        # one row per figure row that has a polygon
    no_polygon: pd.DataFrame        # figure rows whose code has no polygon (listed beside the map, kept in totals)
    unknown_polygons: pd.DataFrame  # polygons under the mapped area whose code has no figure row (kode, nama)


def join(values: pd.DataFrame, boundaries: gpd.GeoDataFrame, parent: str) -> MapJoin:
    """Join ``values`` (one row per ``kode``) to the polygons under ``parent`` by Kemendagri code."""
    shapes = boundaries[boundaries["kode"].str.startswith(parent + ".")]
    # a plain pandas merge: a GeoDataFrame merge costs ten times more, and the small multiples join 28 times
    merged = values.merge(pd.DataFrame(shapes.drop(columns="nama")), on="kode", how="outer", indicator=True)
    side = merged.pop("_merge")
    mapped = gpd.GeoDataFrame(merged[side == "both"], geometry="geometry", crs=boundaries.crs)
    no_polygon = values[values["kode"].isin(merged.loc[side == "left_only", "kode"])]
    unknown = shapes[shapes["kode"].isin(merged.loc[side == "right_only", "kode"])]
    return MapJoin(mapped.reset_index(drop=True), no_polygon.reset_index(drop=True),
                   pd.DataFrame(unknown[["kode", "nama"]]).reset_index(drop=True))
