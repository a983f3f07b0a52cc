"""Boundaries as they really are: invalid polygons repaired without losing a code, missing polygons reported."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
import shapely

from dashboard.maps import geo
from dashboard.paths import REFERENCE_DIR

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "boundaries"


def test_invalid_source_polygons_are_repaired_and_keep_every_code():
    raw = json.loads((FIXTURES / "kecamatan_faulty.geojson").read_text())
    codes = [feature["properties"]["kode"] for feature in raw["features"]]
    frame = geo.read_boundaries(FIXTURES / "kecamatan_faulty.geojson")
    assert frame["kode"].tolist() == codes
    assert frame.geometry.is_valid.all() and not frame.geometry.is_empty.any()
    assert set(frame.geom_type) <= {"Polygon", "MultiPolygon"}
    # each label point lies inside its own polygon, so a name never floats in the sea
    points = shapely.points(frame["label_x"], frame["label_y"])
    assert shapely.covers(frame.geometry.to_numpy(), points).all()


def test_repair_keeps_the_area_and_only_polygons():
    bowtie = shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2), (0, 0)])
    with_spike = shapely.Polygon([(0, 0), (1, 0), (1, 1), (1, 2), (1, 1), (0, 1), (0, 0)])
    repaired = geo.repair([bowtie, with_spike])
    assert [g.geom_type for g in repaired] == ["MultiPolygon", "Polygon"]
    assert repaired[0].area == 2.0 and repaired[1].area == 1.0


def test_codes_without_polygon_are_reported_by_the_join():
    """Tanah Bumbu (63.10): the reference has 157 desa, the boundary file 149 polygons."""
    reference = pd.read_csv(REFERENCE_DIR / "wilayah.csv", dtype=str)
    desa = reference[(reference["tingkat"] == "4") & reference["kode"].str.startswith("63.10.")]
    values = desa[["kode", "nama"]].assign(value=1.0)
    raw = json.loads((FIXTURES / "desa_6310.geojson").read_text())
    with_polygon = {feature["properties"]["kode"] for feature in raw["features"]}

    joined = geo.join(values, geo.read_boundaries(FIXTURES / "desa_6310.geojson"), "63.10")
    assert set(joined.no_polygon["kode"]) == set(desa["kode"]) - with_polygon
    assert len(joined.no_polygon) == 8
    assert len(joined.mapped) + len(joined.no_polygon) == len(values)
    assert set(joined.unknown_polygons["kode"]) == with_polygon - set(desa["kode"])


def test_simplification_keeps_neighbours_touching():
    frame = geo.load_boundaries("35.13", geo.DESA)
    raw = shapely.from_geojson((geo.boundary_file("35.13", geo.DESA)).read_text())
    before = shapely.get_num_coordinates(raw)
    after = shapely.get_num_coordinates(frame.geometry.to_numpy()).sum()
    assert after < 0.7 * before
    # no slivers opened between neighbours: the union has no more holes than before simplifying
    holes = [len(p.interiors) for p in shapely.get_parts(shapely.union_all(frame.geometry.to_numpy()))]
    holes_raw = [len(p.interiors) for p in shapely.get_parts(shapely.union_all(shapely.get_parts(raw)))]
    assert sum(holes) <= sum(holes_raw)


def test_outline_follows_the_drawn_polygons(tmp_path):
    desa = geo.load_boundaries("35.13", geo.DESA)
    inside = desa[desa["kode"].str.startswith("35.13.01.")].geometry.to_numpy()
    edge = geo.outline("35.13", geo.DESA, "35.13.01")
    assert shapely.area(shapely.union_all(edge)) == pytest.approx(shapely.area(shapely.union_all(inside)), rel=1e-3)
    assert shapely.covers(shapely.buffer(shapely.union_all(edge), 1e-9), shapely.union_all(inside))
    # without desa polygons the drilled kecamatan's own boundary is drawn
    shutil.copy(geo.boundary_file("35.13", geo.KECAMATAN), tmp_path)
    fallback = geo.outline("35.13", geo.DESA, "35.13.01", tmp_path)
    kecamatan = geo.read_boundaries(tmp_path / geo.boundary_file("35.13", geo.KECAMATAN).name)
    assert shapely.equals(fallback[0], kecamatan.geometry[kecamatan["kode"] == "35.13.01"].iloc[0])
