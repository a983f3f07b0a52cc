"""Anggaran per bidang (budget use, indicators B1-B4): loader, figures and display tables.

Pure (no Streamlit): the page passes ``ui.query`` as ``run``; tests and the benchmark pass
``functools.partial(run_query, con)``. Money is summed in SQL (``queries/absorption_*`` and
``realisasi_cumulative_by_month``) from the finest LRA rows mapped to bidang by the longest configured prefix; this
module adds the office total (sums, then the ratio: never a mean of percentages) and formats for the projector.
The budget is "as of" the last month of the selected span, capped at the last month with an LRA.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme  # also registers the "rakor" plotly template
from dashboard.filters import Filters
from dashboard.formatting import format_pct, format_rupiah, month_name
from dashboard.i18n import register, t
from dashboard.textsafe import plotly_text

NBSP = "\u00a0"
ALL_BIDANG = ""  # the "every bidang" choice, passed to the queries as $bidang = ''
TILE_WIDTH_PX = 270  # five tiles in a row at 1920 px, two at 1024 px
PAGU_COLOUR, REAL_COLOUR, PLAN_COLOUR, PREV_COLOUR = "#9DB9D3", theme.PALETTE[0], theme.PALETTE[1], "#8C8C8C"

register({
    "anggaran_title": ("Anggaran per bidang", "Budget by unit"),
    "anggaran_as_of": ("Posisi s.d. {period} (LRA SIPD)", "Position up to {period} (SIPD LRA)"),
    "anggaran_capped": ("LRA terakhir yang ada: {period}; bulan sesudahnya belum diimpor.",
                        "Latest LRA available: {period}; later months are not imported yet."),
    "anggaran_filters_note": ("Filter kecamatan dan program tidak berlaku untuk anggaran (anggaran dicatat per "
                              "bidang, bukan per wilayah).",
                              "The sub-district and programme filters do not apply to the budget (it is recorded "
                              "per unit, not per area)."),
    "anggaran_kpi_pagu": ("Pagu", "Budget ceiling"),
    "anggaran_kpi_realisasi": ("Realisasi", "Spent"),
    "anggaran_kpi_serapan": ("B1 Serapan", "B1 Absorption"),
    "anggaran_kpi_sisa": ("B3 Sisa", "B3 Remaining"),
    "anggaran_kpi_deviasi": ("B2 Deviasi vs kas", "B2 Deviation vs plan"),
    "anggaran_kpi_yoy": ("{pp} poin vs {period}", "{pp} points vs {period}"),
    "anggaran_bar_title": ("B1 Serapan per bidang<br>pagu dan realisasi s.d. {period}",
                           "B1 Absorption by unit<br>budget and spending up to {period}"),
    "anggaran_curve_title": ("Kurva S {tahun}: {scope}<br>realisasi vs anggaran kas, kumulatif",
                             "S-curve {tahun}: {scope}<br>spending vs cash plan, cumulative"),
    "anggaran_yoy_title": ("B4 Serapan s.d. {month}<br>{tahun} dibanding {prev}",
                           "B4 Absorption up to {month}<br>{tahun} against {prev}"),
    "anggaran_scope_all": ("seluruh dinas", "whole office"),
    "anggaran_trace_pagu": ("Pagu", "Budget ceiling"),
    "anggaran_trace_realisasi": ("Realisasi", "Spent"),
    "anggaran_trace_realisasi_kum": ("Realisasi kumulatif", "Cumulative spending"),
    "anggaran_trace_kas_kum": ("Rencana anggaran kas kumulatif", "Cumulative cash plan"),
    "anggaran_unmapped": ("(belum dipetakan ke bidang)", "(not mapped to a unit)"),
    "anggaran_total": ("TOTAL DINAS", "OFFICE TOTAL"),
    "anggaran_all_bidang": ("Semua bidang", "All units"),
    "anggaran_pick_bidang": ("Rincian bidang", "Unit detail"),
    "anggaran_table_bidang": ("B1-B3 per bidang, s.d. {period}", "B1-B3 by unit, up to {period}"),
    "anggaran_table_program": ("Per program: {scope}, s.d. {period}", "By programme: {scope}, up to {period}"),
    "anggaran_table_sub": ("Per sub kegiatan: {scope}, s.d. {period}",
                           "By sub-activity: {scope}, up to {period}"),
    "anggaran_heading_yoy": ("B4 Dibanding tahun lalu", "B4 Year on year"),
    "anggaran_heading_drill": ("Rincian per bidang, program, sub kegiatan", "Detail by unit, programme, sub-activity"),
    "anggaran_col_bidang": ("Bidang", "Unit"),
    "anggaran_col_program": ("Program", "Programme"),
    "anggaran_col_program_bidang": ("Program / bidang", "Programme / unit"),
    "anggaran_col_kode": ("Kode", "Code"),
    "anggaran_col_sub": ("Sub kegiatan", "Sub-activity"),
    "anggaran_col_pagu": ("Pagu (Rp)", "Budget (Rp)"),
    "anggaran_col_realisasi": ("Realisasi (Rp)", "Spent (Rp)"),
    "anggaran_col_serapan": ("Serapan", "Absorption"),
    "anggaran_col_deviasi": ("Deviasi kas (Rp)", "Deviation (Rp)"),
    "anggaran_col_sisa": ("Sisa (Rp)", "Remaining (Rp)"),
    "anggaran_col_serapan_year": ("Serapan {tahun}", "Absorption {tahun}"),
    "anggaran_col_change": ("Perubahan (poin)", "Change (points)"),
    "anggaran_hover_bar": ("{name}<br>Pagu {pagu}<br>Realisasi {real} ({pct})",
                           "{name}<br>Budget {pagu}<br>Spent {real} ({pct})"),
    # one line per indicator: the rule as docs/INDICATORS.md states it, B1-B3 under the tiles and B4 under its chart
    "anggaran_def_B1": ("B1 Serapan = realisasi kumulatif / pagu, keduanya dari LRA {period}.",
                        "B1 Absorption = cumulative spending / budget ceiling, both from the LRA of {period}."),
    "anggaran_def_B2": ("B2 Deviasi = realisasi kumulatif dikurangi anggaran kas (rencana) kumulatif s.d. {month}; "
                        "minus = di belakang rencana.",
                        "B2 Deviation = cumulative spending minus the cumulative cash plan to {month}; negative = "
                        "behind plan."),
    "anggaran_def_B3": ("B3 Sisa = pagu dikurangi realisasi kumulatif.",
                        "B3 Remaining = budget ceiling minus cumulative spending."),
    "anggaran_def_B4": ("B4 = serapan (B1) pada LRA {previous}, bulan yang sama tahun lalu, dengan pemetaan bidang "
                        "sekarang; kosong bila LRA itu tidak ada.",
                        "B4 = absorption (B1) in the LRA of {previous}, the same month last year, with today's unit "
                        "mapping; empty where that LRA is missing."),
})


@dataclass(frozen=True)
class AnggaranData:
    """Every figure of the page, for one year, one as-of month and one drill choice."""

    tahun: int
    requested_bulan: int          # last month of the selected span
    bidang: str                   # drill choice; ALL_BIDANG for every bidang
    by_bidang: pd.DataFrame       # absorption_pct_by_bidang
    yoy: pd.DataFrame             # absorption_yoy_by_bidang
    curve: pd.DataFrame           # realisasi_cumulative_by_month
    by_program: pd.DataFrame      # absorption_pct_by_program
    by_subkegiatan: pd.DataFrame  # absorption_pct_by_subkegiatan

    @property
    def bulan(self) -> int | None:
        """The as-of month: the last LRA month up to the requested one (None when there is none)."""
        return None if self.by_bidang.empty else int(self.by_bidang["bulan"].iloc[0])

    @property
    def is_empty(self) -> bool:
        return self.by_bidang.empty

    @property
    def bidang_names(self) -> list[str]:
        """Bidang that can be drilled into (unmapped lines are only part of 'all')."""
        return [b for b in self.by_bidang["bidang"] if b]


def load_anggaran(run: Callable[..., pd.DataFrame], filters: Filters, settings: object = None,
                  bidang: str = ALL_BIDANG) -> AnggaranData:
    """Run every query the page shows. The kecamatan and programme filters do not apply to the budget."""
    bulan = filters.months[1]
    common = {"tahun": filters.tahun, "bulan": bulan}
    drill = {**common, "bidang": bidang}
    return AnggaranData(
        tahun=filters.tahun, requested_bulan=bulan, bidang=bidang,
        by_bidang=run("absorption_pct_by_bidang", **common),
        yoy=run("absorption_yoy_by_bidang", **common),
        curve=run("realisasi_cumulative_by_month", **drill),
        by_program=run("absorption_pct_by_program", **drill),
        by_subkegiatan=run("absorption_pct_by_subkegiatan", **drill),
    )


# ------------------------------------------------------------------------------------------------ text helpers

def period_text(data: AnggaranData, lang: str = "id") -> str:
    """``Oktober 2026``: the as-of month of the figures."""
    return f"{month_name(data.bulan or data.requested_bulan, lang)} {data.tahun}"


def definition(key: str, data: AnggaranData, lang: str = "id") -> str:
    """The one-line rule of B1..B4 with this view's as-of month, so the hall reads what is compared with what."""
    month = month_name(data.bulan or data.requested_bulan, lang)
    return t(f"anggaran_def_{key}", lang, period=period_text(data, lang), month=month,
             previous=f"{month} {data.tahun - 1}")


