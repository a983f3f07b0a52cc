"""Texts every handout writes the same way: the source line, the long date, the RAG symbols, "<5", progress.

Shared so the PPTX, the XLSX (and the PDF) never word the same thing twice differently.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from dashboard.formatting import format_number, format_pct, format_rupiah, month_name
from dashboard.i18n import register, t
from dashboard.slides.model import COUNT, PCT, RUPIAH, Deck, Reference, Slide
from dashboard.textsafe import MARKDOWN_SPECIAL

register({
    "export_source": ("Sumber: {source}", "Source: {source}"),
    "export_slide_made": ("Slide {n}/{of}: {title}", "Slide {n}/{of}: {title}"),
})

# A RAG cell reads without colour too (washed-out projector, grey print, colour-blind viewers). The glyphs are in
# DejaVu Sans (the font LibreOffice falls back to offline) and in Segoe UI Symbol (PowerPoint's fallback).
RAG_SYMBOLS = {"hijau": "✓", "kuning": "!", "merah": "✗", "abu": "–"}
SUPPRESSED = "<5"
# How a unit's numbers are stored and shown in a spreadsheet (the XLSX, the PPTX charts' data and axes).
# Percentages are kept as the deck holds them (45.6 for 45,6%), so every file holds the numbers the screen shows.
# The Indonesian locale tag makes LibreOffice print 1.234 and 45,6% whatever the PC's own locale; Excel and
# PowerPoint take the separators from Windows, which in the office is Indonesian.
LOCALE = "[$-421]"
NUMBER_FORMATS = {PCT: LOCALE + '0.0"%"', RUPIAH: LOCALE + '"Rp "#,##0', COUNT: LOCALE + "#,##0"}
_MARKDOWN = re.compile(r"\\(?=[" + re.escape(MARKDOWN_SPECIAL) + r"])|\*\*")


def source_line(slide: Slide, lang: str = "id") -> str:
    """``Sumber: …``; a source that already says so is kept as it is."""
    text = slide.source.strip()
    if not text or text.lower().startswith(("sumber", "source")):
        return text
    return t("export_source", lang, source=text)


def long_date(date: dt.date, lang: str = "id") -> str:
    """``3 Desember 2026`` (``3 December 2026``) for the title slide."""
    return f"{date.day} {month_name(date.month, lang)} {date.year}"


def plain(text: str) -> str:
    """Markdown the page shows (``1\\. Tiris: **4.060**``) as the plain text a slide shows (``1. Tiris: 4.060``)."""
    return _MARKDOWN.sub("", text)


def rag_text(cell: str, status: str | None) -> str:
    """``✓ 95,0%``: the cell with its status symbol in front (unless it already carries it)."""
    symbol = RAG_SYMBOLS.get(status or "")
    if not symbol or cell.startswith(symbol):
        return cell
    return f"{symbol} {cell}"


def is_suppressed(text: object) -> bool:
    """A shown value that hides a count of 1-4 people: its exact number must not be written anywhere."""
    return isinstance(text, str) and SUPPRESSED in text


def number(value: object) -> float | int | None:
    """A value as a plain Python number for a file writer; None for missing, NaN, infinity or non-numbers."""
    if value is None or isinstance(value, bool | str):
        return None
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(result):
        return None
    return int(result) if result.is_integer() and abs(result) < 2**53 else result


def progress_message(deck: Deck, index: int, lang: str = "id") -> str:
    """``Slide 3/12: Cakupan PKH`` as each slide is made."""
    return t("export_slide_made", lang, n=index + 1, of=len(deck.slides), title=deck.slides[index].heading)


def format_value(value: object, unit: str) -> str:
    """A number the Indonesian way by its unit: ``45,6%``, ``Rp 12,3 M``, ``1.234``."""
    if unit == PCT:
        return format_pct(value)
    if unit == RUPIAH:
        return format_rupiah(value, short=True)
    return format_number(value, 0 if unit == COUNT else 1)


def reference_text(reference: Reference, unit: str) -> str:
    """``Kabupaten: 45,6%``; a label that already holds its number is kept as it is."""
    if any(ch.isdigit() for ch in reference.label):
        return reference.label
    return f"{reference.label}: {format_value(reference.value, unit)}"
