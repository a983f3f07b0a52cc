"""The XLSX handout read back with openpyxl: a sheet per figure under its title, source and filters, numbers stored
as numbers with Indonesian formats, "<5" never turned back into its count, data text never a formula."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard.exports.slidetext import NUMBER_FORMATS
from dashboard.exports.xlsx import HEADER_ROW, write_xlsx
from dashboard.slides.model import COUNT, PCT, RUPIAH, TEXT, Slide, Table
from tests.support import deck as sample

FIRST = HEADER_ROW + 1


@pytest.fixture
def written(tmp_path: Path):
    deck = sample.small_deck()
    messages: list[str] = []
    path = write_xlsx(deck, tmp_path / "out" / f"{deck.file_stem}.xlsx", progress=messages.append)
    return deck, path, openpyxl.load_workbook(path), messages


def rows(sheet, first: int = HEADER_ROW) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(min_row=first, values_only=True)]


def test_a_sheet_per_figure_after_the_contents_and_each_slide_reported(written):
    deck, path, book, messages = written
    assert path.name == "rakor-35.13-2026-triwulan3.xlsx"
    # tiles, bar, line, the split table once, the map, the sources; the missing-data slide has no numbers
    assert book.sheetnames == ["Isi", "Ringkasan Triwulan 3 2026", "Capaian target PKH per", "Realisasi anggaran "
                               "bansos 2026", "Capaian per kecamatan", "Peta PPKS per kecamatan 2026", "Sumber data"]
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert messages == [f"Slide {i}/{len(deck.slides)}: {s.heading}" for i, s in enumerate(deck.slides, start=1)]
    contents = book["Isi"]
    assert [contents.cell(r, 1).value for r in range(1, 6)] == [deck.title, deck.wilayah, deck.period,
                                                                deck.filters_text, "3 Desember 2026"]
    links = [row for row in contents.iter_rows(min_row=8) if row[0].value]
    assert [row[0].value for row in links] == book.sheetnames[1:]
    assert links[1][0].hyperlink.location == "'Capaian target PKH per'!A1"


def test_every_sheet_opens_with_title_source_and_filters(written):
    deck, _, book, _ = written
    sheet = book["Capaian target PKH per"]
    assert sheet["A1"].value == "Capaian target PKH per kecamatan"
    assert sheet["A2"].value == "Sumber: Target 2026; salur PKH tahap 3"
    assert sheet["A3"].value == f"{deck.wilayah} · {deck.filters_text}"
    assert sheet["A4"].value == deck.slides[1].subtitle
    assert sheet.freeze_panes == f"A{FIRST}"


def test_table_numbers_are_numbers_with_indonesian_formats_and_parts_are_one_sheet(written):
    _, _, book, _ = written
    sheet = book["Capaian per kecamatan"]
    assert rows(sheet) == [
        ["Kecamatan", "KPM", "Target", "Capaian"],
        ["Tongas", 1900, 2000, 95], ["Lumbang", 1650, 2000, 82.5], ["Sukapura", 1500, 2000, 75],
        ["Sumber", "<5", 0, 0], ["Kuripan", 800, 2000, 40], ["Kabupaten", 5853, 8000, 73.2],
    ]
    assert sheet.cell(FIRST, 2).number_format == NUMBER_FORMATS[COUNT] == "[$-421]#,##0"
    assert sheet.cell(FIRST, 4).number_format == NUMBER_FORMATS[PCT] == '[$-421]0.0"%"'
    assert sheet.cell(FIRST, 4).fill.fgColor.rgb.endswith("1B7F3B")   # hijau, as on the slide
    assert sheet.cell(FIRST + 5, 1).font.bold                          # the total row
    assert sheet.column_dimensions["A"].width >= len("Kecamatan")


def test_suppressed_counts_stay_suppressed_in_every_kind_of_sheet(written):
    _, _, book, _ = written
    assert book["Capaian per kecamatan"].cell(FIRST + 3, 2).value == "<5"
    assert book["Ringkasan Triwulan 3 2026"].cell(FIRST + 3, 2).value == "<5"
    peta = rows(book["Peta PPKS per kecamatan 2026"])
    assert peta[0] == ["Kode wilayah", "Wilayah", "Jumlah PPKS", "Kelas", "Peringkat"]
    assert peta[1:4] == [["35.13.01", "Tongas", 120, 3, 1], ["35.13.02", "Lumbang", 45, 2, 2],
                         ["35.13.03", "Sumber", "<5", 1, 3]]


def test_tiles_and_charts_keep_their_numbers_units_and_references(written):
    _, _, book, _ = written
    tiles = book["Ringkasan Triwulan 3 2026"]
    assert rows(tiles)[:3] == [["Indikator", "Nilai", "Perubahan", "Pembanding", "Catatan"],
                               ["KPM PKH", 12345, "+234", "dibanding Triwulan 2 2026", None],
                               ["Cakupan DTKS desil 1-4", 45.6, "-1,2 poin", "dibanding Triwulan 2 2026",
                                "+68 keluarga layak menunggu salur"]]
    assert tiles.cell(FIRST + 2, 2).number_format == NUMBER_FORMATS[RUPIAH] == '[$-421]"Rp "#,##0'
    bar = rows(book["Capaian target PKH per"])
    assert bar[:6] == [["Kategori", "Capaian PKH"], *map(list, zip(sample.KECAMATAN, sample.CAPAIAN, strict=True))]
    assert bar[-1] == ["Garis acuan: Kabupaten", 71.2]
    line = rows(book["Realisasi anggaran bansos 2026"])
    assert [r[1] for r in line[1:7]] == sample.REALISASI and [r[2] for r in line[1:7]] == sample.RENCANA
    assert line[-1][:2] == ["Garis acuan: Pagu", 2.5e9]


def test_text_from_the_data_is_never_a_formula(tmp_path: Path):
    hostile = ["=HYPERLINK(\"http://x\")", "+62 812", "-", "@SUM(A1)", "Desa <5 =x"]
    columns = ["Desa", "KPM"]
    values = pd.DataFrame({"Desa": hostile, "KPM": [1, 2, 3, 4, 5]})
    cells = [[name, str(n)] for name, n in zip(hostile, values["KPM"], strict=True)]
    cells[3][1] = "<5"
    table = Table(columns, cells, values, [TEXT, COUNT])
    deck = replace(sample.small_deck(), slides=[Slide("x", "Uji", table, source="uji")])
    path = write_xlsx(deck, tmp_path / "hostile.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any(b"<f>" in xml or b"<f " in xml for xml in sheets)
    sheet = openpyxl.load_workbook(path)["Uji"]
    got = rows(sheet, FIRST)
    assert [r[0] for r in got] == hostile
    assert all(sheet.cell(FIRST + i, 1).data_type == "s" for i in range(len(hostile)))
    assert sheet.cell(FIRST, 1).quotePrefix and not sheet.cell(FIRST + 4, 1).quotePrefix
    assert [r[1] for r in got] == [1, 2, 3, "<5", 5]


def test_no_nik_like_number_in_the_workbook(written):
    _, path, _, _ = written
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            assert not re.search(rb"(?<![\d.])\d{16}(?!\d)", data), name   # not the decimals of a float
            assert b"NIK" not in data, name
