"""What every Perencanaan figure shares: the wilayah it lists (kecamatan of a kab/kota, or kab/kota of a provinsi),
the as-of month, counts of 1-4 people shown as "<5", and the change against last year."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.filters import Filters
from dashboard.formatting import format_number, format_pct, month_name
from dashboard.i18n import register, t
from dashboard.wilayah import child_len, child_level

SMALL = range(1, 5)
NONE = "–"  # no value, in a table cell: a lone "-" would read as a Markdown list

register({
    "perencanaan_as_of": ("Januari s.d. {month} {tahun}", "January to {month} {tahun}"),
    "perencanaan_small": ("<5", "<5"),
    "perencanaan_scope_kabupaten": ("kabupaten", "district"),
    "perencanaan_scope_provinsi": ("provinsi", "province"),
    "perencanaan_total": ("TOTAL {scope}", "TOTAL {scope}"),
})


@dataclass(frozen=True)
class Scope:
    """Whose children the figures list (``base``: the chosen kab/kota, else the installation) and up to which
    month the year is counted."""

    filters: Filters
    base: str
    as_of_month: int

    @property
    def child_len(self) -> int:
        return child_len(self.base)

    @property
    def level(self) -> str:
        """``kecamatan``, or ``kabupaten`` for a provinsi's kab/kota."""
        return child_level(self.base)

    def level_word(self, lang: str = "id") -> str:
        return t(f"level_{self.level}", lang)

    def scope_word(self, lang: str = "id") -> str:
        """What the total row stands for: the kabupaten, or a provinsi."""
        return t("perencanaan_scope_provinsi" if self.level == "kabupaten" else "perencanaan_scope_kabupaten", lang)

    def total_label(self, lang: str = "id") -> str:
        return t("perencanaan_total", lang, scope=self.scope_word(lang).upper())

    def period_text(self, lang: str = "id", tahun: int | None = None) -> str:
        """``Januari s.d. Oktober 2026``: the year is counted up to the as-of month, last year likewise."""
        return t("perencanaan_as_of", lang, month=month_name(self.as_of_month, lang),
                 tahun=tahun or self.filters.tahun)


def count_text(value: object, lang: str = "id") -> str:
    """A count of people as a shared screen shows it: 1-4 as "<5" (docs/INDICATORS.md, small counts)."""
    if value is None or pd.isna(value):
        return NONE
    return t("perencanaan_small", lang) if int(value) in SMALL else format_number(value)


def pct_text(value: object, decimals: int = 1) -> str:
    """``45,6%`` in a table cell; none: an en dash."""
    return NONE if value is None or pd.isna(value) else format_pct(value, decimals)


def number_text(value: object, decimals: int = 0) -> str:
    """``1.234`` in a table cell; none: an en dash."""
    return NONE if value is None or pd.isna(value) else format_number(value, decimals)


def change_pct(now: object, before: object) -> float | None:
    """Relative change in percent (``+12,5%``); None when either is missing or last year was 0."""
    if now is None or before is None or pd.isna(now) or pd.isna(before) or before == 0:
        return None
    return 100.0 * (float(now) - float(before)) / float(before)


def signed_pct(value: float | None, points: bool = False) -> str:
    """``+12,5%`` or, for a difference of percentages, ``+3,2`` (points: the header names the unit)."""
    if value is None or pd.isna(value):
        return NONE
    text = format_number(value, 1) if points else format_pct(value)
    return text if value <= 0 or text.startswith("0,0") else f"+{text}"


def ratio_pct(numerator: float, denominator: float) -> float | None:
    """A parent's own percentage: sums first, then the ratio (never a mean of percentages)."""
    return None if not denominator else 100.0 * numerator / denominator
