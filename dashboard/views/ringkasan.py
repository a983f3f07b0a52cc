"""Ringkasan: the opening slide. KPI tiles with change against the previous period, composed from the other
pages' loaders, so every number here is the same number the detail page shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.filters import Filters
from dashboard.formatting import COUNT, PCT, RUPIAH, format_number, format_pct, format_rupiah
from dashboard.i18n import register, t
from dashboard.views import anggaran, cakupan, capaian

register({
    "ringkasan_title": ("Ringkasan {period}", "Summary {period}"),
    "ringkasan_scope_kab": ("Kabupaten", "Whole kabupaten"),
    "ringkasan_kpi_individu": ("Individu DTKS", "DTKS individuals"),
    "ringkasan_kpi_keluarga": ("Keluarga DTKS", "DTKS households"),
    "ringkasan_kpi_c3": ("Cakupan keluarga layak", "Coverage of eligible"),
    "ringkasan_kpi_c4": ("Salah eksklusi", "Exclusion error"),
    "ringkasan_kpi_c5": ("Salah inklusi", "Inclusion error"),
    "ringkasan_kpi_ppks": ("Total PPKS", "PPKS total"),
    "ringkasan_kpi_serapan": ("Serapan anggaran", "Budget absorption"),
    "ringkasan_kpi_tksk": ("Laporan TKSK masuk", "TKSK reports received"),
    "ringkasan_attention": ("3 {level} perlu perhatian", "3 {level} needing attention"),
    "ringkasan_attention_note": (
        "Rata-rata capaian T1-T5 terendah (pro rata, {period}); alasan: dua indikator terlemah.",
        "Lowest mean attainment T1-T5 (pro rata, {period}); why: the two weakest indicators.",
    ),
    "ringkasan_col_mean": ("Rata-rata capaian", "Mean attainment"),
    "ringkasan_col_why": ("Mengapa", "Why"),
    "ringkasan_vs_last_year": ("dibanding bulan yang sama tahun lalu", "against the same month last year"),
    "ringkasan_vs_previous": ("dibanding {period}", "against {period}"),
    "ringkasan_vs_last_year_total": ("dibanding total tahun lalu (data PPKS tahunan)",
                                     "against last year's total (PPKS data are yearly)"),
    "ringkasan_points": ("{value} poin", "{value} points"),
})


@dataclass(frozen=True)
class Kpi:
    """One tile: value now, value in the previous period (None when not comparable), unit, good direction."""

    key: str
    value: float | None
    previous: float | None
    unit: str
    higher_is_better: bool
    kinds: tuple[str, ...]  # data kinds behind it, for the source line
    compared_with: str = "ringkasan_vs_previous"  # message saying what ``previous`` is
    note: str | None = None  # who the figure leaves out or folds in (e.g. households pending distribution)


@dataclass(frozen=True)
class RingkasanData:
    filters: Filters
    kpis: list[Kpi]
    attainment: capaian.CapaianData


def _ppks(run: Callable[..., pd.DataFrame], filters: Filters) -> tuple[float | None, float | None]:
    totals = run("ppks_total_by_year", tahun=filters.tahun, kecamatan=filters.area)
    by_year = dict(zip(totals["tahun"], totals["n_ppks"], strict=True))
    return by_year.get(filters.tahun), by_year.get(filters.tahun - 1)


def _dtks_counts(data: cakupan.CakupanData) -> tuple[float | None, float | None]:
    """Active individuals and households of the chosen kecamatan, else of the whole kabupaten."""
    counts = data.counts
    if data.filters.kecamatan:
        counts = counts[counts["kode"] == data.filters.kecamatan]
    if counts.empty or counts["n_individu"].sum() == 0:  # no DTKS imported: "-", not a count of zero people
        return None, None
    return float(counts["n_individu"].sum()), float(counts["n_keluarga"].sum())


def _serapan(run: Callable[..., pd.DataFrame], filters: Filters, settings) -> Kpi:
    """Budget absorption as of the span's last LRA month; a budget is compared with the same month last year."""
    budget = anggaran.load_anggaran(run, filters, settings)
    if budget.is_empty:
        return Kpi("serapan", None, None, PCT, True, ("anggaran",), "ringkasan_vs_last_year")
    value = anggaran.compute_totals(budget.by_bidang).absorption_pct
    change = anggaran.yoy_change_pp(budget.yoy)
    previous = None if change is None or value is None else value - change
    return Kpi("serapan", value, previous, PCT, True, ("anggaran",), "ringkasan_vs_last_year")


def _tksk(targets: capaian.CapaianData) -> Kpi:
    """T3: monthly TKSK reports received / expected to date, against the same month last year."""
    trend = capaian.compute_trend(targets, prorata=True).set_index("indikator")
    now, before = trend.loc["T3", "pct"], trend.loc["T3", "prev_pct"]
    return Kpi("tksk", now, before, PCT, True, ("psks",), "ringkasan_vs_last_year")


