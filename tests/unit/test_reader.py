"""CSV delimiter choice in dashboard.imports.reader: the delimiter whose parse gives the best header wins."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dashboard.imports.pipeline import detect_form
from dashboard.imports.reader import UnreadableFile
from tests.support.reading import read_whole

HEADER = ["NO", "PROGRAM", "TAHAP", "NIK", "NAMA", "KODE DESA", "NILAI BANTUAN"]
ROWS = [["1", "PKH", "TAHAP II", "3513011503800001", "SUPARMAN", "35.13.01.2001", "750.000,00"],
        ["2", "PKH", "TAHAP II", "3513011503800002", "SITI AMINAH", "35.13.01.2002", "1.234.567,50"]]


def _write(path: Path, titles: list[str], rows: list[list[str]], delimiter: str,
           quoting: int = csv.QUOTE_MINIMAL) -> Path:
    """Title lines as written, then the table through csv.writer (which quotes what needs quoting)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.writelines(title + "\n" for title in titles)
        csv.writer(handle, delimiter=delimiter, lineterminator="\n", quoting=quoting).writerows(rows)
    return path


def _only_table(path: Path):
    tables = read_whole(path)
    assert len(tables) == 1
    return tables[0]


def test_semicolon_file_with_comma_laden_title_lines_imports(tmp_path):
    # the title lines hold more commas than the header and data hold semicolons: counting characters chose comma
    titles = ["REKAP KPM PKH, TAHAP II, TAHUN 2025, KABUPATEN PROBOLINGGO, PROVINSI JAWA TIMUR",
              "Kecamatan: Kraksaan, Paiton, Besuk, Kotaanyar, Pajarakan, Gending, Dringu",
              "Dicetak: Senin, 3 Maret 2025, pukul 10.00, oleh operator Dinas Sosial"]
    path = _write(tmp_path / "pkh.csv", titles, [HEADER, *ROWS], ";")

    table = _only_table(path)

    assert table.headers == HEADER
    assert table.frame["NILAI BANTUAN"].tolist() == ["750.000,00", "1.234.567,50"]
    assert table.row_numbers.tolist() == [5, 6]
    assert "TAHUN 2025" in table.context
    form = detect_form(table, None)
    assert form is not None and form.kind == "penerima"


def test_comma_file_with_semicolons_in_a_title(tmp_path):
    titles = ["Kecamatan: Kraksaan; Paiton; Besuk; Kotaanyar; Pajarakan; Gending; Dringu; Wonomerto; Leces; "
              "Tegalsiwalan; Banyuanyar; Tiris; Krucil",
              "Desa: Asembakor; Kalibuntu; Kebonagung; Patokan; Rangkang; Semampir; Sidomukti; Sumberlele; "
              "Kandangjati Kulon; Kandangjati Wetan; Alassumur Lor"]
    path = _write(tmp_path / "pkh.csv", titles, [HEADER, *ROWS], ",")

    table = _only_table(path)

    assert table.headers == HEADER
    assert table.frame["NAMA"].tolist() == ["SUPARMAN", "SITI AMINAH"]
    assert table.row_numbers.tolist() == [4, 5]


@pytest.mark.parametrize("delimiter", ["\t", "|"], ids=["tab", "pipe"])
def test_tab_and_pipe_files(tmp_path, delimiter):
    titles = ["REKAP KPM PKH, TAHAP II; TAHUN 2025"]
    path = _write(tmp_path / "pkh.txt", titles, [HEADER, *ROWS], delimiter)

    table = _only_table(path)

    assert table.headers == HEADER
    assert table.frame["NILAI BANTUAN"].tolist() == ["750.000,00", "1.234.567,50"]


@pytest.mark.parametrize(("delimiter", "other"), [(",", ";"), (";", ","), ("|", "\t")])
def test_quoted_fields_holding_the_other_delimiter(tmp_path, delimiter, other):
    header = [f"NAMA{other} GELAR" if cell == "NAMA" else cell for cell in HEADER]
    name = f"SUPARMAN{other} S.Pd{other} M.Si{delimiter} M.Pd"
    rows = [[name if cell == "SUPARMAN" else cell for cell in row] for row in ROWS]
    path = _write(tmp_path / "pkh.csv", [], [header, *rows], delimiter, quoting=csv.QUOTE_ALL)

    table = _only_table(path)

    assert table.headers == header
    assert table.frame["NAMA" + other + " GELAR"].tolist() == [name, "SITI AMINAH"]
    assert table.frame["NIK"].tolist() == ["3513011503800001", "3513011503800002"]


def test_equal_header_scores_go_to_the_delimiter_whose_rows_match_the_header(tmp_path):
    # under semicolon (tried first) the title scores 2 (kecamatan, desa) like the real pipe header: rows decide
    rows = [["KECAMATAN", "DESA"], ["KRAKSAAN", "ASEMBAKOR"], ["KRAKSAAN", "KALIBUNTU"]]
    path = _write(tmp_path / "desa.csv", ["Kecamatan; Desa"], rows, "|")

    table = _only_table(path)

    assert table.headers == ["KECAMATAN", "DESA"]
    assert table.frame["DESA"].tolist() == ["ASEMBAKOR", "KALIBUNTU"]
    assert table.context.startswith("Kecamatan; Desa")


def test_no_header_under_any_delimiter_is_refused(tmp_path):
    path = _write(tmp_path / "notes.csv", ["catatan rapat, bukan tabel", "a;b;c", "1|2|3"], [], ",")

    with pytest.raises(UnreadableFile, match="baris judul kolom tidak ditemukan"):
        read_whole(path)
