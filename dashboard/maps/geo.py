"""Boundaries for the maps: shipped GeoJSON read once, repaired, simplified, and joined to figures by code.

The boundary files are real and faulty (see ``data/boundaries/README.md``): polygons may be invalid, and a code
may have no polygon or a polygon no code. Repair keeps every code; the join reports both kinds of mismatch
instead of dropping them, so a figure never silently leaves the map's totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard.paths import BOUNDARIES_DIR

KABUPATEN, KECAMATAN, DESA = "kabupaten", "kecamatan", "desa"
CODE_LENGTH = {KABUPATEN: 5, KECAMATAN: 8, DESA: 13}
# Simplification tolerance in degrees (~55 m): invisible on a projected kabupaten; drops 40% of the desa vertices.
TOLERANCE = 0.0005
NO_BOUNDARIES = gpd.GeoDataFrame({"kode": pd.Series(dtype=str), "nama": pd.Series(dtype=str),
                                 "label_x": pd.Series(dtype=float), "label_y": pd.Series(dtype=float)},
                                geometry=gpd.GeoSeries([], crs="EPSG:4326"))


def boundary_file(kabupaten: str, level: str, folder: Path = BOUNDARIES_DIR) -> Path:
    return folder / f"{level}_{kabupaten.replace('.', '')}.geojson"


def has_boundaries(kabupaten: str, level: str, folder: Path = BOUNDARIES_DIR) -> bool:
    return boundary_file(kabupaten, level, folder).is_file()


def repair(geometries: np.ndarray) -> np.ndarray:
    """Valid polygons for every input. The "structure" method rebuilds area from the shells and holes (nested
    shells, a hole outside its shell, self-intersections) and drops collapsed parts, so the result is always
    polygonal; the default "linework" method fails on such mixed input."""
    return shapely.make_valid(np.asarray(geometries, dtype=object), method="structure", keep_collapsed=False)


def read_boundaries(path: Path) -> gpd.GeoDataFrame:
    """Polygons of one file (``kode``, ``nama``, ``geometry``, label point ``label_x/label_y``), repaired.

    ``on_invalid="fix"``: a ring that is not closed would otherwise stop the whole file from loading.
    Simplified as a coverage, so neighbours keep their shared edge (simplifying each polygon alone opens gaps).
    """
    frame = gpd.read_file(path, columns=["kode", "nama"], on_invalid="fix")
    geometries = repair(frame.geometry.to_numpy())
    labels = shapely.point_on_surface(geometries)  # inside the polygon, unlike a centroid of a crescent
    simplified = shapely.coverage_simplify(geometries, TOLERANCE)
    return gpd.GeoDataFrame({"kode": frame["kode"].astype(str), "nama": frame["nama"].astype(str),
                             "label_x": shapely.get_x(labels), "label_y": shapely.get_y(labels)},
                            geometry=simplified, crs=frame.crs)


@lru_cache(maxsize=16)
def load_boundaries(kabupaten: str, level: str, folder: Path = BOUNDARIES_DIR) -> gpd.GeoDataFrame:
    """The shipped polygons of one level of a kabupaten, read once per process (the files never change while
    the app runs; callers must not modify the frame)."""
    return read_boundaries(boundary_file(kabupaten, level, folder))


def polygons_of(kabupaten: str, level: str, folder: Path = BOUNDARIES_DIR) -> gpd.GeoDataFrame:
    """The polygons of one level, or none where the kabupaten has no file for it (every figure is then listed as
    having no polygon)."""
    return load_boundaries(kabupaten, level, folder) if has_boundaries(kabupaten, level, folder) else NO_BOUNDARIES


@lru_cache(maxsize=64)
def outline(kabupaten: str, level: str, parent: str, folder: Path = BOUNDARIES_DIR) -> np.ndarray:
    """The edge of the mapped area: the union of the polygons drawn under ``parent``, so it follows them exactly
    (the kabupaten and kecamatan files are coarser than the desa file). Slivers between neighbours that do not
    quite meet are closed; a real enclave (a hole of at least 0.5 % of the area) stays open. Without polygons,
    the parent's own boundary."""
    polygons = polygons_of(kabupaten, level, folder)
    under = polygons.geometry[polygons["kode"].str.startswith(parent + ".")].to_numpy()
    if not len(under):
        parent_level = KABUPATEN if parent == kabupaten else KECAMATAN
        own = load_boundaries(kabupaten, parent_level, folder)
        return own.geometry[own["kode"] == parent].to_numpy()
    union = shapely.union_all(under)
    area = shapely.area(union)
    return np.array([shapely.Polygon(part.exterior, [ring for ring in part.interiors
                                                     if shapely.Polygon(ring).area >= 0.005 * area])
                     for part in shapely.get_parts(union)], dtype=object)


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
