"""The real rakor deck of the demo database as PPTX and XLSX: the files hold exactly the deck's numbers (chart
series, table values), one slide per deck slide, and no NIK-like number."""

from __future__ import annotations

import math
import re

import openpyxl
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard.exports.pptx import write_pptx
from dashboard.exports.slidetext import is_suppressed, rag_text
from dashboard.exports.xlsx import HEADER_ROW, write_xlsx
from dashboard.filters import QUARTER, Filters
from dashboard.slides.model import TEXT, Chart, Table
from tests.support.office import office_bytes

NIK_LIKE = re.compile(rb"(?<![\d.])\d{16}(?!\d)")   # not the decimals of a float


@pytest.fixture(scope="module")
def deck(demo):
    return demo.deck(Filters(2026, QUARTER, 3))


def _number(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _shapes(container):
    for shape in container.shapes:
        yield from _shapes(shape) if shape.shape_type == MSO_SHAPE_TYPE.GROUP else (shape,)


def test_the_demo_deck_as_pptx_holds_the_decks_charts_and_tables(deck, tmp_path):
    path = write_pptx(deck, tmp_path / f"{deck.file_stem}.pptx")
    slides = list(Presentation(str(path)).slides)
    assert len(slides) == 1 + len(deck.slides)
    checked = set()
    for content, slide in zip(deck.slides, slides[1:], strict=True):
        assert slide.shapes.title.text == content.heading
        body = content.body
        if isinstance(body, Chart):
            (frame,) = [s for s in _shapes(slide) if s.has_chart]
            drawn = frame.chart.plots[0].series
            for series, written in zip(body.series, drawn, strict=False):
                assert [_number(v) for v in written.values] == [_number(v) for v in series.values], content.key
            assert list(frame.chart.plots[0].categories) == body.categories
            checked.add("chart")
        elif isinstance(body, Table):
            (frame,) = [s for s in _shapes(slide) if s.has_table]
            status = body.status or [[None] * len(body.columns) for _ in body.cells]
            shown = [[rag_text(c, m) for c, m in zip(row, marks, strict=True)]
                     for row, marks in zip(body.cells, status, strict=True)]
            assert [[c.text for c in row.cells] for row in frame.table.rows] == [body.columns, *shown]
            checked.add("table")
    assert checked == {"chart", "table"}
    assert not NIK_LIKE.search(office_bytes(path))


def _sheets_by_title(book) -> dict[str, object]:
    """The contents sheet's list: slide title -> its sheet."""
    contents = book[book.sheetnames[0]]
    listed = [(row[0].value, row[1].value) for row in contents.iter_rows(min_row=8) if row[0].value]
    return {title: book[name] for name, title in listed}


def _check_table(sheet, tables: list[Table]) -> None:
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 1, max_col=len(tables[0].columns), values_only=True))
    expected = [(cells, values, t.units) for t in tables for cells, values in
                zip(t.cells, t.values.itertuples(index=False), strict=True)]
    assert [c.value for c in sheet[HEADER_ROW]][:len(tables[0].columns)] == tables[0].columns
    for got, (cells, values, units) in zip(rows, expected, strict=False):
        for stored, text, value, unit in zip(got, cells, values, units, strict=True):
            if unit == TEXT or is_suppressed(text):
                assert stored == text
            elif _number(value) is None:
                assert stored in (None, text)
            else:
                assert isinstance(stored, int | float) and stored == pytest.approx(float(value), rel=1e-12), text


def test_the_demo_deck_as_xlsx_holds_the_decks_numbers(deck, tmp_path):
    path = write_xlsx(deck, tmp_path / f"{deck.file_stem}.xlsx")
    sheets = _sheets_by_title(openpyxl.load_workbook(path))
    tables: dict[str, list[Table]] = {}
    charts_above: dict[str, int] = {}  # rows the earlier parts of a split chart take on its sheet
    for content in deck.slides:
        if isinstance(content.body, Table):
            tables.setdefault(content.title, []).append(content.body)
        elif isinstance(content.body, Chart):
            sheet = sheets[content.title]
            n, above = len(content.body.categories), charts_above.get(content.title, 0)
            charts_above[content.title] = above + n
            for column, series in enumerate(content.body.series, start=2):
                got = [sheet.cell(HEADER_ROW + 1 + above + i, column).value for i in range(n)]
                # a spreadsheet keeps 15 significant digits, as Excel does
                want = [label if is_suppressed(label) else None if _number(value) is None else
                        pytest.approx(_number(value), rel=1e-12)
                        for value, label in zip(series.values, series.labels, strict=True)]
                assert got == want, content.key
    assert tables
    for title, parts in tables.items():
        _check_table(sheets[title], parts)
    assert not NIK_LIKE.search(office_bytes(path))
