"""A file read, validated and staged in many small chunks gives exactly what one chunk gives, and what needs the whole
file (households, repeated NIKs, the snapshot month, the cap on listed cells, total rows) is judged over all of it."""

from __future__ import annotations

import shutil
from dataclasses import replace

import duckdb
import pytest

from dashboard.imports.runner import IMPORTED, REFUSED, import_files
from tests.support.rows import HEADER, dtks

TABLES = ("dtks_individu", "dtks_keluarga", "penerima")


def _chunked(settings, rows: int):
    return replace(settings, limits=replace(settings.limits, chunk_rows=rows))


def _contents(database) -> dict[str, list[tuple]]:
    """Every stored row of the data tables (without the import id), sorted."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        return {table: sorted(con.execute(f"select * exclude (import_id) from {table}").fetchall(), key=repr)
                for table in TABLES}
    finally:
        con.close()


def test_demo_files_imported_in_small_chunks_store_exactly_what_one_chunk_stores(demo, settings, tmp_path):
    files = [next(demo.files.glob("dtks_*.csv")), next(demo.files.glob("penerima_pkh_*.csv"))]
    whole, chunked = settings, _chunked(replace(settings, database=tmp_path / "chunked" / "rakor.duckdb"), 997)
    chunked.database.parent.mkdir()
    shutil.copyfile(whole.database, chunked.database)
    for target in (whole, chunked):
        outcomes = import_files(files, target, progress=lambda _m: None)
        assert [o.status for o in outcomes] == [IMPORTED, IMPORTED]
    one, many = _contents(whole.database), _contents(chunked.database)
    assert len(one["dtks_individu"]) > 10 * 997  # many chunks, households straddling their borders
    assert one == many


def test_household_split_across_chunks_is_one_household(settings, write_csv, import_one, fetch):
    import_one(write_csv("dtks_2025-05.csv", dtks(9)), using=_chunked(settings, 3))  # households of two, chunks of 3
    households = fetch(settings, "select keluarga_id, n_art from dtks_keluarga order by keluarga_id")
    # members (1,2) (3,4) (5,6) (7,8) and 9 alone; (3,4) straddles the first two chunks
    assert [n for _, n in households] == [2, 2, 2, 2, 1]


def test_repeated_nik_in_a_later_chunk_names_the_first_row(settings, write_csv, import_one, fetch):
    rows = dtks(10)
    rows[9][2] = rows[2][2]  # line 10 repeats the NIK of line 3, four chunks later
    outcome = import_one(write_csv("dtks_2025-05.csv", rows), using=_chunked(settings, 2))
    assert outcome.status == REFUSED
    assert any("baris 10" in line and "baris 3" in line for line in outcome.lines), outcome.lines
    assert fetch(settings, "select count(*) from dtks_individu") == [(0,)]


def test_listed_cells_are_capped_over_the_whole_file(settings, write_csv, import_one):
    rows = dtks(1200)
    for row in rows[1:]:
        row[5] = "sebelas"  # every desil refused
    outcome = import_one(write_csv("dtks_2025-05.csv", rows), using=_chunked(settings, 100))
    # 500 cells listed and one line for the other 700 (not 100 per chunk): the report shows 200 lines of those 501
    assert outcome.status == REFUSED
    assert any("dan 301 masalah lain" in line for line in outcome.lines), outcome.lines[-3:]


def test_snapshot_month_from_the_latest_update_is_one_month_for_the_whole_file(settings, write_csv, import_one,
                                                                                 fetch):
    rows = dtks(6, updated="2025-03-10")
    rows[6][6] = "2025-07-02"  # the latest update is in the last chunk
    outcome = import_one(write_csv("dtks_tanpa_bulan.csv", rows), using=_chunked(settings, 2))
    assert outcome.status == IMPORTED
    assert fetch(settings, "select distinct periode from dtks_individu") == [("2025-07",)]
    assert fetch(settings, "select distinct periode from dtks_keluarga") == [("2025-07",)]
    assert sum("2025-07" in line for line in outcome.lines) >= 1
    assert not any("2025-03" in line for line in outcome.lines)


@pytest.mark.parametrize("stated, warned", [("3.000.000", False), ("2.500.000", True)])
def test_total_row_is_checked_against_every_chunk(settings, write_csv, import_one, stated, warned):
    header = ["PROGRAM", "TAHUN", "PERIODE", "NIK", "NAMA", "KODE WILAYAH", "NOMINAL"]
    body = [["PKH", "2025", "Tahap 1", f"351301150380{i:04d}", f"WARGA {i}", "35.13.01.2001", "500.000"]
            for i in range(1, 7)]
    rows = [header, *body, ["JUMLAH", "", "", "", "", "", stated]]
    outcome = import_one(write_csv("penerima_pkh.csv", rows, delimiter=";"), using=_chunked(settings, 2))
    assert outcome.status == IMPORTED
    mismatch = [line for line in outcome.lines if "3.000.000" in line and stated in line]
    assert bool(mismatch) == warned, outcome.lines


def test_header_only_file_is_refused_as_empty(settings, write_csv, import_one):
    outcome = import_one(write_csv("dtks_2025-05.csv", [HEADER]), using=_chunked(settings, 2))
    assert outcome.status == REFUSED
