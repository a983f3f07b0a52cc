"""Formula injection: text from data beginning with = + - @ (or a tab or CR) is stored as text in every
spreadsheet the dashboard writes (exports.cells is the one rule): the follow-up lists, the deck's XLSX, the PPTX
charts' embedded workbooks, and any CSV field."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from dashboard.exports.cells import csv_text, formula_like, put_cell
from dashboard.exports.pptx_chart import _data
from dashboard.slides.model import COUNT, Chart, Series
from dashboard.views.cakupan import followup_xlsx

HOSTILE = ['=HYPERLINK("http://x.invalid","klik")', "+62811", "-1+1", "@SUM(A1)", "\t=1", "\r=1",
           "<script>alert(1)</script>", "**tebal**"]


@pytest.mark.parametrize("text", HOSTILE)
def test_the_rule(text):
    assert formula_like(text) == text.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert csv_text(text) == ("'" + text if formula_like(text) else text)
    assert csv_text(12) == 12


def test_followup_list_keeps_every_hostile_name_as_text():
    table = pd.DataFrame({"Desa": ["=1+1"] * len(HOSTILE), "NIK (disamarkan)": ["351301******0001"] * len(HOSTILE),
                          "Nama": HOSTILE, "Alasan": ["-"] * len(HOSTILE)})
    sheet = openpyxl.load_workbook(io.BytesIO(followup_xlsx(table, "=judul"))).active
    assert sheet["A1"].value == "=judul" and sheet["A1"].data_type == "s"
    names = [sheet.cell(row, 3) for row in range(4, 4 + len(HOSTILE))]
    assert [c.value for c in names] == HOSTILE
    assert all(c.data_type == "s" for c in names)
    assert all(c.quotePrefix for c in names if formula_like(c.value))
    assert [c.value for c in sheet[3]] == list(table.columns)


def test_put_cell_keeps_numbers_and_empties():
    sheet = openpyxl.Workbook().active
    put_cell(sheet["A1"], 5, "0")
    put_cell(sheet["A2"], float("nan"))
    assert (sheet["A1"].value, sheet["A1"].data_type, sheet["A2"].value) == (5, "n", None)


def test_pptx_chart_workbook_stores_category_names_as_text():
    chart = Chart("bar", ["=1+1", "@SUM(A1)", "Tiris"], [Series("KPM", [1.0, 2.0, 3.0], ["1", "2", "3"], "#000")],
                  COUNT)
    sheet = openpyxl.load_workbook(io.BytesIO(_data(chart).xlsx_blob)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "=1+1" in [c.value for c in cells]
    assert not [c for c in cells if c.data_type == "f"]
