"""Query results -> display tables (labels in the chosen language, Indonesian number formats).

Pure functions, so pages stay thin and tests can check exactly what a page shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.formatting import format_number
from dashboard.i18n import t

IMPORTED_AT = "%d-%m-%Y %H:%M"  # import times, to the minute


def format_period_range(first: str | None, last: str | None, n_periods: int | None, lang: str = "id") -> str:
    """``2025-01 s.d. 2026-10 (22)``; a single period as itself."""
    if not first:
        return "-"
    if first == last:
        return first
    return f"{first} {t('until', lang)} {last} ({format_number(n_periods)})"


def import_summary(kinds: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """One row per data kind, indexed by the kind, for the Data page: what is loaded (the latest file is in
    ``import_latest``: a file name is too long to share a 1024-px screen with these columns)."""
    return translated({
        "col_files": kinds["n_files"].map(format_number),
        "col_rows": kinds["n_rows"].map(format_number),
        "col_periods": pd.Series([format_period_range(f, la, n, lang) for f, la, n in
                                  zip(kinds["period_first"], kinds["period_last"], kinds["n_periods"], strict=True)]),
        "col_warnings": kinds["n_warnings"].map(format_number),
    }, kinds["kind"], "col_kind", lang)


def import_latest(kinds: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """One row per data kind, indexed by the kind: the file imported last and when."""
    return translated({
        "col_last_file": kinds["last_file_name"],
        "col_imported": kinds["last_imported_at"].dt.strftime(IMPORTED_AT),
    }, kinds["kind"], "col_kind", lang)


def translated(columns: dict[str, pd.Series], index: pd.Series, index_key: str, lang: str = "id") -> pd.DataFrame:
    """A display table: each column under the message of its key, rows labelled by ``index`` under the message of
    ``index_key`` (values taken by position, so columns built on different indexes line up)."""
    shown = pd.DataFrame({t(key, lang): column.to_numpy() for key, column in columns.items()})
    shown.index = pd.Index(index.to_numpy(), name=t(index_key, lang))
    return shown


def import_files(files: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """One row per live imported file, with translated headers. Narrow enough for a 1024-px screen: the import time
    to the minute, as in the summary, and no warnings column (the page lists each file with warnings, and how many,
    under its own heading)."""
    labels = {"kind": "col_kind", "file_name": "col_file", "periods": "col_periods", "n_rows": "col_rows",
              "source": "col_source", "imported_at": "col_imported"}
    shown = files[list(labels)].assign(imported_at=files["imported_at"].dt.strftime(IMPORTED_AT))
    return shown.rename(columns={c: t(k, lang) for c, k in labels.items()})


def source_text(freshness: pd.DataFrame, kinds: tuple[str, ...] | list[str], lang: str = "id",
                brief: bool = False) -> str:
    """``Sumber: dtks_2026-10.csv (DTKS, diimpor 23-11-2026 19:31); ...`` for the data kinds behind a figure;
    ``brief`` (a slide's one line, whose full form is the sources slide): ``dtks_2026-10.csv (23-11-2026); ...``."""
    items = []
    for row in freshness[freshness["kind"].isin(kinds)].itertuples():
        more = f" +{format_number(row.n_files - 1)}" if row.n_files > 1 else ""
        if brief:
            items.append(f"{row.file_name}{more} ({row.imported_at:%d-%m-%Y})")
            continue
        source = row.source if isinstance(row.source, str) and row.source else row.kind
        items.append(t("source_item", lang, file=f"{row.file_name}{more}", kind=source,
                       when=f"{row.imported_at:%d-%m-%Y %H:%M}"))
    return t("source", lang, sources="; ".join(items) or "-")


@dataclass(frozen=True)
class DataPage:
    kinds: pd.DataFrame
    files: pd.DataFrame


def load_data(run: Callable[..., pd.DataFrame], filters: object = None, settings: object = None) -> DataPage:
    """Every query the Data page shows (filters and settings do not apply to it)."""
    return DataPage(run("imports_by_kind"), run("imports_by_file"))