def _coverage(key: str, now: cakupan.CakupanData, before: cakupan.CakupanData, lang: str) -> Kpi:
    """A coverage tile (C3-C5) with the households its ratio leaves out named under it."""
    indicator = cakupan.INDICATORS[key]
    return Kpi(key.lower(), cakupan.scope_value(now, key), cakupan.scope_value(before, key), PCT,
               indicator.higher_is_better, ("dtks", "penerima"), note=cakupan.side_note(now, key, lang))


def load_ringkasan(run: Callable[..., pd.DataFrame], filters: Filters, settings,
                   lang: str = "id") -> RingkasanData:
    """The tiles for the selected period and scope, each with the previous period's value."""
    now = cakupan.load_kecamatan_level(run, filters, settings)
    before = cakupan.load_kecamatan_level(run, filters.previous(), settings, counts=now.counts)
    individu, keluarga = _dtks_counts(now)
    ppks_now, ppks_before = _ppks(run, filters)
    kpis = [
        Kpi("individu", individu, None, COUNT, True, ("dtks",)),
        Kpi("keluarga", keluarga, None, COUNT, True, ("dtks",)),
        *(_coverage(key, now, before, lang) for key in ("C3", "C4", "C5")),
        Kpi("ppks", ppks_now, ppks_before, COUNT, False, ("ppks",), "ringkasan_vs_last_year_total"),
        _serapan(run, filters, settings),
    ]
    targets = capaian.load_capaian(run, filters, settings)
    return RingkasanData(filters, [*kpis, _tksk(targets)], targets)


def attention_rows(data: RingkasanData, lang: str = "id", n: int = 3) -> pd.DataFrame:
    """The ``n`` kecamatan with the lowest mean attainment (pro rata) as numbers: kode, nama, mean_pct, and why
    (their two weakest indicators with their attainment)."""
    targets = data.attainment
    if targets.current.empty:
        return pd.DataFrame(columns=["kode", "nama", "mean_pct", "why"])
    ranking = capaian.compute_ranking(targets, prorata=True).dropna(subset=["mean_pct"])
    lowest = ranking.sort_values(["mean_pct", "nama"]).head(n)
    cells = capaian.scorecard_values(targets, prorata=True)
    whys = []
    for kode in lowest["kode"]:
        weakest = cells.loc[kode, list(capaian.INDICATORS)].dropna().astype(float).nsmallest(2)
        whys.append("; ".join(f"{t(f'capaian_{key}', lang)} {format_pct(pct)}" for key, pct in weakest.items()))
    return lowest[["kode", "nama", "mean_pct"]].assign(why=whys).reset_index(drop=True)


def attention(data: RingkasanData, lang: str = "id", n: int = 3) -> pd.DataFrame:
    """The ``n`` kecamatan needing attention as the page shows them (headers translated, numbers formatted)."""
    rows = attention_rows(data, lang, n)
    if rows.empty:
        return pd.DataFrame()
    return pd.DataFrame({data.attainment.level_word(lang, header=True): rows["nama"],
                         t("ringkasan_col_mean", lang): rows["mean_pct"].map(format_pct),
                         t("ringkasan_col_why", lang): rows["why"]})


def format_value(kpi: Kpi) -> str:
    if kpi.unit == PCT:
        return format_pct(kpi.value)
    if kpi.unit == RUPIAH:
        return format_rupiah(kpi.value, short=True)
    return format_number(kpi.value)


def shown_change(kpi: Kpi) -> float | None:
    """The change as the tile shows it: None when there is nothing to compare with, exactly 0 when it rounds to
    zero at the shown precision (so it reads "0,0 poin", never "-0,0 poin", with no arrow and no colour)."""
    if kpi.value is None or kpi.previous is None:
        return None
    change = kpi.value - kpi.previous
    decimals = 1 if kpi.unit == PCT else 0
    return 0.0 if format_number(abs(change), decimals) == format_number(0, decimals) else change


def format_change(kpi: Kpi, lang: str = "id") -> str | None:
    """``+1,2 poin`` for percentages, ``+1.234`` for counts; None when there is nothing to compare with."""
    change = shown_change(kpi)
    if change is None:
        return None
    sign = "+" if change > 0 else ""
    if kpi.unit == PCT:
        return t("ringkasan_points", lang, value=f"{sign}{format_number(change, 1)}")
    if kpi.unit == RUPIAH:
        return f"{sign}{format_rupiah(change, short=True)}"
    return f"{sign}{format_number(change)}"


def delta_color(kpi: Kpi) -> str:
    """Streamlit's colour rule for the change: green when it moves the right way, none when it rounds to zero."""
    if shown_change(kpi) == 0:
        return "off"
    return "normal" if kpi.higher_is_better else "inverse"


def delta_arrow(kpi: Kpi) -> str:
    """No arrow for a change that rounds to zero (st.metric draws one for any delta it is given)."""
    return "off" if shown_change(kpi) == 0 else "auto"


def title(filters: Filters, scope_name: str | None, lang: str = "id") -> str:
    return t("ringkasan_title", lang, period=cakupan.period_text(filters, lang)) + (
        f" · {scope_name}" if scope_name else "")
