"""Whole tables from the chunked reader, for tests whose files are far smaller than one chunk."""

from __future__ import annotations

from pathlib import Path

from dashboard.config import Limits
from dashboard.imports.reader import RawTable, ReadAgain, read_tables


def read_whole(path: Path, limits: Limits | None = None) -> list[RawTable]:
    """Each table of the file, asserting it came as one chunk; read again by pandas where the import would."""
    try:
        return _tables(path, limits, use_pandas=False)
    except ReadAgain:
        return _tables(path, limits, use_pandas=True)


def _tables(path: Path, limits: Limits | None, use_pandas: bool) -> list[RawTable]:
    tables = []
    for chunks in read_tables(path, limits, use_pandas):
        (table,) = chunks
        tables.append(table)
    return tables
