"""The Perencanaan workbook of the demo database: read back with openpyxl (inputs, weights, formulas, figures as
numbers, "<5" never its count) and opened in LibreOffice (headless), whose own calculation of the priority formulas
must give the dashboard's scores and ranks, also after a planner changes a weight."""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
from functools import partial
from pathlib import Path

import openpyxl
import pytest

from dashboard.db import connect_readonly
from dashboard.exports.perencanaan_xlsx import FIRST, HEADER, file_name, workbook
from dashboard.filters import Filters
from dashboard.queries import run_query
from dashboard.views import perencanaan as plan
from dashboard.views.perencanaan import prioritas
from tests.support.attainment import expected_attainment
from tests.support.coverage import expected_coverage
from tests.support.office import needs_libreoffice, office_bytes, to_pdf
from tests.support.perencanaan import expected_beban, expected_inputs, expected_ranking, expected_spm

NIK_LIKE = re.compile(rb"(?<![\d.])\d{16}(?!\d)")
SHEETS = ["Isi", "Prioritas", "Anggaran ke keluaran", "SPM", "Ketepatan sasaran per desa", "Beban kerja"]


@pytest.fixture(scope="module")
def data(demo):
    con = connect_readonly(demo.database)
    try:
        yield plan.load_perencanaan(partial(run_query, con), Filters(2026), demo.settings())
    finally:
        con.close()


