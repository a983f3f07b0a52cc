"""What successive imports do to the warehouse: no-ops, replacements, additions, and crashes that change nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
from decimal import Decimal

import pytest

from dashboard import db
from dashboard.imports import writer
from dashboard.imports.runner import import_files
from tests.support.rows import NGADISARI, dtks


def test_reimporting_the_same_file_is_a_no_op(write_csv, files_dir, settings, import_one, check_one, db_snapshot):
    path = write_csv("dtks_mei.csv", dtks(4))
    assert import_one(path).status == "imported"
    before = db_snapshot(settings)

    again = import_one(path)

    assert again.status == "unchanged"
    assert again.n_rows == 0
    assert len(again.lines) == 1
    assert re.fullmatch(r"dtks_mei\.csv sudah diimpor pada \d{4}-\d\d-\d\d \d\d:\d\d \(isi sama\); "
                        r"tidak ada yang diubah", again.lines[0])
    assert db_snapshot(settings) == before
    # the same content under another name is recognised by its sha256
    renamed = files_dir / "dtks_mei_salinan.csv"
    shutil.copyfile(path, renamed)
    assert import_one(renamed).status == "unchanged"
    assert db_snapshot(settings) == before
    checked = check_one(path)
    assert checked.status == "valid"
    assert any("dtks_mei.csv sudah diimpor pada" in line for line in checked.lines)


def test_newer_file_for_the_same_period_replaces_the_older_rows(write_csv, settings, import_one, fetch):
    old = write_csv("dtks_mei_v1.csv", dtks(4, desil="3"))
    new = write_csv("dtks_mei_v2.csv", dtks(2, desil="7", first=11))
    assert import_one(old).status == "imported"

    outcome = import_one(new)

    assert outcome.status == "imported"
    assert fetch(settings, "select periode, nama, desil from dtks_individu order by nama") == [
        ("2025-05", "WARGA 11", 7), ("2025-05", "WARGA 12", 7)]
    assert fetch(settings, "select periode, keluarga_id, n_art, desil from dtks_keluarga") == [
        ("2025-05", "35130100000006", 2, 7)]
    assert fetch(settings, "select distinct import_id from dtks_individu union select distinct import_id "
                           "from dtks_keluarga") == [(2,)]
    assert fetch(settings, "select import_id, file_name, periods, n_rows from import_log order by 1") == [
        (1, "dtks_mei_v1.csv", "2025-05", 4), (2, "dtks_mei_v2.csv", "2025-05", 2)]


def test_replaced_import_is_logged_as_diganti_and_reported(write_csv, settings, import_one, fetch):
    import_one(write_csv("dtks_mei_v1.csv", dtks(4)))

    outcome = import_one(write_csv("dtks_mei_v2.csv", dtks(2, first=11)))

    assert outcome.lines[-1] == "Menggantikan data impor sebelumnya: dtks_mei_v1.csv"
    assert fetch(settings, "select file_name, status from import_log order by import_id") == [
        ("dtks_mei_v1.csv", "diganti"), ("dtks_mei_v2.csv", "aktif")]


def test_file_for_another_period_adds_rather_than_replaces(write_csv, settings, import_one, fetch):
    assert import_one(write_csv("dtks_mei.csv", dtks(4, updated="2025-05-20"))).status == "imported"

    outcome = import_one(write_csv("dtks_juni.csv", dtks(2, updated="2025-06-02")))

    assert outcome.status == "imported"
    assert not any(line.startswith("Menggantikan") for line in outcome.lines)
    assert fetch(settings, "select periode, count(*) from dtks_individu group by 1 order by 1") == [
        ("2025-05", 4), ("2025-06", 2)]
    assert fetch(settings, "select periode, count(*) from dtks_keluarga group by 1 order by 1") == [
        ("2025-05", 2), ("2025-06", 1)]
    assert fetch(settings, "select file_name, status from import_log order by import_id") == [
        ("dtks_mei.csv", "aktif"), ("dtks_juni.csv", "aktif")]


def test_reimporting_a_replaced_file_brings_it_back(write_csv, settings, import_one, fetch):
    old = write_csv("dtks_v1.csv", dtks(4))
    new = write_csv("dtks_v2.csv", dtks(2, first=11))
    import_one(old)
    import_one(new)

    outcome = import_one(old)

    assert outcome.status == "imported"      # its rows are gone, so this must not be a no-op
    assert fetch(settings, "select count(*) from dtks_individu") == [(4,)]
    assert fetch(settings, "select file_name, status from import_log order by import_id") == [
        ("dtks_v1.csv", "diganti"), ("dtks_v2.csv", "diganti"), ("dtks_v1.csv", "aktif")]


def test_penerima_periods_replace_per_program_and_tahap(write_csv, settings, import_one, fetch):
    header = ["PROGRAM", "TAHUN", "TAHAP", "NIK", "KODE WILAYAH", "NOMINAL"]

    def file(name, program, tahap, nominal, n):
        return write_csv(name, [header] + [[program, "2025", tahap, f"351301150380{i:04d}", NGADISARI, nominal]
                                           for i in range(1, n + 1)])

    import_one(file("pkh_t1.csv", "PKH", "Tahap 1", "750.000", 3))
    import_one(file("bpnt_t1.csv", "BPNT", "Tahap 1", "200.000", 2))
    import_one(file("pkh_t2.csv", "PKH", "Tahap 2", "750.000", 3))
    outcome = import_one(file("pkh_t1_revisi.csv", "PKH", "TAHAP I", "900.000", 1))

    assert outcome.status == "imported"
    assert fetch(settings, "select program, periode, count(*), sum(nominal_rp) from penerima group by all "
                           "order by 1, 2") == [
        ("BPNT", "Tahap 1", 2, Decimal("400000.00")), ("PKH", "Tahap 1", 1, Decimal("900000.00")),
        ("PKH", "Tahap 2", 3, Decimal("2250000.00"))]
    assert fetch(settings, "select file_name, n_rows, status from import_log order by import_id") == [
        ("pkh_t1.csv", 3, "diganti"), ("bpnt_t1.csv", 2, "aktif"), ("pkh_t2.csv", 3, "aktif"),
        ("pkh_t1_revisi.csv", 1, "aktif")]
    assert outcome.lines[-1] == "Menggantikan data impor sebelumnya: pkh_t1.csv"


LRA_HEADER = ["Kode Rekening", "Uraian", "Anggaran", "Realisasi Bulan Ini", "Realisasi s.d. Bulan Ini", "Anggaran Kas"]


def lra(write_xlsx, name: str, month: str, bulan_ini: int, kumulatif: int, kas: int):
    return write_xlsx(name, {"LRA": [[f"s.d. Bulan : {month} 2025"], [], LRA_HEADER,
                                     ["1.06.04", "PROGRAM REHABILITASI SOSIAL", 1_000_000, bulan_ini, kumulatif, kas]]})


def test_anggaran_months_add_up_and_a_revised_month_replaces(write_xlsx, settings, import_one, fetch):
    import_one(lra(write_xlsx, "lra_juni.xlsx", "JUNI", 50, 150, 500))
    import_one(lra(write_xlsx, "lra_juli.xlsx", "JULI", 60, 210, 600))
    import_one(lra(write_xlsx, "lra_juni_revisi.xlsx", "JUNI", 55, 155, 500))

    assert fetch(settings, "select bulan, realisasi_bulan_rp, realisasi_kumulatif_rp from anggaran_realisasi "
                           "order by 1") == [(6, Decimal("55.00"), Decimal("155.00")),
                                             (7, Decimal("60.00"), Decimal("210.00"))]
    assert fetch(settings, "select file_name, n_rows, status from import_log order by import_id") == [
        ("lra_juni.xlsx", 1, "diganti"), ("lra_juli.xlsx", 1, "aktif"), ("lra_juni_revisi.xlsx", 1, "aktif")]
    assert fetch(settings, "select bulan, anggaran_kas_rp from anggaran_kas order by 1") == [
        (6, Decimal("500.00")), (7, Decimal("600.00"))]


def test_anggaran_kas_of_another_month_survives(write_xlsx, settings, import_one, fetch):
    import_one(lra(write_xlsx, "lra_juni.xlsx", "JUNI", 50, 150, 500))
    import_one(lra(write_xlsx, "lra_juli.xlsx", "JULI", 60, 210, 600))

    assert fetch(settings, "select bulan, anggaran_kas_rp from anggaran_kas order by 1") == [
        (6, Decimal("500.00")), (7, Decimal("600.00"))]


def test_refused_file_after_a_good_import_leaves_it_intact(write_csv, settings, import_one, fetch, db_snapshot):
    import_one(write_csv("dtks_mei.csv", dtks(4)))
    before = db_snapshot(settings)
    stored = fetch(settings, "select * from dtks_individu order by nik_hash")
    bad = dtks(6)
    bad[6][2] = "351301150380000"           # same period, one NIK short of 16 digits

    outcome = import_one(write_csv("dtks_mei_v2.csv", bad))

    assert outcome.status == "refused"
    assert db_snapshot(settings) == before
    assert fetch(settings, "select * from dtks_individu order by nik_hash") == stored


def test_import_swaps_in_a_new_file_and_keeps_the_previous_one(write_csv, settings, import_one, db_snapshot,
                                                               fetch):
    import_one(write_csv("dtks_mei.csv", dtks(4, updated="2025-05-20")))
    before = db_snapshot(settings)
    inode = settings.database.stat().st_ino

    import_one(write_csv("dtks_juni.csv", dtks(2, updated="2025-06-02")))

    prev = settings.database.with_name(settings.database.name + ".prev")
    assert prev.exists()
    assert prev.stat().st_ino == inode                 # the old file itself, moved aside
    assert db_snapshot(dataclasses.replace(settings, database=prev)) == before
    assert fetch(settings, "select count(*) from dtks_individu") == [(6,)]
    assert sorted(p.name for p in settings.database.parent.iterdir()) == [
        "rakor.duckdb", "rakor.duckdb.lock", "rakor.duckdb.prev"]


def test_missing_database_is_created_on_first_import(write_csv, fresh_settings, import_one, fetch):
    assert not fresh_settings.database.exists()

    outcome = import_one(write_csv("dtks_mei.csv", dtks(2)), using=fresh_settings)

    assert outcome.status == "imported"
    assert fetch(fresh_settings, "select count(*) from dtks_individu") == [(2,)]
    assert fetch(fresh_settings, "select count(*) from wilayah") == [(91599,)]
    assert not fresh_settings.database.with_name("rakor.duckdb.prev").exists()


def test_check_on_a_missing_database_creates_nothing(write_csv, fresh_settings, check_one):
    outcome = check_one(write_csv("dtks_mei.csv", dtks(2)), using=fresh_settings)

    assert outcome.status == "valid"
    assert outcome.lines == ["Tanpa kolom PERIODE: 2025-05 diambil dari tanggal pemutakhiran terbaru di berkas; "
                             "ubah dengan --periode", "dtks_mei.csv: lolos validasi (2 baris dtks, 2025-05)"]
    assert not fresh_settings.database.parent.exists()


def test_crash_in_the_middle_of_writing_leaves_the_live_database_unchanged(write_csv, settings, import_one,
                                                                          db_snapshot, monkeypatch):
    import_one(write_csv("dtks_mei.csv", dtks(4, updated="2025-05-20")))
    before = db_snapshot(settings)
    live_bytes = settings.database.read_bytes()
    real_replace_rows = writer._replace_rows
    tables_written = []

    def crash_on_second_table(con, staged, *args, **kwargs):
        tables_written.append(staged.data.table)
        if len(tables_written) == 2:
            raise RuntimeError("listrik padam")
        return real_replace_rows(con, staged, *args, **kwargs)

    monkeypatch.setattr(writer, "_replace_rows", crash_on_second_table)

    with pytest.raises(RuntimeError, match="listrik padam"):
        import_one(write_csv("dtks_juni.csv", dtks(2, updated="2025-06-02")))

    assert tables_written == ["dtks_individu", "dtks_keluarga"]   # the first table had been written
    assert db_snapshot(settings) == before
    assert settings.database.read_bytes() == live_bytes
    assert not list(settings.database.parent.glob("*.import*"))


def test_a_stale_work_file_from_a_killed_import_is_discarded(write_csv, settings, import_one, fetch):
    work = settings.database.with_name(settings.database.name + ".import")
    work.write_bytes(b"half-written by a killed import")
    work.with_name(work.name + ".wal").write_bytes(b"junk")

    outcome = import_one(write_csv("dtks_mei.csv", dtks(2)))

    assert outcome.status == "imported"
    assert fetch(settings, "select count(*) from dtks_individu") == [(2,)]
    assert not list(settings.database.parent.glob("*.import*"))


def test_a_viewer_reading_during_an_import_keeps_its_version(write_csv, settings, import_one):
    import_one(write_csv("dtks_mei.csv", dtks(4, updated="2025-05-20")))
    viewer = db.connect_readonly(settings.database)
    try:
        outcome = import_one(write_csv("dtks_juni.csv", dtks(2, updated="2025-06-02")))
        assert outcome.status == "imported"
        assert viewer.execute("select count(*) from dtks_individu").fetchall() == [(4,)]
    finally:
        viewer.close()
    reopened = db.connect_readonly(settings.database)
    try:
        assert reopened.execute("select count(*) from dtks_individu").fetchall() == [(6,)]
    finally:
        reopened.close()


def test_live_database_path_never_disappears_during_the_swap(write_csv, settings, import_one, monkeypatch):
    real_replace = os.replace
    live_during_replace = []

    def spying_replace(src, dst, *args, **kwargs):
        live_during_replace.append(settings.database.exists())
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", spying_replace)

    import_one(write_csv("dtks_mei.csv", dtks(2)))

    assert live_during_replace
    assert all(live_during_replace), live_during_replace


def test_import_log_records_when_what_and_how_many(write_csv, settings, import_one, fetch):
    started = dt.datetime.now()

    import_one(write_csv("dtks_mei.csv", dtks(4)))

    (kind, name, sha, periods, n_rows, n_warnings, source, imported_at, status), = fetch(
        settings, "select kind, file_name, sha256, periods, n_rows, n_warnings, source, imported_at, status "
                  "from import_log")
    assert (kind, name, periods, n_rows, n_warnings, source, status) == (
        "dtks", "dtks_mei.csv", "2025-05", 4, 0, "DTKS", "aktif")
    assert re.fullmatch(r"[0-9a-f]{64}", sha)
    assert started - dt.timedelta(minutes=1) <= imported_at <= dt.datetime.now() + dt.timedelta(minutes=1)


def test_several_files_in_one_run_share_one_swap(write_csv, settings, fetch):
    first = write_csv("dtks_mei.csv", dtks(4, updated="2025-05-20"))
    second = write_csv("dtks_juni.csv", dtks(2, updated="2025-06-02"))
    seen = []

    outcomes = import_files([first, second], settings, progress=seen.append)

    assert [o.status for o in outcomes] == ["imported", "imported"]
    steps = [m for m in seen if m.startswith(("Membaca", "Menulis"))]
    assert steps == ["Membaca dtks_mei.csv", "Menulis ke basis data", "Membaca dtks_juni.csv", "Menulis ke basis data"]
    assert fetch(settings, "select import_id, file_name from import_log order by 1") == [
        (1, "dtks_mei.csv"), (2, "dtks_juni.csv")]
