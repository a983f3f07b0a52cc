"""Schema migrations and the shipped reference: a new database, a current one, and one a version behind."""

from __future__ import annotations

import re
import shutil

import duckdb
import pytest

from dashboard import db
from dashboard.config import Settings
from dashboard.imports.kinds import DATA_TABLES
from dashboard.paths import MIGRATIONS_DIR

DTKS = [["NIK", "NAMA", "KODE WILAYAH", "TGL UPDATE"],
        ["3513011503800001", "SUPARMAN", "35.13.01.2001", "2025-05-20"],
        ["3513015208820002", "SITI AMINAH", "35.13.01.2002", "2025-05-20"]]


def created_tables() -> set[str]:
    """Tables and views the migration files create, read from the SQL itself."""
    sql = "\n".join(path.read_text(encoding="utf-8") for _, path in db.migration_files())
    return set(re.findall(r"create (?:or replace )?(?:table|view) (\w+)", sql, flags=re.IGNORECASE))


def table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_schema = 'main'").fetchall()}


def test_migration_files_are_numbered_from_one_without_gaps():
    versions = [version for version, _ in db.migration_files()]
    assert versions == list(range(1, len(versions) + 1))
    assert versions[0] == 1


def test_migrating_an_empty_database(tmp_path):
    con = duckdb.connect(str(tmp_path / "baru.duckdb"))
    try:
        applied = db.migrate(con)
        db.load_reference(con)
        db.sync_bidang(con, Settings(bidang={"1.06.02": "Pemberdayaan Sosial", "1.06.05.2.02": "Fakir Miskin"}))

        latest = db.migration_files()[-1][0]
        assert applied == list(range(1, latest + 1))
        assert db.schema_version(con) == latest
        assert table_names(con) == created_tables() | {"schema_version"}
        assert set(DATA_TABLES) <= table_names(con)
        assert con.execute("select count(*) from wilayah").fetchall() == [(91599,)]
        assert con.execute("""
            select tingkat, count(*) from wilayah where kode like '35.13.%' group by 1 order by 1""").fetchall() == [
            (3, 24), (4, 330)]
        assert con.execute("select nama, tingkat, induk from wilayah where kode in ('35.13', '35.13.01', "
                           "'35.13.01.2001', '35.13.21') order by kode").fetchall() == [
            ("Kabupaten Probolinggo", 2, "35"), ("Sukapura", 3, "35.13"), ("Ngadisari", 4, "35.13.01"),
            ("Sumberasih", 3, "35.13")]
        assert con.execute("select count(*) from wilayah where tingkat = 1 and induk is null").fetchall() == [(38,)]
        assert con.execute("select count(*), count(import_id) from penduduk").fetchall() == [(552, 0)]
        assert con.execute("select jumlah_penduduk, laki_laki, perempuan, tahun from penduduk "
                           "where kode_wilayah = '35.13'").fetchall() == [(1200931, 592531, 608400, 2025)]
        assert con.execute("select * from bidang_map order by 1").fetchall() == [
            ("1.06.02", "Pemberdayaan Sosial"), ("1.06.05.2.02", "Fakir Miskin")]
        assert con.execute("select count(*) from import_log").fetchall() == [(0,)]
    finally:
        con.close()


def test_preparing_a_current_database_again_changes_nothing(write_csv, settings, import_one, db_snapshot):
    assert import_one(write_csv("dtks_mei.csv", DTKS)).status == "imported"
    before = db_snapshot(settings)
    con = duckdb.connect(str(settings.database))
    try:
        assert db.migrate(con) == []
        db.prepare(con, settings)
        assert db.schema_version(con) == db.migration_files()[-1][0]
        con.execute("checkpoint")
    finally:
        con.close()
    assert db_snapshot(settings) == before
    assert before["counts"]["dtks_individu"] == 2
    assert before["counts"]["wilayah"] == 91599


def test_new_database_is_created_by_ensure_database_once(fresh_settings):
    assert not fresh_settings.database.exists()

    db.ensure_database(fresh_settings)
    first = fresh_settings.database.stat()
    db.ensure_database(fresh_settings)

    assert fresh_settings.database.stat().st_ino == first.st_ino      # current: not rebuilt
    con = db.connect_readonly(fresh_settings.database)
    try:
        assert db.schema_version_readonly(con) == db.migration_files()[-1][0]
        assert con.execute("select count(*) from wilayah").fetchall() == [(91599,)]
        assert con.execute("select count(*) from bidang_map").fetchall() == [(len(fresh_settings.bidang),)]
    finally:
        con.close()


def test_schema_version_readonly_of_an_empty_file_is_zero(tmp_path):
    path = tmp_path / "kosong.duckdb"
    duckdb.connect(str(path)).close()
    con = db.connect_readonly(path)
    try:
        assert db.schema_version_readonly(con) == 0
    finally:
        con.close()


