"""The one rule for data text in every spreadsheet the dashboard writes (the deck's XLSX, the follow-up lists,
any CSV): text stays text. A name beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is never
evaluated as a formula (formula injection, "CSV injection"), whatever a hostile or careless file put in it."""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value: object) -> bool:
    """True for text a spreadsheet would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def put_cell(cell, value: object, number_format: str | None = None) -> None:
    """An openpyxl cell: a number with its format, or text stored as text (type ``s``, never ``f``) with Excel's
    quote prefix when it starts like a formula, so it shows exactly as written and is never computed."""
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"
        if formula_like(value):
            cell.quotePrefix = True
        return
    cell.value = None if value is not None and value != value else value  # NaN is an empty cell
    if value is not None and number_format:
        cell.number_format = number_format


def csv_text(value: object) -> object:
    """A CSV field: formula-like text gets a leading apostrophe (a CSV has no quote-prefix flag), the rest as is."""
    return "'" + value if formula_like(value) else value
