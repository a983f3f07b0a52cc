"""The global filters every page honours: tahun, periode, kab/kota (a provinsi's installation only), kecamatan,
program.

Pure (no Streamlit): parsed from and written to URL query parameters, so a view can be bookmarked, and
turned into what queries need (month range, the recipient-list period labels of that span).
A quarter is both ``Triwulan k`` and ``Tahap k``: programmes distribute in quarterly tahap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from dashboard.wilayah import KABUPATEN_LEN, is_provinsi

YEAR, QUARTER, MONTH = "tahun", "triwulan", "bulan"
GRANULARITIES = (YEAR, QUARTER, MONTH)


@dataclass(frozen=True)
class Filters:
    """What the Kepala Dinas picked in the sidebar."""

    tahun: int
    granularity: str = YEAR
    period: int | None = None      # quarter 1-4 or month 1-12; None for the whole year
    kecamatan: str | None = None   # dotted kecamatan code; None for the whole kabupaten
    program: str | None = None     # None for all programmes
    kabupaten: str | None = None   # a provinsi's kab/kota; None for the whole provinsi (and in a kabupaten)

    @property
    def area(self) -> str | None:
        """The chosen kecamatan, else the chosen kab/kota; None for the whole installation."""
        return self.kecamatan or self.kabupaten

    @property
    def months(self) -> tuple[int, int]:
        """First and last month covered."""
        if self.granularity == QUARTER and self.period:
            return 3 * self.period - 2, 3 * self.period
        if self.granularity == MONTH and self.period:
            return self.period, self.period
        return 1, 12

    @property
    def periode_labels(self) -> list[str]:
        """Recipient-list ``periode`` values inside the span (``Tahap 2``, ``Triwulan 2``, ``2026-05`` ...)."""
        return periode_labels(self.tahun, *self.months)

    def previous(self) -> Filters:
        """The period before this one (for 'change against the previous period')."""
        if self.granularity == YEAR or not self.period:
            return replace(self, tahun=self.tahun - 1)
        size = 4 if self.granularity == QUARTER else 12
        if self.period > 1:
            return replace(self, period=self.period - 1)
        return replace(self, tahun=self.tahun - 1, period=size)

    def to_query_params(self) -> dict[str, str]:
        params = {"tahun": str(self.tahun), "periode": self.granularity}
        if self.period:
            params["ke"] = str(self.period)
        if self.kabupaten:
            params["kab"] = self.kabupaten
        if self.kecamatan:
            params["kecamatan"] = self.kecamatan
        if self.program:
            params["program"] = self.program
        return params


def periode_labels(tahun: int, first: int, last: int) -> list[str]:
    """Recipient-list ``periode`` values covering any month ``first``..``last`` of ``tahun``."""
    quarters = sorted({(m + 2) // 3 for m in range(first, last + 1)})
    labels = [f"{word} {q}" for q in quarters for word in ("Tahap", "Triwulan")]
    labels += [f"Semester {s}" for s in sorted({(q + 1) // 2 for q in quarters})]
    return labels + [f"{tahun}-{m:02d}" for m in range(first, last + 1)]


def from_query_params(params: Mapping[str, str], years: Sequence[int], kecamatan: Sequence[str],
                      programs: Sequence[str], kabupaten: Sequence[str] = ()) -> Filters:
    """Filters from a URL; anything unknown falls back to the default (latest year, whole kabupaten or provinsi).
    In a provinsi (``kabupaten`` lists its kab/kota) a kecamatan brings its kab/kota, and a kecamatan outside the
    chosen kab/kota is dropped."""
    tahun = _int(params.get("tahun"))
    tahun = tahun if tahun in years else (max(years) if years else 0)
    granularity = params.get("periode") if params.get("periode") in GRANULARITIES else YEAR
    period = _int(params.get("ke"))
    limit = {QUARTER: 4, MONTH: 12}.get(granularity, 0)
    period = period if period and 1 <= period <= limit else None
    kec = params.get("kecamatan") if params.get("kecamatan") in kecamatan else None
    program = params.get("program") if params.get("program") in programs else None
    kab = params.get("kab") if params.get("kab") in kabupaten else None
    if kec and kabupaten:
        kab = kab or kec[:KABUPATEN_LEN]
        kec = kec if kec.startswith(kab + ".") else None
    return Filters(tahun, granularity, period, kec, program, kab)


def ignored_params(params: Mapping[str, str], chosen: Filters) -> list[str]:
    """Parameters given but not honoured by ``from_query_params`` (an unknown year, kecamatan or programme), so a
    command line can refuse them instead of quietly showing another scope."""
    honoured = chosen.to_query_params()
    return [f"{name}={value}" for name, value in params.items() if value is not None and honoured.get(name) != value]


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class FilterOptions:
    """What the sidebar offers: years with data, the installation's kecamatan (code -> name), programmes, and a
    provinsi's kab/kota (code -> name; empty for a kabupaten's installation)."""

    years: list[int]
    kecamatan: dict[str, str]
    programs: list[str]
    kabupaten: dict[str, str] = field(default_factory=dict)

    def parse(self, params: Mapping[str, str]) -> Filters:
        """The filters a URL (or the command line's values) asks for, among these choices."""
        return from_query_params(params, self.years, list(self.kecamatan), self.programs, list(self.kabupaten))


def load_filter_options(run: Callable[..., pd.DataFrame], top: str) -> FilterOptions:
    """The choices for installation ``top`` (a kabupaten/kota or a provinsi code)."""
    kecamatan = run("kecamatan_list", kabupaten=top)
    kabupaten = run("kabupaten_list", provinsi=top) if is_provinsi(top) else None
    return FilterOptions(run("years_available")["tahun"].tolist(),
                         dict(zip(kecamatan["kode"], kecamatan["nama"], strict=True)),
                         run("programs_available")["program"].tolist(),
                         {} if kabupaten is None else dict(zip(kabupaten["kode"], kabupaten["nama"], strict=True)))