def definitions_text(data: AnggaranData, keys: tuple[str, ...], lang: str = "id") -> str:
    """Several rules, one per line (Markdown line breaks), for one caption."""
    return "  \n".join(definition(key, data, lang) for key in keys)


def bidang_label(bidang: str, lang: str = "id") -> str:
    return bidang or t("anggaran_unmapped", lang)


def scope_text(bidang: str, lang: str = "id") -> str:
    return bidang or t("anggaran_scope_all", lang)


def signed_rupiah(value: object) -> str:
    """``-Rp 944,6 jt`` / ``+Rp 12,0 jt``: a deviation reads as ahead of or behind the plan at a glance."""
    if value is None or pd.isna(value):
        return "-"
    sign = "-" if value < 0 else "+" if value > 0 else ""
    return f"{sign}{format_rupiah(abs(value), short=True)}"


def signed_points(value: object) -> str:
    if value is None or pd.isna(value):
        return "-"
    return ("+" if value > 0 else "") + format_pct(value).removesuffix("%")


def _cell_rp(value: object, signed: bool = False) -> str:
    """Table cell in rupiah without the ``Rp`` (the header says it) and unbreakable: ``892,5 jt``."""
    text = signed_rupiah(value) if signed else _rp(value)
    return text.replace("Rp ", "").replace(" ", NBSP)


