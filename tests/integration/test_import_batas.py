"""Kind ``batas``: desa boundaries from the office's own file (zipped Shapefile as BIG publishes it, GeoPackage,
GeoJSON in a projected CRS), built here from the shipped desa polygons of Tanah Bumbu (63.10): codes detected in
any column, bad codes refused, invalid polygons repaired, missing desa reported, and the map drawing them."""

from __future__ import annotations

import dataclasses
import zipfile
from functools import partial
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd
import pytest
import shapely

from dashboard.cli import main
from dashboard.db import connect_readonly
from dashboard.filters import Filters
from dashboard.maps import geo
from dashboard.queries import run_query
from dashboard.views import peta
from dashboard.web.upload import import_upload
from tests.support.accounts import TEST_OPERATOR

KABUPATEN = "63.10"
DROPPED = ("63.10.01.2005", "63.10.02.2002")  # two desa left out of the file
BOWTIE = "63.10.03.2001"                      # a desa drawn as a self-intersecting bow-tie


def for_wilayah(settings, kabupaten: str):
    """The test database for another kabupaten: the template recorded 35.13, so the record goes and the next
    write records ``kabupaten`` (as for a database created with that configuration)."""
    con = duckdb.connect(str(settings.database))
    try:
        con.execute("delete from installation")
    finally:
        con.close()
    return dataclasses.replace(settings, kabupaten=kabupaten)


@pytest.fixture
def tanbu(settings):
    """The test database, holding Tanah Bumbu (63.10)."""
    return for_wilayah(settings, KABUPATEN)


@pytest.fixture(scope="module")
def shipped() -> gpd.GeoDataFrame:
    return geo.polygons_of(KABUPATEN, geo.DESA)[["kode", "nama", "geometry"]].copy()


def bowtie(polygon) -> shapely.Polygon:
    xmin, ymin, xmax, ymax = polygon.bounds
    return shapely.Polygon([(xmin, ymin), (xmax, ymax), (xmax, ymin), (xmin, ymax)])


