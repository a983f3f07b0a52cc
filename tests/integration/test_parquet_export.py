"""``rakor export parquet`` (docs/SCALE.md): the demo warehouse written as Hive-partitioned Parquet, read back by
DuckDB through ``open_export``, gives the pages' queries the same frames as the warehouse.

The page loaders (Cakupan, Capaian, Peta, Anggaran) run on the warehouse through a recording ``run``, so every query is
replayed on the export with exactly the parameters the pages use. A kabupaten demo (35.13, the session's) and a
provinsi demo (Gorontalo, 75: six kab/kota, so several partitions) are both exported.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.db import connect_readonly
from dashboard.filters import Filters
from dashboard.maps import geo
from dashboard.queries import load_sql, run_query
from dashboard.scale.parquet import open_export
from dashboard.scale.transpile import transpile
from dashboard.views import anggaran, cakupan, capaian, peta
from tests.support.demo import DemoDatabase, build_test_demo

PAGE_QUERIES = {"coverage_pct_by_wilayah", "attainment_by_wilayah", "ppks_by_wilayah"}


@pytest.fixture(scope="module")
def provinsi(tmp_path_factory) -> DemoDatabase:
    return build_test_demo(tmp_path_factory.mktemp("provinsi75"), "75", 12_000)


def export(demo: DemoDatabase, folder: Path, monkeypatch, *options: str) -> int:
    """``rakor export parquet`` as an office runs it, with the demo's own database, key and configuration."""
    for name, value in demo.env.items():
        monkeypatch.setenv(name, value)
    return main(["export", "parquet", str(folder), *options])


def page_calls(run, filters: Filters, settings) -> list[tuple[str, dict]]:
    """Every query the Cakupan, Capaian, Peta and Anggaran loaders run for ``filters``, with its parameters."""
    calls = []

    def recording(name: str, **params):
        calls.append((name, params))
        return run(name, **params)

    cakupan.load_kecamatan_level(recording, filters, settings)
    capaian.load_capaian(recording, filters, settings)
    peta.load_peta(recording, filters, settings, geo.KECAMATAN)
    anggaran.load_anggaran(recording, filters, settings)
    return calls


def assert_same_frames(demo: DemoDatabase, folder: Path, filters: Filters) -> list[str]:
    """Each page query on the export equals the warehouse's; returns the query names compared."""
    warehouse = connect_readonly(demo.database)
    exported = open_export(folder)
    try:
        calls = page_calls(partial(run_query, warehouse), filters, demo.settings())
        for name, params in calls:
            expected = run_query(warehouse, name, **params)
            pd.testing.assert_frame_equal(run_query(exported, name, **params), expected, obj=name)
        assert any(len(run_query(warehouse, name, **params)) for name, params in calls if name in PAGE_QUERIES)
    finally:
        warehouse.close()
        exported.close()
    return sorted({name for name, _ in calls})


def partitions(folder: Path, table: str) -> set[str]:
    return {path.name.removeprefix("kabupaten=") for path in (folder / table).glob("provinsi=*/kabupaten=*")}


def test_kabupaten_export_answers_the_pages_as_the_warehouse(demo, tmp_path, monkeypatch):
    folder = tmp_path / "parquet"
    assert export(demo, folder, monkeypatch) == 0
    assert partitions(folder, "penerima") == {"35.13"}
    assert (folder / "wilayah" / "data_0.parquet").is_file()  # reference: one plain file
    names = assert_same_frames(demo, folder, Filters(2026))
    assert set(names) >= PAGE_QUERIES


def test_provinsi_export_is_split_by_kab_kota_and_answers_the_pages(provinsi, tmp_path, monkeypatch):
    folder = tmp_path / "parquet"
    assert export(provinsi, folder, monkeypatch) == 0
    with connect_readonly(provinsi.database) as con:
        held = {kab for (kab,) in con.execute("select distinct left(kode_wilayah, 5) from penerima").fetchall()}
        children = {k for (k,) in con.execute("select kode from wilayah where induk = '75'").fetchall()}
    assert len(held) == 6 and held == children
    for table in ("penerima", "dtks_individu", "coverage_households", "capaian_penyaluran", "ppks_rekap"):
        assert partitions(folder, table) == held, table
    # each partition holds only its own kab/kota's rows, and the folders together hold every row
    files = duckdb.sql(f"select left(kode_wilayah, 5) as kab, filename from read_parquet("
                       f"'{folder}/penerima/**/*.parquet', filename = true)").df()
    assert all(f"/kabupaten={kab}/" in name for kab, name in zip(files["kab"], files["filename"], strict=True))
    with connect_readonly(provinsi.database) as con:
        assert len(files) == con.execute("select count(*) from penerima").fetchall()[0][0]
    names = assert_same_frames(provinsi, folder, Filters(2026))
    assert set(names) >= PAGE_QUERIES
    assert_same_frames(provinsi, folder, Filters(2026, kabupaten="75.02"))  # drilled into one kab/kota


def test_kab_option_exports_one_kab_kota(provinsi, tmp_path, monkeypatch):
    folder = tmp_path / "boalemo"
    assert export(provinsi, folder, monkeypatch, "--kab", "75.02") == 0
    assert partitions(folder, "penerima") == partitions(folder, "dtks_keluarga") == {"75.02"}
    assert_same_frames(provinsi, folder, Filters(2026, kabupaten="75.02"))


def test_export_refuses_a_used_folder_and_a_kab_kota_outside(provinsi, tmp_path, monkeypatch, capsys):
    used = tmp_path / "used"
    used.mkdir()
    (used / "other.txt").write_text("x", encoding="utf-8")
    assert export(provinsi, used, monkeypatch) == 2
    assert "tidak kosong" in capsys.readouterr().err
    assert export(provinsi, tmp_path / "new", monkeypatch, "--kab", "35.13") == 2
    assert "35.13 bukan kode kab/kota" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


def test_trino_positional_parameters_bind_in_order(provinsi):
    """The ``?`` form made for Trino, run on DuckDB with the names in the order returned, gives the named run's
    frame: the order is right for the page queries, whose parameters repeat and interleave."""
    with connect_readonly(provinsi.database) as con:
        calls = [call for call in page_calls(partial(run_query, con), Filters(2026), provinsi.settings())
                 if call[0] in PAGE_QUERIES]
        for name, params in calls:
            positional = transpile(load_sql(name), "duckdb", positional=True)
            values = [params[p] for p in positional.parameters]
            got = con.execute(positional.statements[0], values).df()
            pd.testing.assert_frame_equal(got, run_query(con, name, **params), obj=name)
