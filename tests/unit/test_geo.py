"""Boundaries as they really are: invalid polygons repaired without losing a code, missing polygons reported; the
shipped files cover every kecamatan of Indonesia and the desa of five kabupaten (35.13 among them)."""

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
    raw = shapely.from_geojson((FIXTURES / "desa_6310.geojson").read_text())
    frame = geo.read_boundaries(FIXTURES / "desa_6310.geojson")
    before = shapely.get_num_coordinates(raw)
    after = shapely.get_num_coordinates(frame.geometry.to_numpy()).sum()
    assert after < 0.7 * before
    # no slivers opened between neighbours: the union has no more holes than before simplifying
    holes = [len(p.interiors) for p in shapely.get_parts(shapely.union_all(frame.geometry.to_numpy()))]
    holes_raw = [len(p.interiors) for p in shapely.get_parts(shapely.union_all(shapely.get_parts(raw)))]
    assert sum(holes) <= sum(holes_raw)


def test_shipped_file_is_what_the_build_rule_makes_of_the_source():
    """tools/build_boundaries.py ships read_boundaries per parent: the raw 63.10 desa give the shipped file."""
    built = geo.read_boundaries(FIXTURES / "desa_6310.geojson", 2).sort_values("kode", ignore_index=True)
    shipped = geo.load_boundaries("63.10", geo.DESA)
    assert shipped["kode"].tolist() == built["kode"].tolist()
    assert shapely.equals(shipped.geometry.to_numpy(), built.geometry.to_numpy()).all()


def test_the_build_rule_repairs_the_faulty_source_and_keeps_every_code():
    raw = json.loads((FIXTURES / "kecamatan_faulty.geojson").read_text())
    frame = geo.read_boundaries(FIXTURES / "kecamatan_faulty.geojson", 5)
    assert frame["kode"].tolist() == [feature["properties"]["kode"] for feature in raw["features"]]
    assert frame.geometry.is_valid.all() and not frame.geometry.is_empty.any()
    # coordinates on the 0.00001 degree grid
    xy = shapely.get_coordinates(frame.geometry.to_numpy())
    assert abs(xy * 1e5 - (xy * 1e5).round()).max() < 1e-6


def test_outline_follows_the_drawn_polygons(tmp_path):
    desa = geo.load_boundaries("35.13", geo.DESA)
    inside = desa[desa["kode"].str.startswith("35.13.01.")].geometry.to_numpy()
    edge = geo.outline("35.13", geo.DESA, "35.13.01")
    assert shapely.area(shapely.union_all(edge)) == pytest.approx(shapely.area(shapely.union_all(inside)), rel=1e-3)
    assert shapely.covers(shapely.buffer(shapely.union_all(edge), 1e-9), shapely.union_all(inside))
    # without desa polygons the drilled kecamatan's own boundary is drawn
    shutil.copy(geo.boundary_file("35.13", geo.KECAMATAN), tmp_path)
    fallback = geo.outline("35.13", geo.DESA, "35.13.01", tmp_path)
    kecamatan = geo.load_boundaries("35.13", geo.KECAMATAN, tmp_path)
    assert shapely.equals(fallback[0], kecamatan.geometry[kecamatan["kode"] == "35.13.01"].iloc[0])


def reference_codes(tingkat: str, parent: str = "") -> set[str]:
    reference = pd.read_csv(REFERENCE_DIR / "wilayah.csv", dtype=str)
    return set(reference.loc[(reference["tingkat"] == tingkat) & reference["kode"].str.startswith(parent), "kode"])


def test_every_kecamatan_of_indonesia_ships_and_every_kabupaten_has_a_kecamatan_map():
    kabupaten = sorted(reference_codes("2"))
    assert len(kabupaten) == 514
    assert all(geo.has_boundaries(k, geo.KECAMATAN) for k in kabupaten)
    assert all(geo.has_boundaries(k, geo.KABUPATEN) for k in kabupaten)
    codes = set(pd.read_parquet(geo.boundary_file("", geo.KECAMATAN), columns=["kode"])["kode"])
    assert codes == reference_codes("3")
    provinsi = set(pd.read_parquet(geo.boundary_file("", geo.PROVINSI), columns=["kode"])["kode"])
    assert provinsi == reference_codes("1")


@pytest.mark.parametrize("kabupaten", ["35.13", "16.03", "63.10", "64.09", "75.02", "35.78", "91.03", "94.01",
                                       "11.01", "71.71"])
def test_a_kabupatens_kecamatan_map_has_a_valid_polygon_for_every_kecamatan(kabupaten):
    """Across Indonesia, kabupaten and kota (Surabaya 35.78, Manado 71.71), Papua (91.03, 94.01), Aceh (11.01)."""
    polygons = geo.polygons_of(kabupaten, geo.KECAMATAN)
    expected = reference_codes("3", kabupaten + ".")
    assert set(polygons["kode"]) == expected and len(polygons) == len(expected)
    assert polygons.geometry.is_valid.all() and not polygons.geometry.is_empty.any()
    assert set(polygons.geom_type) <= {"Polygon", "MultiPolygon"}
    assert shapely.covers(polygons.geometry.to_numpy(), shapely.points(polygons["label_x"], polygons["label_y"])).all()
    values = polygons[["kode", "nama"]].assign(value=1.0)
    joined = geo.join(values, polygons, kabupaten)
    assert len(joined.mapped) == len(expected) and joined.no_polygon.empty and joined.unknown_polygons.empty
    edge = geo.outline(kabupaten, geo.KECAMATAN, kabupaten)
    assert shapely.is_valid(edge).all() and len(edge)
    own = geo.load_boundaries(kabupaten, geo.KABUPATEN)
    assert own["kode"].tolist() == [kabupaten] and own.geometry.is_valid.all()


@pytest.mark.parametrize(("kabupaten", "missing"), [("35.13", 0), ("16.03", 2), ("63.10", 8), ("64.09", 0),
                                                    ("75.02", 0)])
def test_desa_polygons_ship_for_the_desa_kabupaten_and_the_missing_ones_are_reported(kabupaten, missing):
    assert geo.has_boundaries(kabupaten, geo.DESA)
    desa = reference_codes("4", kabupaten + ".")
    values = pd.DataFrame({"kode": sorted(desa)}).assign(value=1.0)
    polygons = geo.polygons_of(kabupaten, geo.DESA)
    assert polygons.geometry.is_valid.all() and not polygons.geometry.is_empty.any()
    joined = geo.join(values, polygons, kabupaten)
    assert len(joined.no_polygon) == missing
    assert len(joined.mapped) + len(joined.no_polygon) == len(values)
    assert joined.unknown_polygons.empty


def test_desa_maps_only_where_desa_polygons_ship():
    assert not geo.has_boundaries("35.78", geo.DESA) and not geo.has_boundaries("91.03", geo.DESA)
    assert geo.polygons_of("35.78", geo.DESA).empty
    assert not geo.has_boundaries("99.99", geo.KECAMATAN)
