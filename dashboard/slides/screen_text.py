"""A slide's table and tiles for one projector screen, pure (no Streamlit): ``dashboard.web.present`` shows them.

A table is HTML whose type size comes from the box the page gives it (CSS container units ``cqh``/``cqw``) and
from what it holds, so a long or wide table shrinks to fit instead of being cut. RAG cells carry their colour
*and* their symbol (``✓ 95,0%``), the same symbols as the handouts, so they read on a washed-out projector.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from html import escape

from dashboard import theme
from dashboard.exports.slidetext import rag_text
from dashboard.slides.model import COUNT, PCT, RUPIAH, TEXT, Table, Tile, Tiles

TABLE_MAX_PX = 34         # a short table's type stops growing here
TEXT_WRAPS = (40, 30, 24, 18, 14, 10, 8, 6)  # where a text column may wrap, widest first (numbers never wrap)
BODY_PX = (973, 540)      # the slide body at 1024x768 (the window less title, source and footer): where it must fit


def inline_html(text: str) -> str:
    """A slide's line as HTML: escaped, with a `command` in backticks shown as code (``rakor import``)."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text))


def tile_delta(tile: Tile, common: str | None = None) -> dict[str, str | None]:
    """``st.metric``'s delta for a tile: green when the change is good, red when bad; a change that rounds to zero
    (no digit but 0) or has no direction gets no colour, and a zero no arrow. What it is compared with is said
    under it unless it is the ``common`` comparison the slide states once."""
    if not tile.change:
        return {"delta": None, "delta_color": "off", "delta_arrow": "off", "delta_description": None}
    zero = not any(ch in "123456789" for ch in tile.change)
    colour = "off" if zero else {"good": "green", "bad": "red"}.get(tile.trend, "off")
    described = tile.compared_with if tile.compared_with != common else None
    return {"delta": tile.change, "delta_color": colour, "delta_arrow": "off" if zero else "auto",
            "delta_description": described or None}


def common_comparison(tiles: Tiles) -> str | None:
    """What most tiles' changes are compared with, said once above them instead of under each."""
    counts = Counter(tile.compared_with for tile in tiles.tiles if tile.change and tile.compared_with)
    return counts.most_common(1)[0][0] if counts else None


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def _fit(table: Table, wrap: int) -> tuple[float, float]:
    """The type size by height (cqh) and by width (cqw) when text columns wrap at ``wrap`` characters (only at
    spaces; a number or a RAG cell never wraps): a header plus each row's lines, and each column's widest text."""
    status = table.status or [[None] * len(table.columns) for _ in table.cells]
    rows = [[(rag_text(cell, mark), unit == TEXT and mark is None)  # (text as shown, whether it may wrap)
             for cell, unit, mark in zip(row, table.units, marks, strict=True)]
            for row, marks in zip(table.cells, status, strict=True)]
    widths = [max([_longest_word(column)] + [max(_longest_word(text), min(len(text), wrap)) if wraps else len(text)
                                             for text, wraps in (row[j] for row in rows)])
              for j, column in enumerate(table.columns)]
    header = max(math.ceil(len(column) / max(w, 1)) for column, w in zip(table.columns, widths, strict=True))
    lines = header + sum(max(math.ceil(len(text) / max(w, 1)) if wraps else 1
                             for (text, wraps), w in zip(row, widths, strict=True)) for row in rows)
    by_height = 100 / (lines * 1.25 + (len(rows) + 1) * 0.7 + 0.5)  # line height 1.25em, 0.35em padding each side
    by_width = 100 / (sum(widths) * 0.56 + len(widths) * 1.1 + 1)   # about 0.56em a character, 1.1em a cell
    return by_height, by_width


def table_font(table: Table) -> str:
    """CSS font size that fits the whole table in its box (container units of the slide body): by height from the
    lines it needs, by width from its widest characters. A wide table's text columns wrap narrower (more lines, each
    larger) where that gives larger type on the smallest screen, so a table of decisions reads like the scorecard."""
    fits = [_fit(table, wrap) for wrap in TEXT_WRAPS]
    by_height, by_width = max(fits, key=lambda fit: min(fit[0] * BODY_PX[1], fit[1] * BODY_PX[0]))
    return f"min({by_height:.2f}cqh, {by_width:.2f}cqw, {TABLE_MAX_PX}px)"


def table_html(table: Table) -> str:
    """The table as shown on the slide: numbers right-aligned, RAG cells in their colour *and* with their symbol
    (text in whichever of near-black and white reads best on the fill, on one line), highlighted rows bold and
    framed."""
    head = "".join(f'<th class="{_align(u)}">{escape(c)}</th>'
                   for c, u in zip(table.columns, table.units, strict=True))
    body = []
    for i, row in enumerate(table.cells):
        cells = []
        for j, (cell, unit) in enumerate(zip(row, table.units, strict=True)):
            status = table.status[i][j] if table.status else None
            fill = theme.RAG.get(status or "")
            style = f' style="background:{fill};color:{theme.ink_on(fill)}"' if fill else ""
            rag = " present-rag" if fill else ""
            cells.append(f'<td class="{_align(unit)}{rag}"{style}>{_words_html(rag_text(cell, status))}</td>')
        mark = ' class="present-highlight"' if i in table.highlight_rows else ""
        body.append(f"<tr{mark}>{''.join(cells)}</tr>")
    return (f'<table class="present-table" style="font-size:{table_font(table)}">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def _words_html(text: str) -> str:
    """Escaped text that breaks only at spaces, as ``table_font`` counts its lines: a date (``02-01-2027``) or a
    code is kept on one line."""
    return " ".join(f'<span class="present-word">{escape(word)}</span>' if "-" in word[1:] else escape(word)
                    for word in text.split(" "))


def _align(unit: str) -> str:
    return "present-num" if unit in (PCT, RUPIAH, COUNT) else "present-text"