def _wrap(name: str, width: int = 18) -> str:
    """A long bidang name on two lines, so the bars keep most of a narrow chart."""
    if len(name) <= width or " " not in name:
        return name
    cut = name.rfind(" ", 0, width + 1)
    cut = cut if cut > 0 else name.find(" ")
    return f"{name[:cut]}<br>{name[cut + 1:]}"


def _rp(value: object) -> str:
    return format_rupiah(None if value is None or pd.isna(value) else value, short=True)


def _pct(value: object) -> str:
    return format_pct(None if value is None or pd.isna(value) else value)


# ------------------------------------------------------------------------------------------------ totals

@dataclass(frozen=True)
class Totals:
    """The office as a whole: sums of the bidang, ratios of the sums."""

    pagu_rp: float
    realisasi_rp: float
    anggaran_kas_rp: float | None
    absorption_pct: float | None
    deviation_rp: float | None
    sisa_rp: float


def compute_totals(by_bidang: pd.DataFrame) -> Totals:
    pagu, real = float(by_bidang["pagu_rp"].sum()), float(by_bidang["realisasi_rp"].sum())
    kas = None if by_bidang["anggaran_kas_rp"].isna().all() else float(by_bidang["anggaran_kas_rp"].sum())
    return Totals(pagu, real, kas, 100 * real / pagu if pagu else None,
                  None if kas is None else real - kas, pagu - real)