@pytest.fixture(scope="module")
def written(data, demo, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / file_name(data)
    path.write_bytes(workbook(data, demo.settings().bobot_prioritas, today=dt.date(2026, 12, 3)))
    return path


def _names(data) -> dict[str, str]:
    return dict(zip(data.inputs["kode"], data.inputs["nama"], strict=True))


def test_the_priority_sheet_carries_inputs_weights_and_formulas(written, data, demo):
    assert written.name == "perencanaan-35.13-2026.xlsx"
    book = openpyxl.load_workbook(written)
    assert book.sheetnames == SHEETS
    sheet = book["Prioritas"]
    weights = demo.settings().bobot_prioritas
    assert [sheet.cell(HEADER - 1, c).value for c in range(7, 11)] == [weights[i.key] for i in prioritas.INPUTS]
    inputs = expected_inputs(demo.files, expected_coverage(demo.files, Filters(2026)),
                             expected_attainment(demo.files, Filters(2026), 10), 2026)
    want = expected_ranking(inputs, _names(data), weights)
    last = FIRST + len(want) - 1
    for r, (kode, score) in enumerate(want, start=FIRST):
        assert sheet.cell(r, 1).value == kode
        assert sheet.cell(r, 3).value == pytest.approx(inputs.loc[kode, "desil_share_pct"])
        assert sheet.cell(r, 4).value == pytest.approx(inputs.loc[kode, "ppks_per_1000"])
        assert sheet.cell(r, 13).value == pytest.approx(score) and sheet.cell(r, 14).value == r - FIRST + 1
        assert sheet.cell(r, 7).value == (f"=IF(ISNUMBER(C{r}),IF(MAX(C${FIRST}:C${last})=MIN(C${FIRST}:C${last}),"
                                          f"0,(C{r}-MIN(C${FIRST}:C${last}))/(MAX(C${FIRST}:C${last})"
                                          f"-MIN(C${FIRST}:C${last}))*100),0)")
        assert f"(MAX(F${FIRST}:F${last})-F{r})" in sheet.cell(r, 10).value   # attainment reversed
        assert sheet.cell(r, 11).value == f"=SUMPRODUCT(G{r}:J{r},$G$4:$J$4)/SUM($G$4:$J$4)"
        assert sheet.cell(r, 12).value.startswith(f"=RANK(K{r},")


def test_the_other_sheets_hold_the_figures_as_numbers(written, demo):
    book = openpyxl.load_workbook(written)
    spm = {(row[0], row[2]): row for row in book["SPM"].iter_rows(min_row=FIRST, values_only=True)}
    expected = expected_spm(demo.files, 2026, 10)
    for (kode, key), want in expected.iterrows():
        need = spm[(kode, f"SPM {key[3]} " + spm_name(key))][3]
        assert need == ("<5" if 1 <= want["n_butuh"] <= 4 else want["n_butuh"]), (kode, key)
    beban = {row[0]: row for row in book["Beban kerja"].iter_rows(min_row=FIRST, values_only=True)}
    for kode, want in expected_beban(demo.files, 2026).iterrows():
        assert beban[kode][2] == want["n_ppks"] and beban[kode][4] == pytest.approx(want["ppks_per_tksk"])
    budget = {row[0]: row for row in book["Anggaran ke keluaran"].iter_rows(min_row=FIRST, values_only=True)}
    assert budget["1.06.06"][-1] == "dana terserap tanpa keluaran"
    assert budget["1.06.05.2.02.0003"][-1] == "keluaran tanpa anggaran"
    desa = list(book["Ketepatan sasaran per desa"].iter_rows(min_row=FIRST, values_only=True))
    assert [row[0] for row in desa] == list(range(1, len(desa) + 1))
    assert all(isinstance(row[4], int) or row[4] == "<5" for row in desa)
    assert not NIK_LIKE.search(office_bytes(written))


def spm_name(key: str) -> str:
    return {"SPM1": "Disabilitas terlantar", "SPM2": "Anak terlantar", "SPM3": "Lansia terlantar",
            "SPM4": "Gelandangan dan pengemis", "SPM5": "Korban bencana"}[key]


def _calc_sheet(path: Path, out: Path, profile: Path, sheet: str) -> list[list[str]]:
    """LibreOffice's own calculation of one sheet (every sheet exported to CSV, values as shown)."""
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=120)
    with open(out / f"{path.stem}-{sheet}.csv", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def _number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


@needs_libreoffice
def test_libreoffice_opens_it_and_computes_the_dashboards_ranking(written, data, tmp_path):
    pdf = to_pdf(written, tmp_path / "pdf", tmp_path / "profile")
    assert pdf.exists() and pdf.stat().st_size > 0
    rows = _calc_sheet(written, tmp_path / "csv", tmp_path / "profile", "Prioritas")[FIRST - 1:]
    ranked = prioritas.composite(data.inputs, data_weights(written))
    for row, want in zip(rows, ranked.itertuples(index=False), strict=True):
        assert row[0] == want.kode
        assert _number(row[10]) == pytest.approx(want.skor, abs=1e-6)   # LibreOffice's SUMPRODUCT
        assert int(row[11]) == want.rank                                 # and its RANK + COUNTIFS


def data_weights(path: Path) -> dict[str, float]:
    sheet = openpyxl.load_workbook(path)["Prioritas"]
    return {item.key: float(sheet.cell(HEADER - 1, 7 + i).value) for i, item in enumerate(prioritas.INPUTS)}


@needs_libreoffice
def test_a_planner_changing_a_weight_in_the_file_gets_the_dashboards_new_ranking(written, data, tmp_path):
    book = openpyxl.load_workbook(written)
    sheet = book["Prioritas"]
    for i, item in enumerate(prioritas.INPUTS):
        sheet.cell(HEADER - 1, 7 + i).value = 1.0 if item.key == "ppks" else 0.0
    changed = tmp_path / "changed.xlsx"
    book.save(changed)
    rows = _calc_sheet(changed, tmp_path / "csv", tmp_path / "profile", "Prioritas")[FIRST - 1:]
    ppks_only = {item.key: (1.0 if item.key == "ppks" else 0.0) for item in prioritas.INPUTS}
    ranked = prioritas.composite(data.inputs, ppks_only)
    by_code = {row[0]: int(row[11]) for row in rows}
    assert [by_code[k] for k in ranked["kode"]] == list(range(1, len(ranked) + 1))
    assert by_code != {row[0]: int(row[13]) for row in rows}   # the rank on the dashboard's defaults differs
