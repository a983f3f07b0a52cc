"""A ``Table`` as a native PowerPoint table sized to fit its slide.

The type size is the largest of 24 down to 14 pt at which every column fits the page width (text columns may wrap
at spaces, numbers never) and every row, wrapped, fits the body's height; the agenda keeps a slide to 12 rows
so 18 pt or more is the usual outcome. Column widths follow their content. A RAG cell gets its colour *and* a symbol
(``✓ 95,0%``), so it reads on a washed-out projector, in grey print and for colour-blind viewers.
A table that does not fit even at 14 pt (long wrapped names in many columns) goes down to 10 pt rather than run off
the slide.
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches

from dashboard import theme
from dashboard.exports import textfit
from dashboard.exports.pptx_draw import ACCENT, DARK, HIGHLIGHT, PANEL, RAG_TEXT, WHITE, Box, paragraph, rgb
from dashboard.exports.slidetext import rag_text
from dashboard.slides.model import TEXT, Table

SIZES = (24, 22, 20, 18, 16, 14)
LAST_RESORT = (12, 11, 10)       # smaller than a hall wants, but never a table running off the slide
SIDE, EDGE = 0.08, 0.03          # cell margins left/right and top/bottom, inches
PAD = 2 * SIDE + 0.06            # a column's margins plus slack for renderer differences


@dataclass(frozen=True)
class Fit:
    pt: float
    widths: list[float]
    heights: list[float]         # header first


def shown(table: Table) -> list[list[str]]:
    """The cells as printed: with their RAG symbol where they have a status."""
    status = table.status or [[None] * len(table.columns) for _ in table.cells]
    return [[rag_text(cell, mark) for cell, mark in zip(row, marks, strict=True)]
            for row, marks in zip(table.cells, status, strict=True)]


def _widths(table: Table, rows: list[list[str]], pt: float, room: float) -> list[float] | None:
    """Column widths at ``pt``: each column's widest text on one line if that fits ``room``, else headers and
    text columns wrap; None when even that is too wide."""
    full, least = [], []
    for c, (header, unit) in enumerate(zip(table.columns, table.units, strict=True)):
        cells = [(row[c], r in table.highlight_rows) for r, row in enumerate(rows)]
        body_full = max((textfit.width_in(text, pt, bold) for text, bold in cells), default=0.0)
        body_least = body_full if unit != TEXT else max(
            (textfit.longest_word_in(text, pt, bold) for text, bold in cells), default=0.0)
        full.append(max(textfit.width_in(header, pt, True), body_full) + PAD)
        least.append(max(textfit.longest_word_in(header, pt, True), body_least) + PAD)
    if sum(full) <= room:
        return _stretch(full, room)
    if sum(least) > room:
        return None
    spare = room - sum(least)
    wants = [f - m for f, m in zip(full, least, strict=True)]
    return [m + spare * w / sum(wants) for m, w in zip(least, wants, strict=True)]


def _stretch(widths: list[float], room: float) -> list[float]:
    """A table a little wider than its text reads better on a wall; never wider than the page."""
    target = min(room, max(sum(widths) * 1.2, 0.6 * room))
    return [w * target / sum(widths) for w in widths]


def _heights(table: Table, rows: list[list[str]], widths: list[float], pt: float) -> list[float]:
    heights = []
    for r, row in enumerate([table.columns, *rows]):
        bold = r == 0 or (r - 1) in table.highlight_rows
        n = max(textfit.lines(text, w - PAD, pt, bold) for text, w in zip(row, widths, strict=True))
        heights.append(n * textfit.line_height_in(pt) + 2 * EDGE + 0.02)
    return heights


def fit(table: Table, box: Box) -> Fit:
    """The largest type size at which the table fits ``box``; a table that fits nowhere gets the smallest size."""
    rows = shown(table)
    result = None
    for pt in SIZES + LAST_RESORT:
        widths = _widths(table, rows, pt, box.width)
        if widths is None:
            continue
        result = Fit(pt, widths, _heights(table, rows, widths, pt))
        if sum(result.heights) <= box.height:
            return result
    if result is None:
        pt = LAST_RESORT[-1]
        widths = [box.width / len(table.columns)] * len(table.columns)
        result = Fit(pt, widths, _heights(table, rows, widths, pt))
    return result


def add_table(shapes, table: Table, box: Box) -> None:
    layout = fit(table, box)
    rows = shown(table)
    frame = shapes.add_table(len(rows) + 1, len(table.columns), Inches(box.left), Inches(box.top),
                             Inches(sum(layout.widths)), Inches(sum(layout.heights)))
    grid = frame.table
    grid.first_row = True
    grid.horz_banding = False
    for column, width in zip(grid.columns, layout.widths, strict=True):
        column.width = Inches(width)
    for row, height in zip(grid.rows, layout.heights, strict=True):
        row.height = Inches(height)
    for c, header in enumerate(table.columns):
        _cell(grid.cell(0, c), header, layout.pt, table.units[c], ACCENT, WHITE, bold=True)
    status = table.status or [[None] * len(table.columns) for _ in rows]
    for r, row in enumerate(rows):
        highlight = r in table.highlight_rows
        plain = HIGHLIGHT if highlight else (PANEL if r % 2 else WHITE)
        for c, text in enumerate(row):
            mark = status[r][c]
            background = theme.RAG[mark].lstrip("#") if mark in theme.RAG else plain
            _cell(grid.cell(r + 1, c), text, layout.pt, table.units[c], background, RAG_TEXT.get(mark, DARK),
                  bold=highlight or mark in ("hijau", "merah"))


def _cell(cell, text: str, pt: float, unit: str, background: str, colour: str, bold: bool) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = rgb(background)
    cell.margin_left = cell.margin_right = Inches(SIDE)
    cell.margin_top = cell.margin_bottom = Inches(EDGE)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    text_frame = cell.text_frame
    text_frame.word_wrap = True
    paragraph(text_frame, text, pt, first=True, align=PP_ALIGN.LEFT if unit == TEXT else PP_ALIGN.RIGHT,
              bold=bold, colour=colour)
