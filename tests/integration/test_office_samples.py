"""The office samples pass; a broken copy of each is refused with sheet, row and column named, nothing written."""

from pathlib import Path

import openpyxl
import pytest

from dashboard.cli import main


def _edit_csv_line(path: Path, line_number: int, column: int, value: str) -> None:
    """Replace one cell of a pipe-delimited sample (1-based line number, 0-based column)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[line_number - 1].split("|")
    cells[column] = value
    lines[line_number - 1] = "|".join(cells)
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def _edit_xlsx_cell(path: Path, sheet: str, cell: str, value: object) -> None:
    workbook = openpyxl.load_workbook(path)
    workbook[sheet][cell] = value
    workbook.save(path)


SAMPLES = ["dtks_siksng_export.csv", "anggaran_sipd_lra_juni2025.xlsx", "psks_tksk_laporan_triwulan1_2025.xlsx"]

# (sample, how to break it, text every message line must carry)
BROKEN = [
    ("dtks_siksng_export.csv", lambda p: _edit_csv_line(p, 5, 4, "DESA TIDAK ADA"),
     ["baris 5", "kolom DESA/KELURAHAN", "Nama wilayah tidak dikenal: DESA TIDAK ADA"]),
    ("dtks_siksng_export.csv", lambda p: _edit_csv_line(p, 7, 9, "3.51321E+15"),
     ["baris 7", "kolom NIK", "angka ilmiah"]),
    ("dtks_siksng_export.csv", lambda p: _edit_csv_line(p, 9, 9, "351321130756071"),
     ["baris 9", "kolom NIK", "Harus 16 digit angka (berisi 15 digit)"]),
    ("anggaran_sipd_lra_juni2025.xlsx", lambda p: _edit_xlsx_cell(p, "LRA SKPD", "A9", "1.06.x2"),
     ["lembar LRA SKPD", "baris 9", "kolom Kode Rekening", "Kode rekening tidak sah"]),
    ("anggaran_sipd_lra_juni2025.xlsx", lambda p: _edit_xlsx_cell(p, "LRA SKPD", "C10", "12x"),
     ["lembar LRA SKPD", "baris 10", "kolom Anggaran", "Bukan angka: 12x"]),
    ("psks_tksk_laporan_triwulan1_2025.xlsx", lambda p: _edit_xlsx_cell(p, "FEBRUARI", "B6", "Kec. Atlantis"),
     ["lembar FEBRUARI", "baris 6", "kolom KECAMATAN", "Nama wilayah tidak dikenal: Kec. Atlantis"]),
]


@pytest.mark.parametrize("name", SAMPLES)
def test_office_sample_passes_check(name, sample_file, settings, config_file, capsys):
    assert main(["--config", str(config_file), "--db", str(settings.database), "check", str(sample_file(name))]) == 0
    assert "lolos validasi" in capsys.readouterr().out


@pytest.mark.parametrize(("name", "damage", "expected"), BROKEN)
@pytest.mark.parametrize("command", ["check", "import"])
def test_broken_copy_of_a_sample_is_refused(name, damage, expected, command, sample_file, settings, config_file,
                                            db_snapshot, capsys):
    path = sample_file(name)
    damage(path)
    before = db_snapshot(settings)

    assert main(["--config", str(config_file), "--db", str(settings.database), command, str(path)]) == 1

    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("KESALAHAN")]
    assert len(errors) == 1, errors
    assert name in errors[0]
    for text in expected:
        assert text in errors[0]
    assert db_snapshot(settings) == before
