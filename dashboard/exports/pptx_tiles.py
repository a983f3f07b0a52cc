"""Headline tiles: a grid of boxes, each with its label, big number, change and note, sized so all of it fits.

The grid (columns x rows) and the type size are chosen together: the arrangement that lets the text be largest
wins (20 pt down to 14 pt, a note down to 12 pt); numbers stay 40-48 pt and the same size on every tile, so the
hall compares like with like. A change is coloured and gets an arrow only when its direction means something.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pptx.enum.text import MSO_ANCHOR

from dashboard.exports import textfit
from dashboard.exports.pptx_draw import DARK, MUTED, PANEL, Box, panel, paragraph
from dashboard.slides.model import Tile

NUMBER_PT = (48, 44, 40)
# (text, note) sizes, largest first; a long note may step down to 12 pt before anything runs out of its tile
SIZES = ((20, 18), (18, 18), (16, 16), (14, 14), (14, 12))
TREND_COLOUR = {"good": "1B7F3B", "bad": "C62828"}   # theme.RAG hijau / merah
GAP = 0.25
INSET = 0.12                                         # text margin inside a tile


@dataclass(frozen=True)
class Plan:
    columns: int
    text_pt: float
    note_pt: float
    number_pt: float


def change_text(tile: Tile) -> tuple[str, str]:
    """The change line and its colour: an arrow and colour only when the change has a direction that matters;
    nothing when there is nothing to compare with."""
    if not tile.change:
        return "", DARK
    text = " ".join(part for part in (tile.change, tile.compared_with) if part)
    if tile.trend not in TREND_COLOUR:
        return text, DARK
    arrow = "▲ " if tile.change.startswith("+") else "▼ " if tile.change.startswith(("-", "−")) else ""
    return arrow + text, TREND_COLOUR[tile.trend]


def _preferred_columns(n: int) -> list[int]:
    """Arrangements to try, the usual one first: up to three in a row, four as 2 x 2, seven or eight as 4 x 2."""
    usual = {1: 1, 2: 2, 3: 3, 4: 2, 7: 4, 8: 4}.get(n, 3 if n <= 9 else 4)
    others = [c for c in range(1, min(n, 4) + 1) if c != usual and math.ceil(n / c) <= 3]
    return [usual, *others]


def _cell(box: Box, n: int, columns: int) -> tuple[float, float]:
    rows = math.ceil(n / columns)
    return (box.width - GAP * (columns - 1)) / columns, min((box.height - GAP * (rows - 1)) / rows, 3.2)


def tile_height(tile: Tile, inner: float, pt: float, note_pt: float, number_pt: float) -> float:
    """The height the tile's text takes at these sizes, in inches."""
    lines = textfit.lines(tile.label, inner, pt, bold=True)
    change = change_text(tile)[0]
    lines += textfit.lines(change, inner, pt, bold=True) if change else 0
    note = textfit.lines(tile.note, inner, note_pt) * textfit.line_height_in(note_pt) if tile.note else 0.0
    return lines * textfit.line_height_in(pt) + textfit.line_height_in(number_pt) + note


def plan(tiles: list[Tile], box: Box) -> Plan:
    """The arrangement and sizes at which every tile's text fits, with the largest text; else the smallest."""
    best: Plan | None = None
    for columns in _preferred_columns(len(tiles)):
        width, height = _cell(box, len(tiles), columns)
        inner, room = width - 2 * INSET - 0.05, height - 2 * INSET
        number_pt = min(textfit.fit_size(tile.text, inner, NUMBER_PT, bold=True) for tile in tiles)
        for pt, note_pt in SIZES:
            if all(tile_height(tile, inner, pt, note_pt, number_pt) <= room for tile in tiles):
                if best is None or (pt, note_pt) > (best.text_pt, best.note_pt):
                    best = Plan(columns, pt, note_pt, number_pt)
                break
    return best or Plan(_preferred_columns(len(tiles))[0], *SIZES[-1], NUMBER_PT[-1])


def add_tiles(shapes, tiles: list[Tile], box: Box) -> None:
    if not tiles:
        return
    chosen = plan(tiles, box)
    width, height = _cell(box, len(tiles), chosen.columns)
    for i, tile in enumerate(tiles):
        row, column = divmod(i, chosen.columns)
        place = Box(box.left + column * (width + GAP), box.top + row * (height + GAP), width, height)
        _tile(shapes, tile, place, chosen)


def _tile(shapes, tile: Tile, box: Box, chosen: Plan) -> None:
    """Label, big number, change, note in a light box, from the top: numbers of one row line up, and text that
    cannot fit hangs down, never over the title."""
    text_frame = panel(shapes, box, PANEL, anchor=MSO_ANCHOR.TOP, margin=INSET).text_frame
    paragraph(text_frame, tile.label, chosen.text_pt, first=True, bold=True, colour=MUTED)
    paragraph(text_frame, tile.text, chosen.number_pt, bold=True)
    change, colour = change_text(tile)
    if change:
        paragraph(text_frame, change, chosen.text_pt, bold=True, colour=colour)
    if tile.note:
        paragraph(text_frame, tile.note, chosen.note_pt, italic=True, colour=MUTED)
