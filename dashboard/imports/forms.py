"""What a data kind declares: its columns, how it is recognised, and how a table becomes warehouse rows."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.imports.fields import Constant, Fields, ImportContext, Note

if TYPE_CHECKING:
    from dashboard.imports.staging import Stage


@dataclass
class TableData:
    """Rows for one warehouse table.

    ``replace_keys``: a newer file replaces every stored row that shares these key values.
    ``unique``: columns that must not repeat within the file (duplicates are errors naming both rows).
    ``period_keys``: the columns that name a period in messages and the import log (default: replace_keys).
    The frame carries ``_row`` and ``_sheet`` so duplicates can be reported; they are not stored.
    """

    table: str
    frame: pd.DataFrame
    replace_keys: tuple[str, ...]
    unique: tuple[str, ...] = ()
    period_keys: tuple[str, ...] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    """Prepared column -> the header the file used for it, so messages name the office's own column."""

    @property
    def periods(self) -> tuple[str, ...]:
        return self.period_keys or self.replace_keys


@dataclass
class Prepared:
    tables: list[TableData]
    source: str | None = None


@dataclass(frozen=True)
class Form:
    """One recognisable shape of a data kind (e.g. ppks as a recap or as case records)."""

    kind: str
    name: str
    columns: frozenset[str]
    signature: tuple[str, ...]
    prepare: Callable[[Fields, ImportContext], Prepared]
    aliases: dict[str, str] = field(default_factory=dict)
    total_columns: tuple[tuple[str, str], ...] = ()
    """(prepared column, canonical file column) pairs a JUMLAH/TOTAL row sums; checked, never imported."""
    total_scope: Callable[[pd.DataFrame], pd.DataFrame] = lambda frame: frame
    """The prepared rows a total row sums (SIPD: the program rows only)."""
    constants: dict[str, Constant] = field(default_factory=dict)
    """Columns a file may state once in its title or name instead (``REKAP KPM PKH TAHAP II TAHUN 2025``)."""
    finish: Callable[[Stage, list[Note]], None] | None = None
    """What needs every chunk of the file once they are staged (DTKS: its households), given the file's notes."""


def with_position(fields: Fields, frame: pd.DataFrame) -> pd.DataFrame:
    """Attach file row and sheet to prepared rows, for duplicate messages."""
    frame = frame.reset_index(drop=True)
    frame["_row"] = fields.table.row_numbers
    frame["_sheet"] = fields.table.sheet
    return frame


TIME_KEYS = ("tahun", "bulan", "periode")


def describe_periods(frame: pd.DataFrame, keys: tuple[str, ...]) -> list[str]:
    """Readable period labels, e.g. ``PKH 2025 Tahap 1`` or ``2026-03``, in time order."""
    if not keys:
        return []
    distinct = frame[list(keys)].drop_duplicates().dropna()
    labels = []
    for row in distinct.itertuples(index=False):
        parts = [f"{int(v):02d}" if k == "bulan" else str(v) for k, v in zip(keys, row, strict=True)]
        labels.append("-".join(parts) if keys[-2:] == ("tahun", "bulan") else " ".join(parts))
    return sorted(labels, key=time_order)


def time_order(label: str) -> tuple:
    """Sort key: year first, then numbers as numbers (Tahap 2 before Tahap 10)."""
    year = re.search(r"\b(20\d{2})\b", label)
    return (year.group(1) if year else "", [int(t) if t.isdigit() else t for t in re.findall(r"\d+|\D+", label)])
