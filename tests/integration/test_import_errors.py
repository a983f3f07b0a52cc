"""Bad files are refused whole: each message names file, row and column in Indonesian, and nothing is written.

Row numbers are the file's own: with the header on line 1 the first data row is ``baris 2``. Every case is
also run through ``check_files``, which must judge the file exactly as an import does.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.paths import SOURCE_DIR

NGADISARI, WONOTORO = "35.13.01.2001", "35.13.01.2002"
DTKS_HEADER = ["ID DTKS", "NO KK", "NIK", "NAMA", "JENIS KELAMIN", "TGL LAHIR", "KODE WILAYAH", "DESIL"]
COLUMN = {name: i for i, name in enumerate(DTKS_HEADER)}


def nik(i: int) -> str:
    return f"351301150380{i:04d}"


def dtks_rows(n: int = 3) -> list[list[object]]:
    rows: list[list[object]] = [list(DTKS_HEADER)]
    for i in range(1, n + 1):
        rows.append([f"3513010000{i:04d}", f"351301010100{i:04d}", nik(i), f"WARGA {i}", "L", "1980-03-15",
                     NGADISARI if i % 2 else WONOTORO, str(1 + i % 10)])
    return rows


def dtks_with(column: str, value: object, data_row: int = 2, n: int = 3) -> list[list[object]]:
    """DTKS rows with one cell replaced; ``data_row`` counts data rows from 1 (file line = data_row + 1)."""
    rows = dtks_rows(n)
    rows[data_row][COLUMN[column]] = value
    return rows


@dataclass(frozen=True)
class Case:
    """One bad file and the message it must produce."""

    build: Callable[..., Path]
    text: str
    row: int | None = None
    column: str | None = None
    sheet: str | None = None
    status: str = "refused"


def _csv(name: str, rows_factory: Callable[[], list[list[object]]], **kwargs) -> Callable[..., Path]:
    return lambda write_csv, write_xlsx, files_dir: write_csv(name, rows_factory(), **kwargs)


def _xlsx(name: str, sheet: str, rows_factory: Callable[[], list[list[object]]]) -> Callable[..., Path]:
    return lambda write_csv, write_xlsx, files_dir: write_xlsx(name, {sheet: rows_factory()})


def _raw(name: str, data: bytes) -> Callable[..., Path]:
    def build(write_csv, write_xlsx, files_dir: Path) -> Path:
        path = files_dir / name
        path.write_bytes(data)
        return path

    return build


PPKS_HEADER = ["KODE WILAYAH", "TAHUN", "KATEGORI", "JUMLAH"]
SIKSNG_HEADER = ["ID DTKS", "PROVINSI", "KABUPATEN/KOTA", "KECAMATAN", "DESA/KELURAHAN", "NOMOR KK", "NIK", "NAMA"]
PENERIMA_HEADER = ["PROGRAM", "TAHUN", "TAHAP", "NIK", "NAMA", "NOMINAL"]


def param(case_id: str, case: Case, *marks: pytest.MarkDecorator):
    return pytest.param(case, id=case_id, marks=marks)


CASES = [
    param("nik-15-digits", Case(_csv("dtks.csv", lambda: dtks_with("NIK", "351301150380000")),
                                "Harus 16 digit angka (berisi 15 digit)", 3, "NIK")),
    param("nik-scientific", Case(_csv("dtks.csv", lambda: dtks_with("NIK", "3.51301E+15", data_row=3)),
                                 "Nomor ditulis Excel sebagai angka ilmiah", 4, "NIK")),
    param("nik-numeric-xlsx-cell", Case(_xlsx("dtks.xlsx", "DTKS", lambda: dtks_with("NIK", 3513011503800002)),
                                        "Nomor tersimpan sebagai angka di Excel (digit ke-16 hilang)", 3, "NIK",
                                        "DTKS")),
    param("nik-letters", Case(_csv("dtks.csv", lambda: dtks_with("NIK", "35130115038000AB")),
                              "Harus 16 digit angka (berisi karakter lain)", 3, "NIK")),
    param("kode-not-in-reference", Case(_csv("dtks.csv", lambda: dtks_with("KODE WILAYAH", "35.13.01.2999")),
                                        "Kode wilayah 35.13.01.2999 tidak ada dalam referensi Kemendagri", 3,
                                        "KODE WILAYAH")),
    param("kode-other-kabupaten", Case(_csv("dtks.csv", lambda: dtks_with("KODE WILAYAH", "35.14.01.2001")),
                                       "Kode wilayah 35.14.01.2001 di luar Kabupaten Probolinggo (35.13)", 3,
                                       "KODE WILAYAH")),
    param("kode-wrong-level", Case(_csv("dtks.csv", lambda: dtks_with("KODE WILAYAH", "35.13.01")),
                                   "Kode 35.13.01 bukan kode desa/kelurahan", 3, "KODE WILAYAH")),
    param("kode-malformed", Case(_csv("dtks.csv", lambda: dtks_with("KODE WILAYAH", "35.13.01.20011")),
                                 "Kode wilayah tidak sah: 35.13.01.20011", 3, "KODE WILAYAH")),
    param("desil-11", Case(_csv("dtks.csv", lambda: dtks_with("DESIL", "11")), "Desil harus 1-10 atau kosong: 11", 3,
                           "DESIL")),
    param("desil-abc", Case(_csv("dtks.csv", lambda: dtks_with("DESIL", "abc", data_row=1)),
                            "Desil harus 1-10 atau kosong: abc", 2, "DESIL")),
    param("date-31-feb", Case(_csv("dtks.csv", lambda: dtks_with("TGL LAHIR", "31/02/2024")),
                              "Tanggal tidak dikenali: 31/02/2024", 3, "TGL LAHIR")),
    param("number-12x", Case(_csv("target.csv", lambda: [["INDIKATOR", "KODE KECAMATAN", "TAHUN", "TARGET"],
                                                         ["T1", "35.13.01", "2025", "100"],
                                                         ["T2", "35.13.21", "2025", "12x"]]),
                             "Bukan angka: 12x", 3, "TARGET")),
    param("duplicate-nik", Case(_csv("dtks.csv", lambda: dtks_with("NIK", nik(1), data_row=3)),
                                "Duplikat: sama dengan baris 2", 4, "NIK")),
    param("ppks-unknown-category", Case(
        _csv("ppks.csv", lambda: [PPKS_HEADER, ["35.13.01", "2025", "anak terlantar", "3"],
                                  ["35.13.21", "2025", "anak hilang", "2"]]),
        "Nilai tidak dikenal: anak hilang. Pilihan: anak balita terlantar; anak terlantar; ", 3, "KATEGORI")),
    param("siksng-unknown-desa", Case(
        _csv("siksng.csv", lambda: [SIKSNG_HEADER,
                                    ["1", "JAWA TIMUR", "KAB. PROBOLINGGO", "SUKAPURA", "WONOTORO", "3513010101000001",
                                     nik(1), "A"],
                                    ["1", "JAWA TIMUR", "KAB. PROBOLINGGO", "SUKAPURA", "NGADISAR", "3513010101000001",
                                     nik(2), "B"]], delimiter="|"),
        "Nama wilayah tidak dikenal: NGADISAR. Yang mirip: Ngadisari", 3, "DESA/KELURAHAN")),
    param("siksng-unknown-kecamatan", Case(
        _csv("siksng.csv", lambda: [SIKSNG_HEADER,
                                    ["1", "JAWA TIMUR", "KAB. PROBOLINGGO", "SUMBERASI", "MUNENG KIDUL",
                                     "3513210101000001", nik(1), "A"]], delimiter="|"),
        "Nama wilayah tidak dikenal: SUMBERASI. Yang mirip: Sumberasih", 2, "KECAMATAN")),
    param("missing-kode-column", Case(_csv("pkh.csv", lambda: [PENERIMA_HEADER, ["PKH", "2025", "Tahap 1", nik(1), "A",
                                                                                "750.000"]]),
                                      "Kolom wajib tidak ada di berkas", None, "KODE WILAYAH")),
    param("missing-tanggal-lapor-column", Case(
        _csv("kasus.csv", lambda: [["ID KASUS", "KODE WILAYAH", "KATEGORI", "TAHAP"],
                                   ["K-1", NGADISARI, "pengemis", "asesmen"]]),
        "Kolom wajib tidak ada di berkas", None, "TANGGAL LAPOR")),
    param("columns-of-no-known-kind", Case(_csv("apa.csv", lambda: [["NAMA", "KODE WILAYAH", "KETERANGAN"],
                                                                    ["A", NGADISARI, "-"]]),
                                           "Jenis data tidak dikenali dari nama kolom")),
    param("header-only-csv", Case(_csv("dtks.csv", lambda: dtks_rows(0)), "Tidak ada baris data")),
    param("header-only-xlsx", Case(_xlsx("dtks.xlsx", "DTKS", lambda: dtks_rows(0)), "Tidak ada baris data")),
    param("empty-file", Case(_raw("dtks.csv", b""), "Berkas tidak dapat dibaca: berkas kosong", status="unreadable")),
    param("no-header-row", Case(_raw("dtks.csv", b"a,b,c\n1,2,3\n"),
                                "Berkas tidak dapat dibaca: baris judul kolom tidak ditemukan", status="unreadable")),
    param("pdf", Case(_raw("dtks.pdf", b"%PDF-1.4\n"), "Berkas tidak dapat dibaca: jenis berkas .pdf tidak didukung",
                      status="unreadable")),
    param("broken-xlsx", Case(_raw("dtks.xlsx", b"PK\x03\x04 not really a workbook"),
                              "Berkas tidak dapat dibaca: XLSX rusak atau bukan XLSX", status="unreadable")),
]


def expected_prefix(path: Path, case: Case) -> str:
    """``KESALAHAN: file, lembar S, baris N, kolom C: `` as Problem.render writes it."""
    where = [path.name]
    if case.sheet:
        where.append(f"lembar {case.sheet}")
    if case.row is not None:
        where.append(f"baris {case.row}")
    if case.column:
        where.append(f"kolom {case.column}")
    return f"KESALAHAN: {', '.join(where)}: "


def assert_refused_with(outcome, path: Path, case: Case) -> None:
    assert outcome.status == case.status, outcome.lines
    prefix = expected_prefix(path, case)
    matching = [line for line in outcome.lines if line.startswith(prefix) and case.text in line]
    assert matching, f"no line starts with {prefix!r} and contains {case.text!r}: {outcome.lines}"
    if case.status == "refused":
        n_errors = sum(line.startswith("KESALAHAN: ") for line in outcome.lines)
        assert outcome.lines[-1] == f"{path.name} DITOLAK: {n_errors} kesalahan; tidak ada data yang ditulis"


@pytest.mark.parametrize("case", CASES)
def test_bad_file_is_refused_and_nothing_is_written(case, write_csv, write_xlsx, files_dir, settings, import_one,
                                                    check_one, db_snapshot):
    path = case.build(write_csv, write_xlsx, files_dir)
    before = db_snapshot(settings)

    imported = import_one(path)

    assert_refused_with(imported, path, case)
    assert imported.n_rows == 0
    assert db_snapshot(settings) == before
    assert not list(settings.database.parent.glob("*.import*"))
    checked = check_one(path)
    assert (checked.status, checked.lines) == (imported.status, imported.lines)


@pytest.mark.parametrize(("column", "value", "text"), [
    pytest.param("NIK", "351301150380000", "Harus 16 digit angka (berisi 15 digit)", id="nik-15-digits"),
    pytest.param("KODE WILAYAH", "35.13.01.2999", "tidak ada dalam referensi Kemendagri", id="kode-not-in-reference",
),
    pytest.param("KODE WILAYAH", "35.13.01.20011", "Kode wilayah tidak sah: 35.13.01.20011", id="kode-malformed"),
    pytest.param("DESIL", "11", "Desil harus 1-10 atau kosong: 11", id="desil-11"),
    pytest.param("TGL LAHIR", "31/02/2024", "Tanggal tidak dikenali: 31/02/2024", id="date-31-feb"),
])
def test_bad_last_row_of_a_1000_row_file_refuses_the_whole_file(column, value, text, write_csv, settings, import_one,
                                                                 check_one, db_snapshot, fetch):
    good = write_csv("dtks_good.csv", dtks_rows(3))
    assert import_one(good).status == "imported"
    before = db_snapshot(settings)
    path = write_csv("dtks_1000.csv", dtks_with(column, value, data_row=1000, n=1000))

    outcome = import_one(path)

    case = Case(lambda *_: path, text, 1001, column)
    assert_refused_with(outcome, path, case)
    assert sum(line.startswith("KESALAHAN: ") for line in outcome.lines) == 1
    assert db_snapshot(settings) == before
    assert fetch(settings, "select count(*) from dtks_individu") == [(3,)]
    assert check_one(path).lines == outcome.lines


def test_duplicate_nik_names_the_earlier_row_across_sheets(write_xlsx, import_one):
    rows = dtks_rows(2)
    path = write_xlsx("dtks.xlsx", {"Sukapura": rows, "Wonotoro": [DTKS_HEADER, rows[1]]})

    outcome = import_one(path)

    assert outcome.status == "refused"
    assert any(line.startswith("KESALAHAN: dtks.xlsx, lembar Wonotoro, baris 2, ")
               and line.endswith("Duplikat: sama dengan baris 2 (Sukapura)") for line in outcome.lines), outcome.lines


def test_messages_switch_to_english(write_csv, import_one):
    path = write_csv("dtks.csv", dtks_with("DESIL", "11"))

    outcome = import_one(path, lang="en")

    assert outcome.lines == ["ERROR: dtks.csv, row 3, column DESIL: Desil must be 1-10 or empty: 11",
                             "dtks.csv REFUSED: 1 errors; nothing was written"]


def test_a_refused_file_among_good_ones_refuses_only_itself(write_csv, settings, fetch):
    from dashboard.imports.runner import import_files

    good = write_csv("dtks_good.csv", dtks_rows(3))
    bad = write_csv("target_bad.csv", [["INDIKATOR", "KODE KECAMATAN", "TAHUN", "TARGET"], ["T1", "35.13.01", "2025",
                                                                                             "12x"]])

    outcomes = import_files([bad, good], settings, progress=lambda _: None)

    assert [o.status for o in outcomes] == ["refused", "imported"]
    assert fetch(settings, "select count(*) from dtks_individu") == [(3,)]
    assert fetch(settings, "select count(*) from target") == [(0,)]
    assert fetch(settings, "select file_name from import_log") == [("dtks_good.csv",)]


# ------------------------------------------------------------------------------------------------ command line


def cli(settings, *args: str) -> int:
    return main(["--db", str(settings.database), *args])


def test_cli_exit_codes(write_csv, files_dir, settings, capsys, db_snapshot):
    good = write_csv("dtks_good.csv", dtks_rows(3))
    bad = write_csv("dtks_bad.csv", dtks_with("DESIL", "11"))
    pdf = files_dir / "laporan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")

    assert cli(settings, "check", str(good)) == 0
    assert "dtks_good.csv: lolos validasi (3 baris dtks, " in capsys.readouterr().out
    assert cli(settings, "import", str(good)) == 0
    assert "Diimpor 3 baris dtks dari dtks_good.csv" in capsys.readouterr().out
    after_good = db_snapshot(settings)

    assert cli(settings, "import", str(good)) == 0
    assert "dtks_good.csv sudah diimpor pada " in capsys.readouterr().out
    assert cli(settings, "import", "dtks", str(bad)) == 1
    err = capsys.readouterr().err
    assert "KESALAHAN: dtks_bad.csv, baris 3, kolom DESIL: Desil harus 1-10 atau kosong: 11" in err
    assert "dtks_bad.csv DITOLAK: 1 kesalahan; tidak ada data yang ditulis" in err
    assert cli(settings, "check", str(bad)) == 1
    assert cli(settings, "import", str(pdf)) == 2
    assert "jenis berkas .pdf tidak didukung" in capsys.readouterr().err
    assert cli(settings, "check", str(pdf)) == 2
    assert cli(settings, "import", str(files_dir / "tidak_ada.csv")) == 2
    assert "tidak_ada.csv tidak ada" in capsys.readouterr().err
    assert cli(settings, "import", str(good), str(pdf)) == 2          # the worst outcome decides
    assert cli(settings, "import", str(good), str(bad)) == 1
    assert db_snapshot(settings) == after_good


def test_cli_usage_errors_exit_2(settings, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(settings.database), "import"])
    assert exc.value.code == 2
    assert cli(settings, "import", "dtks") == 2
    assert "berkas belum disebutkan" in capsys.readouterr().err


def test_python_dash_m_dashboard_imports(write_csv, settings, fetch):
    good = write_csv("dtks_good.csv", dtks_rows(3))

    done = subprocess.run([sys.executable, "-m", "dashboard", "--db", str(settings.database), "import", str(good)],
                          cwd=SOURCE_DIR, capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stderr
    assert "Diimpor 3 baris dtks dari dtks_good.csv" in done.stdout
    assert fetch(settings, "select count(*) from dtks_individu") == [(3,)]


# ------------------------------------------------------------------------------------------------ regressions
# Each of these was a bug when this suite was written (fixed in 0587683); they keep it fixed.


def test_nik_column_of_only_numeric_xlsx_cells_is_refused(write_xlsx, import_one):
    rows = dtks_rows(2)
    for row in rows[1:]:
        row[COLUMN["NIK"]] = int(row[COLUMN["NIK"]])
    path = write_xlsx("dtks.xlsx", {"DTKS": rows})

    outcome = import_one(path)

    assert outcome.status == "refused"
    assert_refused_with(outcome, path, Case(lambda *_: path, "Nomor tersimpan sebagai angka di Excel", 2, "NIK",
                                            "DTKS"))


def test_duplicate_message_names_the_file_column(write_csv, import_one):
    path = write_csv("dtks.csv", dtks_with("NIK", nik(1), data_row=3))

    outcome = import_one(path)

    assert "KESALAHAN: dtks.csv, baris 4, kolom NIK: Duplikat: sama dengan baris 2" in outcome.lines


def test_named_kind_with_its_key_column_missing_names_the_column(write_csv, import_one):
    without_nik = COLUMN["NIK"]
    rows = [row[:without_nik] + row[without_nik + 1:] for row in dtks_rows(2)]
    path = write_csv("dtks.csv", rows)

    outcome = import_one(path, kind="dtks")

    assert outcome.status == "refused"
    assert "KESALAHAN: dtks.csv, kolom NIK: Kolom wajib tidak ada di berkas" in outcome.lines


def test_blank_kecamatan_name_is_reported_as_missing(write_csv, import_one):
    rows = [["KECAMATAN", "NAMA TKSK", "TGL TERIMA", "JML KASUS"],
            ["Kec. Sukapura", "Sumiati", "04/02/2025", "3"], ["", "Sri Hasan", "04/02/2025", "4"]]
    path = write_csv("tksk 2025-01.csv", rows)

    outcome = import_one(path)

    assert "KESALAHAN: tksk 2025-01.csv, baris 3, kolom KECAMATAN: Nilai wajib diisi" in outcome.lines


def test_bad_number_in_sipd_file_is_reported_once(write_csv, import_one):
    rows = [["Kode Rekening", "Uraian", "Anggaran", "Realisasi s.d. Bulan Lalu", "Realisasi Bulan Ini",
             "Realisasi s.d. Bulan Ini"],
            ["1.06.04", "PROGRAM REHABILITASI SOSIAL", "1.000.000", "100.000", "12x", "150.000"]]
    path = write_csv("lra 2025-06.csv", rows)

    outcome = import_one(path)

    assert outcome.lines == ["KESALAHAN: lra 2025-06.csv, baris 2, kolom Realisasi Bulan Ini: Bukan angka: 12x",
                             "lra 2025-06.csv DITOLAK: 1 kesalahan; tidak ada data yang ditulis"]


def test_check_refuses_a_kode_outside_the_kabupaten(write_csv, check_one):
    path = write_csv("dtks.csv", dtks_with("KODE WILAYAH", "35.14.01.2001"))

    outcome = check_one(path)

    assert outcome.status == "refused", outcome.lines      # today: 'valid', 'lolos validasi'