def yoy_change_pp(yoy: pd.DataFrame) -> float | None:
    """Office-wide change in absorption against the same month a year earlier, in percentage points."""
    prev_pagu = yoy["pagu_prev_rp"].sum()
    if yoy["pagu_prev_rp"].isna().all() or not prev_pagu or not yoy["pagu_rp"].sum():
        return None
    return 100 * (yoy["realisasi_rp"].sum() / yoy["pagu_rp"].sum() - yoy["realisasi_prev_rp"].sum() / prev_pagu)


def kpi_tiles(data: AnggaranData, lang: str = "id") -> list[tuple[str, str, str | None]]:
    """(label, value, delta) per KPI tile: pagu, realisasi, serapan (delta: vs last year), sisa, deviation."""
    totals = compute_totals(data.by_bidang)
    change = yoy_change_pp(data.yoy)
    delta = None if change is None else t("anggaran_kpi_yoy", lang, pp=signed_points(change),
                                           period=f"{month_name(data.bulan, lang)} {data.tahun - 1}")
    return [
        (t("anggaran_kpi_pagu", lang), _rp(totals.pagu_rp), None),
        (t("anggaran_kpi_realisasi", lang), _rp(totals.realisasi_rp), None),
        (t("anggaran_kpi_serapan", lang), _pct(totals.absorption_pct), delta),
        (t("anggaran_kpi_sisa", lang), _rp(totals.sisa_rp), None),
        (t("anggaran_kpi_deviasi", lang), signed_rupiah(totals.deviation_rp), None),
    ]


# ------------------------------------------------------------------------------------------------ figures

