"""The PDF page bodies other than charts: tiles, a table, the map with its hotspot list, a missing-data line.

Each is sized to the body area before it is drawn: type shrinks step by step (never under 10 pt) until the
content fits, so a long label or a twelve-row table is never cut.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from dashboard import theme
from dashboard.exports import fonts, mapimage
from dashboard.exports.pdfpage import ACCENT, DARK, GRID, HIGHLIGHT, MUTED, PAGE_H, PANEL, WHITE, Area, Page
from dashboard.exports.slidetext import plain, rag_text
from dashboard.i18n import register, t
from dashboard.slides.model import TEXT, MapPicture, Missing, Table, Tile, Tiles

register({
    "pdf_more_hotspots": ("… dan {n} wilayah lainnya", "… and {n} more areas"),
})

TREND = {"good": theme.RAG["hijau"], "bad": theme.RAG["merah"]}
RAG_INK = {"hijau": WHITE, "merah": WHITE, "kuning": DARK, "abu": DARK}   # contrast on theme.RAG fills
SCALES = (1.0, 0.9, 0.8, 0.7, 0.62)
MAP_NAME_PT, LEGEND_PT = 11.0, 14.0   # names as the page writes them relative to the map; the legend as body text


# ---- tiles -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    """Lines of one style inside a tile."""

    lines: list[str]
    size: float
    bold: bool = False
    colour: str = DARK
    gap: float = 0.0      # space above


def _arrow(change: str) -> str:
    return "▲ " if change.startswith("+") else "▼ " if change.startswith(("-", "−")) else ""


def tile_blocks(tile: Tile, width: float, scale: float, small: float | None = None) -> list[Block]:
    """Label, the number (shrunk to one line), change with an arrow and colour unless neutral, note; the
    comparison and the note at ``small`` scale (default ``scale``)."""
    small = small or scale
    label = fonts.wrap(tile.label, 17 * scale, width, bold=True)
    value_pt = fonts.fit_size(tile.text, width, 44 * scale, 18, bold=True)
    blocks = [Block(label, 17 * scale, True, MUTED), Block([tile.text], value_pt, True, DARK, 4 * scale)]
    if tile.change:
        neutral = tile.trend not in TREND
        change = tile.change if neutral else _arrow(tile.change) + tile.change
        blocks.append(Block(fonts.wrap(change, 17 * scale, width, bold=True), 17 * scale, True,
                            MUTED if neutral else TREND[tile.trend], 4 * scale))
    if tile.compared_with:
        blocks.append(Block(fonts.wrap(tile.compared_with, 14 * small, width), 14 * small, False, MUTED))
    if tile.note:
        blocks.append(Block(fonts.wrap(tile.note, 14 * small, width), 14 * small, False, DARK, 4 * scale))
    return blocks


def _height(blocks: list[Block]) -> float:
    return sum(b.gap + len(b.lines) * b.size * 1.22 for b in blocks)


def _grid(n: int) -> tuple[int, int]:
    columns = n if n <= 3 else 2 if n == 4 else 3 if n <= 6 else 4
    return columns, math.ceil(n / columns)


def draw_tiles(page: Page, tiles: Tiles, area: Area) -> None:
    columns, rows = _grid(len(tiles.tiles))
    gap = 14.0
    w = (area.w - gap * (columns - 1)) / columns
    h = min((area.h - gap * (rows - 1)) / rows, 230.0)
    pad = 14.0
    # one pair of scales for every tile, so equal things look equal: numbers as large as the fullest tile allows,
    # its comparison and note made smaller first
    pairs = [(s, n) for s in SCALES for n in SCALES if n <= s and n >= 0.75]   # notes never under 10,5 pt
    scale, small = next((p for p in pairs if all(_height(tile_blocks(tile, w - 2 * pad, *p)) <= h - 2 * pad
                                                  for tile in tiles.tiles)), pairs[-1])
    for i, tile in enumerate(tiles.tiles):
        row, col = divmod(i, columns)
        box = Area(area.x + col * (w + gap), area.y + row * (h + gap), w, h)
        page.rect(box, PANEL)
        blocks = tile_blocks(tile, w - 2 * pad, scale, small)
        y = box.y + pad
        for block in blocks:
            y = page.lines(box.x + pad, y + block.gap, block.lines, block.size, bold=block.bold, colour=block.colour)


# ---- table -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TableLayout:
    size: float
    widths: list[float]
    headers: list[list[str]]
    header_h: float
    row_h: float


def cell_texts(table: Table) -> list[list[str]]:
    """Cells as printed: a status cell carries its symbol, so it reads without colour."""
    status = table.status or [[None] * len(table.columns) for _ in table.cells]
    return [[rag_text(str(cell), s) for cell, s in zip(row, states, strict=True)]
            for row, states in zip(table.cells, status, strict=True)]


def table_layout(table: Table, texts: list[list[str]], area: Area) -> TableLayout:
    """The largest type (18 down to 10 pt) at which every column fits side by side and every row fits below."""
    rows = len(texts)
    for size in (18, 17, 16, 15, 14, 13, 12, 11, 10):
        pad = 0.45 * size
        bold_rows = set(table.highlight_rows)
        widths = []
        for c, header in enumerate(table.columns):
            cells = max([fonts.measure(r[c], size, i in bold_rows) for i, r in enumerate(texts)] or [0])
            word = max([fonts.measure(w, size, True) for w in header.split()] or [0])
            widths.append(max(cells, word) + 2 * pad)
        if sum(widths) > area.w and size > 10:
            continue
        widths = _widen(table.columns, widths, size, pad, area.w)
        headers = [fonts.wrap(h, size, w - 2 * pad, bold=True) for h, w in zip(table.columns, widths, strict=True)]
        header_h = max(len(h) for h in headers) * size * 1.22 + 1.1 * size
        row_h = 1.85 * size
        if header_h + rows * row_h <= area.h or size == 10:
            row_h = min(row_h, (area.h - header_h) / max(rows, 1))
            return TableLayout(size, widths, headers, header_h, row_h)
    raise AssertionError("unreachable")


def _widen(columns: list[str], widths: list[float], size: float, pad: float, room: float) -> list[float]:
    """Spare width goes first to headers that would wrap (shared in proportion to what each lacks, so no header
    takes it all), then evenly, up to a third more than needed."""
    spare = room - sum(widths)
    wants = [max(fonts.measure(h, size, True) + 2 * pad - w, 0.0) for h, w in zip(columns, widths, strict=True)]
    share = min(1.0, spare / sum(wants)) if spare > 0 and sum(wants) > 0 else 0.0
    widths = [w + want * share for w, want in zip(widths, wants, strict=True)]
    total = sum(widths)
    stretch = min(room, total * 1.35) / total if total else 1.0
    return [w * max(stretch, 1.0) for w in widths]


def _cell_style(table: Table, r: int, c: int) -> tuple[str | None, str]:
    status = table.status[r][c] if table.status else None
    if status in theme.RAG:
        return theme.RAG[status], RAG_INK[status]
    if r in table.highlight_rows:
        return HIGHLIGHT, DARK
    return (PANEL if r % 2 else None), DARK


def draw_table(page: Page, table: Table, area: Area) -> None:
    texts = cell_texts(table)
    layout = table_layout(table, texts, area)
    size, pad = layout.size, 0.45 * layout.size
    total_w = sum(layout.widths)
    page.rect(Area(area.x, area.y, total_w, layout.header_h), ACCENT)
    x = area.x
    for header, width, unit in zip(layout.headers, layout.widths, table.units, strict=True):
        numeric = unit != TEXT
        y = area.y + (layout.header_h - len(header) * size * 1.22) / 2
        page.lines(x + width - pad if numeric else x + pad, y, header, size, bold=True, colour=WHITE,
                   ha="right" if numeric else "left")
        x += width
    y = area.y + layout.header_h
    for r, row in enumerate(texts):
        bold = r in table.highlight_rows
        x = area.x
        for c, (text, width, unit) in enumerate(zip(row, layout.widths, table.units, strict=True)):
            fill, ink = _cell_style(table, r, c)
            if fill:
                page.rect(Area(x, y, width, layout.row_h), fill)
            numeric = unit != TEXT
            page.text(x + width - pad if numeric else x + pad, y + layout.row_h / 2, text, size, bold=bold,
                      colour=ink, ha="right" if numeric else "left", va="center_baseline")
            x += width
        y += layout.row_h
        page.hline(area.x, area.x + total_w, y, GRID)


# ---- map ---------------------------------------------------------------------------------------------------

def _hotspot_lines(page: Page, lines: list[str], area: Area, lang: str) -> None:
    """The top-class list beside the map: type shrinks to fit, the rest is counted if it still does not."""
    heading = t("peta_hotspots", lang)
    for size in (16, 15, 14, 13, 12):     # a longer list is cut (and counted) rather than printed unreadably small
        heading_lines = fonts.wrap(heading, size + 1, area.w, bold=True)
        wrapped = [fonts.wrap(plain(line), size, area.w) for line in lines]
        room = int((area.h - len(heading_lines) * (size + 1) * 1.22 - size) // (size * 1.22))
        if sum(len(w) for w in wrapped) <= room or size == 12:
            break
    y = page.lines(area.x, area.y, heading_lines, size + 1, bold=True) + size * 0.6
    used = 0
    for i, item in enumerate(wrapped):
        rest = len(wrapped) - i
        if used + len(item) > room or (rest > 1 and used + len(item) == room):
            page.text(area.x, y, t("pdf_more_hotspots", lang, n=rest), size, colour=MUTED)
            return
        y = page.lines(area.x, y, item, size)
        used += len(item)


def draw_map(page: Page, picture: MapPicture, area: Area, lang: str = "id") -> None:
    """The map on the left at full height; the legend and the hotspot list in a column on the right."""
    side = 0.27 * area.w
    box = mapimage.Box(area.x, PAGE_H - area.bottom, area.w - side - 16, area.h)
    legend_h = mapimage.legend_height(picture, LEGEND_PT, lang)
    legend = mapimage.Box(area.right - side, PAGE_H - area.y - legend_h, side, legend_h)
    mapimage.draw_map(page.fig, box, picture, MAP_NAME_PT, lang, legend_size=LEGEND_PT, legend_at=legend)
    if picture.hotspots:
        below = Area(area.right - side, area.y + legend_h + 18, side, area.h - legend_h - 18)
        _hotspot_lines(page, picture.hotspots, below, lang)


# ---- missing -----------------------------------------------------------------------------------------------

def draw_missing(page: Page, missing: Missing, area: Area) -> None:
    """The one line saying which file to import, large, in the middle of the body."""
    width = area.w * 0.8
    lines = fonts.wrap(missing.message, 28, width, bold=True)
    height = len(lines) * 28 * 1.22
    page.rect(Area(area.x + area.w * 0.07, area.y + (area.h - height) / 2 - 28, area.w * 0.86, height + 56), PANEL)
    page.lines(area.x + area.w / 2, area.y + (area.h - height) / 2, lines, 28, bold=True, colour=MUTED, ha="center")