def big_frame(shipped: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """As BIG publishes them: ``KDEPUM`` dotted desa code, ``WADMKD`` name, a few more fields; two desa missing and
    one invalid polygon."""
    frame = shipped[~shipped["kode"].isin(DROPPED)].reset_index(drop=True)
    geometries = frame.geometry.to_numpy()
    at = frame.index[frame["kode"] == BOWTIE][0]
    geometries[at] = bowtie(geometries[at])
    return gpd.GeoDataFrame({"NAMOBJ": frame["nama"], "KDPPUM": "63", "KDPKAB": "63.10",
                             "KDEPUM": frame["kode"], "WADMKD": frame["nama"].str.upper(), "LUASWH": 1.5},
                            geometry=gpd.GeoSeries(geometries, crs=geo.CRS))


def zipped_shapefile(frame: gpd.GeoDataFrame, folder: Path, name: str, prj: bool = True) -> Path:
    shp = folder / "shp" / f"{name}.shp"
    shp.parent.mkdir(exist_ok=True)
    frame.to_file(shp)
    target = folder / f"{name}.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for part in shp.parent.glob(f"{name}.*"):
            if prj or part.suffix != ".prj":
                archive.write(part, part.name)
    return target


def stored(fetch, settings) -> pd.DataFrame:
    rows = fetch(settings, "select kode, nama, tingkat, geometry_wkb, import_id from batas_wilayah order by kode")
    return pd.DataFrame(rows, columns=["kode", "nama", "tingkat", "wkb", "import_id"])


def test_big_shapefile_in_a_zip(shipped, files_dir, tanbu, import_one, fetch):
    path = zipped_shapefile(big_frame(shipped), files_dir, "ADMINISTRASIDESA_AR_25K")

    outcome = import_one(path, using=tanbu)

    assert outcome.status == "imported" and outcome.kind == "batas", outcome.lines
    text = "\n".join(outcome.lines)
    assert f"Diimpor {len(shipped) - 2} baris batas dari ADMINISTRASIDESA_AR_25K.zip (desa)" in text
    missing = next(line for line in outcome.lines if "desa tanpa poligon" in line)
    assert all(code in missing for code in DROPPED) and "Segumbang (63.10.01.2005)" in missing
    repaired = next(line for line in outcome.lines if "tidak sah" in line)
    assert "1 poligon tidak sah" in repaired and BOWTIE in repaired
    rows = stored(fetch, tanbu)
    assert len(rows) == len(shipped) - 2 and set(rows["tingkat"]) == {"desa"}
    assert not set(DROPPED) & set(rows["kode"])
    geometries = shapely.from_wkb(rows["wkb"].map(bytes).to_numpy())
    assert shapely.is_valid(geometries).all() and not shapely.is_empty(geometries).any()
    assert rows.set_index("kode").loc["63.10.01.1007", "nama"] == "BATULICIN"  # the file's own name (WADMKD)
    log = fetch(tanbu, "select kind, file_name, periods, n_rows, n_warnings, status, warnings from import_log")
    assert log[0][:6] == ("batas", "ADMINISTRASIDESA_AR_25K.zip", "desa", len(shipped) - 2, 2, "aktif")
    assert BOWTIE in log[0][6]


def test_geopackage_with_undotted_numeric_codes_replaces_the_earlier_import(shipped, files_dir, tanbu, import_one,
                                                                            fetch):
    assert import_one(zipped_shapefile(big_frame(shipped), files_dir, "big"), using=tanbu).status == "imported"
    codes = shipped["kode"].str.replace(".", "", regex=False).astype("int64")
    lake = shapely.box(115.0, -3.5, 115.01, -3.49)
    island = shapely.box(116.0, -3.6, 116.01, -3.59)  # a second feature of desa 63.10.01.1007
    frame = gpd.GeoDataFrame({"kode_desa": [*codes, None, codes.iloc[0]],
                              "keterangan": [*["desa"] * len(codes), "danau", "pulau"]},
                             geometry=gpd.GeoSeries([*shipped.geometry, lake, island], crs=geo.CRS))
    path = files_dir / "batas_desa_bappeda.gpkg"
    frame.to_file(path, layer="batas_desa", driver="GPKG")

    outcome = import_one(path, kind="batas", using=tanbu)

    assert outcome.status == "imported", outcome.lines
    text = "\n".join(outcome.lines)
    assert "1 poligon tanpa kode desa, tidak diimpor (fitur ke-): " + str(len(codes) + 1) in text
    assert "1 desa punya beberapa poligon, digabung menjadi satu: Batulicin (63.10.01.1007)" in text
    assert "Menggantikan data impor sebelumnya: big.zip" in text
    rows = stored(fetch, tanbu)
    assert sorted(rows["kode"]) == sorted(shipped["kode"]) and rows["import_id"].nunique() == 1
    batulicin = rows.set_index("kode").loc["63.10.01.1007"]
    assert batulicin["nama"] == "Batulicin"  # no name column: the reference's
    assert shapely.intersects(shapely.from_wkb(bytes(batulicin["wkb"])), island.centroid)
    assert fetch(tanbu, "select file_name, status from import_log order by import_id") == [
        ("big.zip", "diganti"), ("batas_desa_bappeda.gpkg", "aktif")]


def test_geojson_in_a_projected_crs_is_reprojected(shipped, files_dir, tanbu, import_one, fetch):
    frame = gpd.GeoDataFrame({"Kode_Desa": shipped["kode"], "Nama_Desa": shipped["nama"]},
                             geometry=shipped.geometry.to_crs("EPSG:32750"))
    path = files_dir / "batas_utm.geojson"
    frame.to_file(path, driver="GeoJSON")

    assert import_one(path, using=tanbu).status == "imported"
    rows = stored(fetch, tanbu).set_index("kode")
    back = shapely.centroid(shapely.from_wkb(rows["wkb"].map(bytes).to_numpy()))
    original = shapely.centroid(shipped.set_index("kode").geometry.loc[rows.index].to_numpy())
    assert (shapely.distance(back, original) < 1e-3).all()  # degrees: within ~100 m after simplifying


def test_shapefile_without_crs_in_metres_is_unreadable(shipped, files_dir, tanbu, import_one, db_snapshot):
    assert import_one(zipped_shapefile(big_frame(shipped), files_dir, "big"), using=tanbu).status == "imported"
    frame = big_frame(shipped).to_crs("EPSG:32750")
    path = zipped_shapefile(frame, files_dir, "tanpa_prj", prj=False)
    before = db_snapshot(tanbu)

    outcome = import_one(path, using=tanbu)

    assert outcome.status == "unreadable"
    assert "tanpa sistem koordinat (CRS)" in "\n".join(outcome.lines)
    assert db_snapshot(tanbu) == before


def test_bad_codes_refuse_the_file_and_write_nothing(shipped, files_dir, tanbu, import_one, db_snapshot):
    assert import_one(zipped_shapefile(big_frame(shipped), files_dir, "big"), using=tanbu).status == "imported"
    before = db_snapshot(tanbu)
    frame = big_frame(shipped)
    extra = gpd.GeoDataFrame({"KDEPUM": ["63.10.01.2999", "35.13.01.2001", "63.10.01"], "WADMKD": ["X", "Y", "Z"]},
                             geometry=gpd.GeoSeries([shapely.box(115, -3.5, 115.01, -3.49)] * 3, crs=geo.CRS))
    path = zipped_shapefile(pd.concat([frame, extra], ignore_index=True), files_dir, "batas_salah")

    outcome = import_one(path, using=tanbu)

    assert outcome.status == "refused"
    text = "\n".join(outcome.lines)
    n = len(frame)
    assert (f"KESALAHAN: batas_salah.zip, baris {n + 1}, kolom KDEPUM: Kode wilayah 63.10.01.2999 tidak ada dalam "
            "referensi Kemendagri") in text
    assert f"baris {n + 2}, kolom KDEPUM: Kode wilayah 35.13.01.2001 di luar Kabupaten Tanah Bumbu (63.10)" in text
    assert f"baris {n + 3}, kolom KDEPUM: Kode 63.10.01 bukan kode desa/kelurahan" in text
    assert "batas_salah.zip DITOLAK: 3 kesalahan" in text
    assert db_snapshot(tanbu) == before


def test_a_file_of_another_kabupaten_names_the_columns_it_checked(files_dir, tanbu, import_one):
    other = geo.polygons_of("35.13", geo.DESA)
    frame = gpd.GeoDataFrame({"KDEPUM": other["kode"], "WADMKD": other["nama"]}, geometry=other.geometry)
    path = files_dir / "probolinggo.geojson"
    frame.to_file(path, driver="GeoJSON")

    outcome = import_one(path, using=tanbu, lang="en")

    assert outcome.status == "refused"
    assert "No column holds desa codes of Kabupaten Tanah Bumbu (63.10) (dotted or not, e.g. KDEPUM); columns " \
           "checked: KDEPUM, WADMKD" in "\n".join(outcome.lines)


def test_command_line_exit_codes(shipped, files_dir, tanbu, import_one, capsys):
    good = zipped_shapefile(big_frame(shipped), files_dir, "big")
    assert import_one(good, using=tanbu).status == "imported"  # the database now holds 63.10
    bad = files_dir / "salah.geojson"
    gpd.GeoDataFrame({"KDEPUM": ["63.10.01.2999"]}, geometry=[shapely.box(115, -3.5, 115.01, -3.49)],
                     crs=geo.CRS).to_file(bad, driver="GeoJSON")
    table = files_dir / "batas.csv"
    table.write_text("kode,nama\n63.10.01.2005,Segumbang\n", encoding="utf-8")
    capsys.readouterr()

    database = str(tanbu.database)
    assert main(["--db", database, "import", "batas", str(good)]) == 0
    assert "big.zip sudah diimpor pada " in capsys.readouterr().out
    assert main(["--db", database, "check", "batas", str(bad)]) == 1
    assert main(["--db", database, "import", "batas", str(bad)]) == 1
    assert "salah.geojson DITOLAK: 1 kesalahan" in capsys.readouterr().err
    assert main(["--db", database, "import", "batas", str(table)]) == 2
    assert "bukan .csv" in capsys.readouterr().err


def test_data_page_upload_accepts_a_zipped_shapefile(shipped, files_dir, tanbu):
    path = zipped_shapefile(big_frame(shipped), files_dir, "unggah")

    outcome = import_upload("Batas Desa (BIG).zip", path.read_bytes(), tanbu, TEST_OPERATOR)

    assert outcome.status == "imported" and outcome.kind == "batas"
    assert any("Diimpor" in line and "batas" in line for line in outcome.lines)


def test_peta_draws_imported_desa_where_the_product_ships_none(settings, files_dir, import_one, fetch):
    """Surabaya (35.78) has no shipped desa file: after the import the desa level is offered and drawn."""
    surabaya = for_wilayah(settings, "35.78")
    desa = fetch(settings, "select kode, nama from wilayah where tingkat = 4 and kode like '35.78.%' order by kode")
    squares = [shapely.box(112.6 + (i % 20) * 0.01, -7.4 + (i // 20) * 0.01, 112.609 + (i % 20) * 0.01,
                           -7.391 + (i // 20) * 0.01) for i in range(len(desa))]
    frame = gpd.GeoDataFrame({"KODE": [k for k, _ in desa], "NAMA": [n for _, n in desa]},
                             geometry=gpd.GeoSeries(squares, crs=geo.CRS))
    path = files_dir / "batas_surabaya.geojson"
    frame.to_file(path, driver="GeoJSON")
    assert not geo.has_boundaries("35.78", geo.DESA)

    assert import_one(path, using=surabaya).status == "imported"

    con = connect_readonly(surabaya.database)
    try:
        run = partial(run_query, con)
        assert peta.has_desa_boundaries(run, "35.78")
        data = peta.load_peta(run, Filters(2026), surabaya, geo.DESA)
        polygons, outline = peta.shapes(data)
        kecamatan = peta.load_peta(run, Filters(2026), surabaya, geo.KECAMATAN)
    finally:
        con.close()
    assert sorted(polygons["kode"]) == [k for k, _ in desa]
    assert polygons.geometry.is_valid.all() and len(outline) >= 1
    assert kecamatan.polygons is None  # the kecamatan level keeps the shipped polygons