def _rupiah_ticks(max_value: float, n: int = 5) -> tuple[list[float], list[str]]:
    """Round tick positions up to ``max_value`` labelled ``Rp 2,0 M`` (plotly cannot write Indonesian units)."""
    if not max_value or pd.isna(max_value) or max_value <= 0:
        return [0.0], ["Rp 0"]
    raw = max_value / n
    magnitude = 10 ** (len(str(int(raw))) - 1)
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    values = [i * step for i in range(int(max_value // step) + 2)]
    return values, [format_rupiah(v, short=True) if v else "0" for v in values]


def bidang_bar(data: AnggaranData, lang: str = "id") -> go.Figure:
    """Horizontal grouped bars, pagu and realisasi per bidang, labelled ``Rp 4,5 M (79,9%)``."""
    frame = data.by_bidang.iloc[::-1]  # plotly draws the first row at the bottom
    names = [_wrap(plotly_text(bidang_label(b, lang))) for b in frame["bidang"]]
    real_text = [f"{_rp(r)} ({_pct(p)})" for r, p in zip(frame["realisasi_rp"], frame["absorption_pct"], strict=True)]
    hover = [t("anggaran_hover_bar", lang, name=n, pagu=_rp(p), real=_rp(r), pct=_pct(s)) for n, p, r, s in
             zip(names, frame["pagu_rp"], frame["realisasi_rp"], frame["absorption_pct"], strict=True)]
    fig = go.Figure([
        go.Bar(y=names, x=frame["realisasi_rp"], orientation="h", name=t("anggaran_trace_realisasi", lang),
               marker_color=REAL_COLOUR, text=real_text, textposition="outside",
               customdata=hover, hovertemplate="%{customdata}<extra></extra>"),
        go.Bar(y=names, x=frame["pagu_rp"], orientation="h", name=t("anggaran_trace_pagu", lang),
               marker_color=PAGU_COLOUR, text=[_rp(v) for v in frame["pagu_rp"]], textposition="outside",
               customdata=hover, hovertemplate="%{customdata}<extra></extra>"),
    ])
    top = float(frame["pagu_rp"].max() or 0)
    ticks, labels = _rupiah_ticks(top, 2)
    _layout(fig, t("anggaran_bar_title", lang, period=period_text(data, lang)), max(460, 200 + 100 * len(frame)))
    fig.update_layout(barmode="group", legend_traceorder="reversed",
                      xaxis={"tickvals": ticks, "ticktext": labels, "range": [0, top * 1.6], "tickangle": 0})
    fig.update_traces(cliponaxis=False)
    return fig


def _layout(fig: go.Figure, title: str, height: int) -> None:
    """Projector layout shared by the page's charts: left title on two short lines, legend under the plot."""
    fig.update_layout(template="rakor", height=height, title={"text": title, "x": 0, "xanchor": "left"},
                      legend={"orientation": "h", "y": -0.1, "yanchor": "top", "x": 0},
                      yaxis={"automargin": True}, xaxis={"automargin": True}, margin={"t": 100, "r": 20})


def s_curve(data: AnggaranData, lang: str = "id") -> go.Figure:
    """Cumulative realisation against the cumulative cash plan, Jan-Dec, with the pagu as a ceiling line."""
    curve = data.curve
    months = [month_name(m, lang)[:3] for m in curve["bulan"]]
    real = curve["realisasi_kumulatif_rp"]
    last = real.last_valid_index()
    real_text = ["" if i != last else _rp(v) for i, v in real.items()]
    plan_text = ["" if i != last else _rp(v) for i, v in curve["anggaran_kas_kumulatif_rp"].items()]
    fig = go.Figure([
        go.Scatter(x=months, y=curve["anggaran_kas_kumulatif_rp"], name=t("anggaran_trace_kas_kum", lang),
                   mode="lines+markers+text", text=plan_text, textposition="top left",
                   line={"color": PLAN_COLOUR, "width": 4, "dash": "dash"}, marker={"size": 9},
                   customdata=[_rp(v) for v in curve["anggaran_kas_kumulatif_rp"]],
                   hovertemplate="%{x}: %{customdata}<extra></extra>"),
        go.Scatter(x=months, y=real, name=t("anggaran_trace_realisasi_kum", lang), mode="lines+markers+text",
                   text=real_text, textposition="bottom right", line={"color": REAL_COLOUR, "width": 5},
                   marker={"size": 11}, customdata=[f"{_rp(v)} ({_pct(p)})" for v, p in
                                                    zip(real, curve["absorption_pct"], strict=True)],
                   hovertemplate="%{x}: %{customdata}<extra></extra>"),
    ])
    pagu = curve["pagu_rp"].dropna()
    top = max(float(curve["anggaran_kas_kumulatif_rp"].max(skipna=True) or 0), float(pagu.max()) if len(pagu) else 0)
    if len(pagu):
        fig.add_hline(y=float(pagu.iloc[-1]), line={"color": "#111111", "width": 2, "dash": "dot"},
                      annotation_text=f"{t('anggaran_trace_pagu', lang)} {_rp(pagu.iloc[-1])}",
                      annotation_position="top left", annotation_font_size=theme.FONT_SIZE)
    ticks, labels = _rupiah_ticks(top, 4)
    _layout(fig, t("anggaran_curve_title", lang, scope=scope_text(data.bidang, lang), tahun=data.tahun), 560)
    fig.update_layout(yaxis={"tickvals": ticks, "ticktext": labels, "range": [0, top * 1.12]},
                      xaxis={"tickangle": 0, "tickfont": {"size": theme.FONT_SIZE - 4}})
    return fig


def yoy_bar(data: AnggaranData, lang: str = "id") -> go.Figure:
    """B4: absorption per bidang this year and at the same month last year, side by side."""
    frame = data.yoy.iloc[::-1]
    names = [_wrap(plotly_text(bidang_label(b, lang))) for b in frame["bidang"]]
    fig = go.Figure([
        go.Bar(y=names, x=frame["absorption_prev_pct"], orientation="h", name=str(data.tahun - 1),
               marker_color=PREV_COLOUR, text=[_pct(v) for v in frame["absorption_prev_pct"]],
               textposition="outside", hovertemplate="%{y}: %{text}<extra></extra>"),
        go.Bar(y=names, x=frame["absorption_pct"], orientation="h", name=str(data.tahun),
               marker_color=REAL_COLOUR, text=[_pct(v) for v in frame["absorption_pct"]],
               textposition="outside", hovertemplate="%{y}: %{text}<extra></extra>"),
    ])
    title = t("anggaran_yoy_title", lang, month=month_name(data.bulan, lang), tahun=data.tahun, prev=data.tahun - 1)
    _layout(fig, title, max(440, 200 + 95 * len(frame)))
    fig.update_layout(barmode="group", legend_traceorder="reversed",
                      xaxis={"range": [0, 125], "tickvals": [0, 50, 100], "ticktext": ["0%", "50%", "100%"],
                             "tickangle": 0})
    fig.update_traces(cliponaxis=False)
    return fig


# ------------------------------------------------------------------------------------------------ tables

def _money_columns(frame: pd.DataFrame, lang: str) -> dict[str, pd.Series]:
    return {
        t("anggaran_col_pagu", lang): frame["pagu_rp"].map(_cell_rp),
        t("anggaran_col_realisasi", lang): frame["realisasi_rp"].map(_cell_rp),
        t("anggaran_col_serapan", lang): frame["absorption_pct"].map(_pct),
        t("anggaran_col_sisa", lang): frame["sisa_rp"].map(_cell_rp),
        t("anggaran_col_deviasi", lang): frame["deviation_rp"].map(lambda v: _cell_rp(v, signed=True)),
    }


def bidang_table(data: AnggaranData, lang: str = "id") -> pd.DataFrame:
    """B1-B3 per bidang plus the office total, indexed by the bidang name."""
    totals = compute_totals(data.by_bidang)
    total_row = pd.DataFrame([{"bidang": t("anggaran_total", lang), **vars(totals)}])
    frame = pd.concat([data.by_bidang.assign(bidang=[bidang_label(b, lang) for b in data.by_bidang["bidang"]]),
                       total_row], ignore_index=True)
    shown = pd.DataFrame({t("anggaran_col_bidang", lang): frame["bidang"], **_money_columns(frame, lang)})
    return shown.set_index(t("anggaran_col_bidang", lang))


def yoy_table(data: AnggaranData, lang: str = "id") -> pd.DataFrame:
    """B4 per bidang: absorption at the as-of month this year and last year, and the change in points."""
    frame = data.yoy
    shown = pd.DataFrame({
        t("anggaran_col_bidang", lang): [bidang_label(b, lang) for b in frame["bidang"]],
        t("anggaran_col_serapan_year", lang, tahun=data.tahun - 1): frame["absorption_prev_pct"].map(_pct),
        t("anggaran_col_serapan_year", lang, tahun=data.tahun): frame["absorption_pct"].map(_pct),
        t("anggaran_col_change", lang): (frame["absorption_pct"] - frame["absorption_prev_pct"]).map(signed_points),
    })
    return shown.set_index(t("anggaran_col_bidang", lang))


def _label(kode: pd.Series, name: pd.Series) -> pd.Series:
    """``1.06.05 Perlindungan Dan Jaminan Sosial``: code and name in one cell, so a long code does not take a column
    of its own on a narrow screen (the name wraps under it)."""
    return kode.astype(str) + " " + name.fillna("-").astype(str)


def _drill_table(frame: pd.DataFrame, kode: str, header: str, label: pd.Series, lang: str) -> pd.DataFrame:
    """The code+name cell and the money columns, indexed by the code (the cell shows it: the page hides the index)."""
    shown = pd.DataFrame({header: label, **_money_columns(frame, lang)})
    shown.index = pd.Index(frame[kode], name=t("anggaran_col_kode", lang))
    return shown


def program_table(data: AnggaranData, lang: str = "id") -> pd.DataFrame:
    """B1-B3 per program (split by bidang where a program spans several), indexed by the program code. With every
    bidang shown, the program's bidang is the cell's second line rather than a column of its own."""
    frame = data.by_program
    label = _label(frame["kode_program"], frame["program"].fillna("-").str.title().str.removeprefix("Program "))
    if data.bidang:
        return _drill_table(frame, "kode_program", t("anggaran_col_program", lang), label, lang)
    bidang = pd.Series([bidang_label(b, lang) for b in frame["bidang"]], index=frame.index)
    return _drill_table(frame, "kode_program", t("anggaran_col_program_bidang", lang),
                        label + "  \n*" + bidang + "*", lang)  # Markdown: a line break, the bidang in italics


def subkegiatan_table(data: AnggaranData, lang: str = "id") -> pd.DataFrame:
    """B1-B3 per sub kegiatan, indexed by the full SIPD code."""
    frame = data.by_subkegiatan
    return _drill_table(frame, "kode_rekening", t("anggaran_col_sub", lang),
                        _label(frame["kode_rekening"], frame["uraian"]), lang)