@pytest.fixture
def next_migration(tmp_path, monkeypatch):
    """A migrations folder holding the shipped files plus ``sql`` as the next version; returns that version."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    for _, path in db.migration_files():
        shutil.copyfile(path, folder / path.name)
    version = db.migration_files()[-1][0] + 1

    def add(sql: str) -> int:
        (folder / f"{version:04d}_test.sql").write_text(sql, encoding="utf-8")
        monkeypatch.setattr(db, "MIGRATIONS_DIR", folder)
        return version

    assert folder != MIGRATIONS_DIR
    return add


def test_database_a_version_behind_is_upgraded_on_the_next_import(write_csv, settings, import_one, fetch,
                                                                    next_migration, check_one):
    import_one(write_csv("dtks_mei.csv", DTKS))
    version = next_migration("alter table target add column catatan varchar;\n"
                             "create table catatan_rapat (tanggal date, isi varchar);\n")

    # a check on the out-of-date file validates against an in-memory current schema, writing nothing
    checked = check_one(write_csv("target.csv", [["INDIKATOR", "KODE KECAMATAN", "TAHUN", "TARGET"],
                                                 ["T1", "35.13.01", "2025", "10"]]))
    assert checked.status == "valid"
    assert fetch(settings, "select max(version) from schema_version") == [(version - 1,)]

    outcome = import_one(write_csv("dtks_juni.csv", [DTKS[0]] + [row[:3] + ["2025-06-02"] for row in DTKS[1:]]))

    assert outcome.status == "imported"
    assert fetch(settings, "select version from schema_version order by 1") == [(v,) for v in range(1, version + 1)]
    assert fetch(settings, "select column_name from information_schema.columns where table_name = 'target' "
                           "and column_name = 'catatan'") == [("catatan",)]
    assert fetch(settings, "select count(*) from catatan_rapat") == [(0,)]
    assert fetch(settings, "select periode, count(*) from dtks_individu group by 1 order by 1") == [
        ("2025-05", 2), ("2025-06", 2)]


def test_failing_migration_leaves_the_live_database_at_its_version(write_csv, settings, import_one, db_snapshot,
                                                                     next_migration):
    import_one(write_csv("dtks_mei.csv", DTKS))
    before = db_snapshot(settings)
    next_migration("create table baru (x integer);\nselect * from tabel_yang_tidak_ada;\n")

    with pytest.raises(duckdb.CatalogException):
        import_one(write_csv("dtks_juni.csv", [DTKS[0]] + [row[:3] + ["2025-06-02"] for row in DTKS[1:]]))

    assert db_snapshot(settings) == before
    assert "baru" not in before["counts"]
    assert not list(settings.database.parent.glob("*.import*"))


def test_database_from_before_the_latest_migration_is_upgraded_and_keeps_its_rows(
        write_csv, fresh_settings, import_one, fetch, tmp_path, monkeypatch):
    versions = [version for version, _ in db.migration_files()]
    if len(versions) < 2:
        pytest.skip("only one migration: nothing to upgrade from (idempotence is tested above)")
    first_only = tmp_path / "migrations_v1"
    first_only.mkdir()
    shutil.copyfile(db.migration_files()[0][1], first_only / db.migration_files()[0][1].name)
    # the database as release 1 left it: schema v1, reference data, one import of 2024 targets
    fresh_settings.database.parent.mkdir(parents=True)
    con = duckdb.connect(str(fresh_settings.database))
    try:
        with monkeypatch.context() as patch:
            patch.setattr(db, "MIGRATIONS_DIR", first_only)
            db.prepare(con, fresh_settings)
        old_id = con.execute("select nextval('import_id_seq')").fetchall()[0][0]
        con.execute("insert into import_log values ($id, 'target', 'target_2024.csv', $sha, '2024', 1, 0, null, "
                    "null, timestamp '2024-12-30 09:00:00', 'aktif')", {"id": old_id, "sha": "0" * 64})
        con.execute("insert into target values ($id, 2024, 'T1', '35.13.01', 10, 'KK', null)", {"id": old_id})
        con.execute("checkpoint")
    finally:
        con.close()
    assert fetch(fresh_settings, "select max(version) from schema_version") == [(1,)]

    outcome = import_one(write_csv("target_2025.csv", [["INDIKATOR", "KODE KECAMATAN", "TAHUN", "TARGET"],
                                                       ["T1", "35.13.01", "2025", "12"]]), using=fresh_settings)

    assert outcome.status == "imported"
    assert fetch(fresh_settings, "select version from schema_version order by 1") == [(v,) for v in versions]
    assert fetch(fresh_settings, "select tahun, target, import_id from target order by 1") == [
        (2024, 10.0, old_id), (2025, 12.0, old_id + 1)]
    assert fetch(fresh_settings, "select import_id, file_name, periods, status from import_log order by 1") == [
        (old_id, "target_2024.csv", "2024", "aktif"), (old_id + 1, "target_2025.csv", "2025", "aktif")]
    assert fetch(fresh_settings, "select count(*) from wilayah") == [(91599,)]
