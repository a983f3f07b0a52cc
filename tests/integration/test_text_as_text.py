"""Text from data is shown as text: a wilayah named ``<script>alert(1)</script> **tebal**`` reaches the charts'
categories, hover and map labels as escaped text (plotly reads a subset of HTML), the Markdown lines as escaped
Markdown, the slides and the XLSX as written; a file name with Markdown shows literally on the Data page."""

from __future__ import annotations

import io
from functools import partial
from types import SimpleNamespace

import duckdb
import openpyxl
import pandas as pd
import pytest

from dashboard.db import connect_readonly
from dashboard.exports.slidetext import plain
from dashboard.exports.xlsx import write_xlsx
from dashboard.filters import QUARTER, Filters
from dashboard.maps import figure as mapfigure
from dashboard.queries import run_query
from dashboard.slides.model import Chart
from dashboard.slides.screen import chart_figure
from dashboard.textsafe import markdown_text, plotly_text
from dashboard.views import cakupan, capaian, peta
from tests.support.apptest import open_app

HOSTILE = "<script>alert(1)</script> **tebal** [x](http://x.invalid) <b>b</b>"
ESCAPED = plotly_text(HOSTILE)


@pytest.mark.parametrize("text", [HOSTILE, "**bold**", "=1+1", "a_b_c", "1. Tiris", ":red[x]", "\\n"])
def test_markdown_escape_reads_back_as_written_on_slides(text):
    assert plain(markdown_text(text)) == text
    assert "<" not in plotly_text(text) and ">" not in plotly_text(text)


@pytest.fixture(scope="module")
def renamed(tmp_path_factory, demo):
    """The demo with its first kecamatan renamed to hostile text (in the shipped reference table)."""
    copy = demo.copy_to(tmp_path_factory.mktemp("hostile"))
    con = duckdb.connect(str(copy.database))
    try:
        code = con.execute("select min(kode) from wilayah where length(kode) = 8 and kode like ?",
                           [copy.settings().kabupaten + ".%"]).fetchone()[0]
        con.execute("update wilayah set nama = ? where kode = ?", [HOSTILE, code])
    finally:
        con.close()
    return copy


@pytest.fixture(scope="module")
def run(renamed):
    con = connect_readonly(renamed.database)
    yield partial(run_query, con)
    con.close()


def _strings(figure) -> list[str]:
    found = []

    def walk(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif hasattr(value, "tolist"):
            walk(value.tolist())
    walk(figure.to_plotly_json())
    return found


def _assert_escaped(figure):
    strings = _strings(figure)
    assert not [s for s in strings if "<script>" in s or "<b>b</b>" in s]
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in s for s in strings)


def test_charts_and_map_show_the_name_escaped(renamed, run):
    settings = renamed.settings()
    filters = Filters(2026, QUARTER, 3, None, "PKH")
    _assert_escaped(cakupan.indicator_bar(cakupan.load_cakupan(run, filters, settings), "C3"))
    _assert_escaped(capaian.ranking_bar(capaian.load_capaian(run, filters, settings), False))
    data = peta.load_peta(run, Filters(2026), settings)
    polygons, outline = peta.shapes(data)
    view = peta.map_view(data, None, peta.JUMLAH, "quantile", polygons)
    _assert_escaped(mapfigure.choropleth(view, outline, "Peta", peta.labelled(view, data)))
    assert any(HOSTILE in s for s in view.frame["nama"])  # the data keeps the name as written


def test_hotspot_lines_escape_markdown_and_slides_show_the_name_as_written():
    view = SimpleNamespace(hotspots=pd.DataFrame({"rank": [1], "nama": [HOSTILE], "value_text": ["4.060"]}))
    (line,) = peta.hotspot_lines(view)
    assert "\\*\\*tebal\\*\\*" in line and "\\<script\\>" in line and line.endswith(": **4.060**")
    assert plain(line) == f"1. {HOSTILE}: 4.060"


def test_deck_chart_on_screen_and_in_xlsx(renamed, tmp_path):
    deck = renamed.deck(Filters(2026, QUARTER, 3))
    charts = [body for slide in deck.slides for body in [slide.body] if isinstance(body, Chart)
              and any(HOSTILE in c for c in body.categories)]
    assert charts, "no chart of the deck names the renamed kecamatan"
    _assert_escaped(chart_figure(charts[0]))
    path = write_xlsx(deck, tmp_path / "deck.xlsx")
    cells = [c.value for sheet in openpyxl.load_workbook(io.BytesIO(path.read_bytes())).worksheets
             for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert HOSTILE in cells


def test_data_page_shows_file_names_and_messages_literally(demo_copy, tmp_path, monkeypatch):
    from dashboard.imports.runner import import_files

    dtks = next(p for p in demo_copy.files.iterdir() if p.name.startswith("dtks_"))
    named = tmp_path / "dtks_**tebal**_<i>x.csv"
    named.write_bytes(dtks.read_bytes().replace(b"\r\n", b";ANEH\r\n"))  # an unknown column: a warning
    (outcome,) = import_files([named], demo_copy.settings(), progress=lambda _m: None)
    assert outcome.status == "imported", outcome.lines
    app = open_app(demo_copy.env, monkeypatch, "data")
    shown = [e.label for e in app.expander] + [str(c.value) for c in app.caption]
    named_texts = [text for text in shown if "tebal" in text]
    assert named_texts, shown  # the source caption or the warnings' expander names the file
    assert all("\\*\\*tebal\\*\\*" in text for text in named_texts), named_texts
    files = app.dataframe[0].value
    assert named.name in set(files["Berkas"])  # the table shows it exactly as written
