"""Query results -> display tables (labels in the chosen language, Indonesian number formats).

Pure functions, so pages stay thin and tests can check exactly what a page shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.formatting import format_number
from dashboard.i18n import t


def format_period_range(first: str | None, last: str | None, n_periods: int | None, lang: str = "id") -> str:
    """``2025-01 s.d. 2026-10 (22)``; a single period as itself."""
    if not first:
        return "-"
    if first == last:
        return first
    return f"{first} {t('until', lang)} {last} ({format_number(n_periods)})"


def import_summary(kinds: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """One row per data kind, indexed by the kind, for the Data page."""
    shown = pd.DataFrame({
        t("col_kind", lang): kinds["kind"],
        t("col_files", lang): kinds["n_files"].map(format_number),
        t("col_rows", lang): kinds["n_rows"].map(format_number),
        t("col_periods", lang): [format_period_range(f, la, n, lang) for f, la, n in
                                 zip(kinds["period_first"], kinds["period_last"], kinds["n_periods"], strict=True)],
        t("col_warnings", lang): kinds["n_warnings"].map(format_number),
        t("col_imported", lang): kinds["last_imported_at"].dt.strftime("%d-%m-%Y %H:%M"),
        t("col_last_file", lang): kinds["last_file_name"],
    })
    return shown.set_index(t("col_kind", lang))


def import_files(files: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """One row per live imported file, with translated headers."""
    labels = {"kind": "col_kind", "file_name": "col_file", "periods": "col_periods", "n_rows": "col_rows",
              "n_warnings": "col_warnings", "source": "col_source", "imported_at": "col_imported"}
    return files[list(labels)].rename(columns={c: t(k, lang) for c, k in labels.items()})


def source_text(freshness: pd.DataFrame, kinds: tuple[str, ...] | list[str], lang: str = "id") -> str:
    """``Sumber: dtks_2026-10.csv (DTKS, diimpor 23-11-2026 19:31); ...`` for the data kinds behind a figure."""
    items = []
    for row in freshness[freshness["kind"].isin(kinds)].itertuples():
        more = f" +{format_number(row.n_files - 1)}" if row.n_files > 1 else ""
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
