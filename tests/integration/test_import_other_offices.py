"""Files from other offices than Probolinggo's: constants stated only in a title row or the file name, headings of
their own, the wrong kind named, plain-language refusals, and the notice of a newly created pseudonymisation key."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.imports.runner import check_files, import_files

TITLE = "REKAP KPM PKH TAHAP II TAHUN 2025"
HEADER = ["NIK", "NO KK", "NAMA", "KODE WILAYAH", "NOMINAL"]
ROWS = [["3513011503800001", "3513010101000001", "WARGA 1", "35.13.01.2001", "750.000"],
        ["3513011503800002", "3513010101000002", "WARGA 2", "35.13.01.2002", "750.000"]]
NOTES_FROM_TITLE = [
    "Tanpa kolom PROGRAM: PKH diambil dari baris judul di atas tabel; ubah dengan --program",
    "Tanpa kolom TAHUN: 2025 diambil dari baris judul di atas tabel; ubah dengan --tahun",
    "Tanpa kolom PERIODE: Tahap 2 diambil dari baris judul di atas tabel; ubah dengan --tahap",
]
NOTES_FROM_NAME = [line.replace("baris judul di atas tabel", "nama berkas") for line in NOTES_FROM_TITLE]


def _quiet(_: str) -> None:
    """No progress output."""


def write(write_csv, write_xlsx, name: str, rows: list[list[object]]) -> Path:
    return write_csv(name, rows) if name.endswith(".csv") else write_xlsx(name, {"Sheet1": rows})


@pytest.mark.parametrize("name", ["rekap.csv", "rekap.xlsx"])
def test_programme_tahap_and_year_come_from_the_title_row(name, write_csv, write_xlsx, settings, import_one, fetch):
    path = write(write_csv, write_xlsx, name, [[TITLE], HEADER, *ROWS])

    outcome = import_one(path, kind="penerima")

    assert outcome.status == "imported", outcome.lines
    assert outcome.lines[:3] == NOTES_FROM_TITLE
    assert fetch(settings, "select distinct program, tahun, periode from penerima") == [("PKH", 2025, "Tahap 2")]
    assert fetch(settings, "select constants from import_log") == [("\n".join(NOTES_FROM_TITLE),)]


@pytest.mark.parametrize("name", ["penerima_pkh_tahap2_2025.csv", "penerima_pkh_tahap2_2025.xlsx"])
def test_programme_tahap_and_year_come_from_the_file_name(name, write_csv, write_xlsx, settings, import_one, fetch):
    path = write(write_csv, write_xlsx, name, [HEADER, *ROWS])

    outcome = import_one(path)  # no kind named: the file name makes it a recipient list

    assert outcome.status == "imported", outcome.lines
    assert outcome.kind == "penerima"
    assert outcome.lines[:3] == NOTES_FROM_NAME
    assert fetch(settings, "select distinct program, tahun, periode from penerima") == [("PKH", 2025, "Tahap 2")]
    assert fetch(settings, "select constants from import_log") == [("\n".join(NOTES_FROM_NAME),)]


@pytest.mark.parametrize("name", ["penerima_pkh_tahap2_2025.csv", "penerima_pkh_tahap2_2025.xlsx"])
def test_options_override_the_file_name(name, write_csv, write_xlsx, settings, fetch):
    path = write(write_csv, write_xlsx, name, [HEADER, *ROWS])

    (outcome,) = import_files([path], settings, progress=_quiet, lang="en",
                              constants={"program": "sembako", "periode": "3", "tahun": "2026"})

    assert outcome.status == "imported", outcome.lines
    assert outcome.lines[:3] == ["No PROGRAM column: BPNT taken from option --program",
                                 "No TAHUN column: 2026 taken from option --tahun",
                                 "No PERIODE column: Tahap 3 taken from option --tahap"]
    assert fetch(settings, "select distinct program, tahun, periode from penerima") == [("BPNT", 2026, "Tahap 3")]


def test_command_line_options_reach_the_importer(write_csv, settings, capsys):
    path = write_csv("rekap.csv", [[TITLE], HEADER, *ROWS])

    code = main(["--db", str(settings.database), "check", "penerima", str(path), "--tahap", "IV"])

    assert code == 0
    assert "Tanpa kolom PERIODE: Tahap 4 diambil dari pilihan --tahap" in capsys.readouterr().out


def test_an_option_the_file_has_a_column_for_is_ignored_with_a_warning(write_csv, check_one, settings):
    path = write_csv("pkh.csv", [["PROGRAM", "TAHUN", "TAHAP", *HEADER], ["PKH", "2025", "Tahap 1", *ROWS[0]]])

    (outcome,) = check_files([path], settings, progress=_quiet, constants={"tahun": "2024"})

    assert outcome.status == "valid"
    assert "PERINGATAN: pkh.csv, kolom TAHUN: Berkas punya kolom ini; --tahun diabaikan" in outcome.lines


def test_a_title_without_the_programme_names_the_missing_column_once(write_csv, check_one):
    path = write_csv("rekap.csv", [["REKAP KPM TAHAP II TAHUN 2025"], HEADER, *ROWS])

    outcome = check_one(path, kind="penerima")

    assert outcome.lines == ["KESALAHAN: rekap.csv, kolom PROGRAM: Kolom wajib tidak ada di berkas",
                             "rekap.csv DITOLAK: 1 kesalahan; tidak ada data yang ditulis"]


def test_dtks_without_a_period_says_which_was_assumed_and_how_to_change_it(write_csv, check_one):
    path = write_csv("siksng.csv", [["NIK", "NAMA", "KODE WILAYAH"], ["3513011503800001", "A", "35.13.01.2001"]])

    outcome = check_one(path)

    assert outcome.status == "valid"
    assert outcome.lines[0].startswith("Tanpa kolom PERIODE: 20")
    assert outcome.lines[0].endswith("diambil dari bulan ini, karena berkas tidak menyebut periode; ubah dengan "
                                     "--periode")


def test_dtks_period_from_the_xlsx_file_name(write_xlsx, check_one):
    path = write_xlsx("dtks_2025-06.xlsx", {"DATA": [["NIK", "NAMA", "KODE WILAYAH"],
                                                     ["3513011503800001", "A", "35.13.01.2001"]]})

    outcome = check_one(path)

    assert outcome.lines[0] == "Tanpa kolom PERIODE: 2025-06 diambil dari nama berkas; ubah dengan --periode"


def test_errors_name_the_files_own_heading(write_csv, check_one):
    path = write_csv("rekap.csv", [[TITLE], HEADER, [*ROWS[0][:1], "35130101", *ROWS[0][2:]]])

    outcome = check_one(path, kind="penerima")

    assert "KESALAHAN: rekap.csv, baris 3, kolom NO KK: Harus 16 digit angka (berisi 8 digit)" in outcome.lines


def test_a_missing_column_is_named_as_offices_head_it(write_csv, check_one):
    path = write_csv("lra.csv", [["Uraian", "Pagu", "Tahun", "Bulan"], ["Program X", "1.000", "2025", "6"]])

    outcome = check_one(path, kind="anggaran")

    assert "KESALAHAN: lra.csv, kolom KODE REKENING: Kolom wajib tidak ada di berkas" in outcome.lines


def test_the_wrong_kind_gets_one_line_naming_the_kind_it_looks_like(sample_file, check_one):
    path = sample_file("psks_tksk_laporan_triwulan1_2025.xlsx")

    outcome = check_one(path, kind="penerima")

    assert outcome.status == "refused"
    assert outcome.lines == [
        "KESALAHAN: psks_tksk_laporan_triwulan1_2025.xlsx: Berkas ini tampak seperti data psks, bukan penerima: "
        "kolom penerima yang wajib tidak ada. Impor dengan `rakor import psks psks_tksk_laporan_triwulan1_2025.xlsx` "
        "atau tanpa menyebut jenis",
        "psks_tksk_laporan_triwulan1_2025.xlsx DITOLAK: 1 kesalahan; tidak ada data yang ditulis",
    ]


@pytest.mark.parametrize(("lang", "text"), [
    ("id", "Berkas tidak dapat dibaca: XLSX rusak atau bukan XLSX (isinya bukan buku kerja Excel)"),
    ("en", "File cannot be read: damaged XLSX or not an XLSX (its content is not an Excel workbook)"),
])
def test_a_damaged_xlsx_is_explained_without_pythons_words(lang, text, files_dir, check_one):
    path = files_dir / "dtks.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")

    outcome = check_one(path, lang=lang)

    assert outcome.status == "unreadable"
    assert any(text in line for line in outcome.lines), outcome.lines
    assert not any("BadZipFile" in line or "Error" in line for line in outcome.lines)


@pytest.mark.parametrize(("lang", "text"), [
    ("id", "Berkas tidak dapat dibaca: {path} adalah folder, bukan berkas; sebutkan berkas di dalamnya"),
    ("en", "File cannot be read: {path} is a folder, not a file; name the files in it"),
])
def test_a_folder_is_named_as_a_folder(lang, text, files_dir, settings, capsys):
    code = main(["--db", str(settings.database), "--lang", lang, "import", str(files_dir)])

    assert code == 2
    assert capsys.readouterr().err.strip() == text.format(path=files_dir)


@pytest.mark.parametrize(("lang", "text"), [
    ("id", "Jenis data tidak dikenal: pkh. Pilihan: dtks, penerima"),
    ("en", "Unknown data kind: pkh. Choose: dtks, penerima"),
])
def test_an_unknown_kind_is_not_reported_as_a_missing_file(lang, text, write_csv, settings, capsys):
    path = write_csv("rekap.csv", [[TITLE], HEADER, *ROWS])

    code = main(["--db", str(settings.database), "--lang", lang, "import", "pkh", str(path)])

    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(text)
    assert err.count("\n") == 1


def test_a_missing_file_says_it_does_not_exist(files_dir, settings, capsys):
    missing = files_dir / "tidak_ada.csv"

    assert main(["--db", str(settings.database), "check", str(missing)]) == 2
    assert capsys.readouterr().err.strip() == f"Berkas tidak dapat dibaca: {missing} tidak ada"


def test_progress_and_summary_numbers_use_thousands_separators(write_csv, settings, capsys):
    rows = [["NIK", "NAMA", "KODE WILAYAH"]] + [[f"351301150380{i:04d}", f"W{i}", "35.13.01.2001"]
                                                for i in range(1, 1201)]
    path = write_csv("dtks_2025-06.csv", rows)

    assert main(["--db", str(settings.database), "import", str(path)]) == 0
    out = capsys.readouterr()
    assert "… Memvalidasi baris 2–1.201" in out.err
    assert "Diimpor 1.200 baris dtks dari dtks_2025-06.csv (2025-06)" in out.out


def test_the_run_that_creates_the_key_says_where_it_is_once(write_csv, fresh_settings, capsys):
    path = write_csv("dtks_2025-06.csv", [["NIK", "NAMA", "KODE WILAYAH"], ["3513011503800001", "A", "35.13.01.2001"]])
    key_file = fresh_settings.secret_file
    assert not key_file.exists()

    assert main(["--db", str(fresh_settings.database), "import", str(path)]) == 0
    first = capsys.readouterr()
    assert main(["--db", str(fresh_settings.database), "check", str(path)]) == 0
    second = capsys.readouterr()

    notice = (f"Kunci penyamaran baru dibuat di {key_file}. Buat cadangannya, disimpan terpisah dari cadangan basis "
              "data (`rakor backup --with-key`): tanpa kunci ini, impor berikutnya tidak dapat dicocokkan dengan data "
              "yang sudah diimpor.")
    assert notice in first.err.splitlines()
    assert notice not in first.out
    assert "Kunci penyamaran" not in second.err + second.out


def test_the_key_notice_reaches_the_outcome_for_the_data_page(write_csv, fresh_settings):
    path = write_csv("dtks_2025-06.csv", [["NIK", "NAMA", "KODE WILAYAH"], ["3513011503800001", "A", "35.13.01.2001"]])

    (outcome,) = import_files([path], fresh_settings, progress=_quiet, lang="en")

    assert outcome.notices == [f"A new pseudonymisation key was created at {fresh_settings.secret_file}. Back it up, "
                               "kept apart from the database backup (`rakor backup --with-key`): without it, later "
                               "imports cannot be matched to the data already imported."]
