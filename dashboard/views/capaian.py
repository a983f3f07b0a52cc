"""Capaian target (target attainment per kecamatan, indicators T1-T5): loader, figures and display tables.

Pure (no Streamlit): the page passes ``ui.query`` as ``run``; tests and the benchmark pass
``functools.partial(run_query, con)``. Realisation and attainment are computed in SQL
(``queries/attainment_by_wilayah.sql``, year to date up to the "as of" month); this module only picks the
full-year or pro-rata comparison, colours cells by the configured RAG thresholds, ranks and formats.

As of: the filter's last month within the year, or the last month any monthly source has data for, whichever is
earlier (2026 data run to October, so "Tahun 2026" is judged as of October). Last year is judged as of the same
month, so the change in percentage points compares like with like.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler

from dashboard import theme  # also registers the "rakor" plotly template
from dashboard.filters import Filters
from dashboard.formatting import format_number, format_pct, month_name
from dashboard.i18n import register, t
from dashboard.textsafe import plotly_text
from dashboard.wilayah import child_len, child_level

INDICATORS = ("T1", "T2", "T3", "T4", "T5")
STAGES = ("asesmen", "rencana_intervensi", "intervensi", "evaluasi", "monitoring", "selesai")
KINDS = {"T1": ("dtks", "target"), "T2": ("target",), "T3": ("psks", "target"), "T4": ("penerima", "target"),
         "T5": ("ppks", "target")}
ALL_KINDS = ("target", "dtks", "psks", "penerima", "ppks")

register({
    "capaian_title": ("Capaian target per {level}", "Target attainment by {level}"),
    "capaian_T1": ("T1 Verval DTKS", "T1 DTKS verification"),
    "capaian_T2": ("T2 Pendataan anak yatim piatu", "T2 Orphan registration"),
    "capaian_T3": ("T3 Laporan bulanan TKSK", "T3 TKSK monthly reports"),
    "capaian_T4": ("T4 Penyaluran bansos", "T4 Social assistance distributed"),
    "capaian_T5": ("T5 Penanganan PPKS", "T5 PPKS case handling"),
    "capaian_short_T1": ("T1 Verval", "T1 Verif."),
    "capaian_short_T2": ("T2 Yatim", "T2 Orphans"),
    "capaian_short_T3": ("T3 TKSK", "T3 TKSK"),
    "capaian_short_T4": ("T4 Salur", "T4 Distrib."),
    "capaian_short_T5": ("T5 PPKS", "T5 PPKS"),
    "capaian_as_of": ("Januari s.d. {month} {tahun}", "January to {month} {tahun}"),
    "capaian_prorata": ("Pro rata: bandingkan dengan bagian tahun berjalan ({share})",
                        "Pro rata: compare with the share of the year elapsed ({share})"),
    "capaian_mode_full": ("terhadap target setahun", "against the full-year target"),
    "capaian_mode_prorata": ("terhadap target pro rata {share}", "against the pro-rata target {share}"),
    "capaian_scorecard_title": ("Capaian T1-T5 per {level}, {period}, {mode}",
                                "Attainment T1-T5 by {level}, {period}, {mode}"),
    "capaian_legend": (
        "Hijau ≥ {green}, kuning {amber} s.d. < {green}, merah < {amber}; abu-abu (–) = tanpa target.",
        "Green ≥ {green}, amber {amber} to < {green}, red < {amber}; grey (–) = no target.",
    ),
    # one line per indicator: the rule as docs/INDICATORS.md states it, shown under the scorecard
    "capaian_def_T1": (
        "T1 = keluarga DTKS terbaru yang dimutakhirkan Januari s.d. {month} / target setahun (pro rata × {m}/12).",
        "T1 = households of the latest DTKS updated January to {month} / full-year target (pro rata × {m}/12)."),
    "capaian_def_T2": (
        "T2 = anak yatim piatu terdata (realisasi diimpor bersama target) / target setahun (pro rata × {m}/12).",
        "T2 = orphans registered (realisation imported with the target) / full-year target (pro rata × {m}/12)."),
    "capaian_def_T3": (
        "T3 = laporan bulanan TKSK diterima / laporan diharapkan (jumlah TKSK × bulan s.d. {month}), selalu pro rata.",
        "T3 = TKSK monthly reports received / reports expected (TKSK × months to {month}), always pro rata."),
    "capaian_def_T4": (
        "T4 = KPM tersalur (status salur) / KPM dialokasikan pada periode terpilih, per program dan tahap ({program}).",
        "T4 = KPM paid (status salur) / KPM allocated in the selected period, per programme and tahap ({program})."),
    "capaian_def_T5": (
        "T5 = kasus PPKS dilaporkan Januari s.d. {month} yang sudah monitoring/selesai / target setahun "
        "(pro rata × {m}/12).",
        "T5 = PPKS cases reported January to {month} that reached monitoring/closed / full-year target "
        "(pro rata × {m}/12)."),
    "capaian_all_programs": ("semua program bersalur", "all programmes with payments"),
    "capaian_col_mean": ("Rata-rata", "Mean"),
    "capaian_ranking_title": ("Peringkat {level}: rata-rata capaian T1-T5<br>{period}",
                              "Ranking by {level}: mean attainment T1-T5<br>{period}"),
    "capaian_ranking_axis": ("Rata-rata capaian (%)", "Mean attainment (%)"),
    "capaian_ranking_hover": ("{name}: {pct} (tahun lalu {prev}; {change})",
                              "{name}: {pct} (last year {prev}; {change})"),
    "capaian_trend_title": ("Dibanding tahun lalu ({scope}), {period}", "Against last year ({scope}), {period}"),
    "capaian_scope_kabupaten": ("kabupaten", "district"),
    "capaian_scope_provinsi": ("provinsi", "province"),
    "capaian_def_kabupaten": (
        "Kab/kota = realisasi semua kecamatannya / target kab/kota (bila ditetapkan) atau jumlah target "
        "kecamatannya; laporan TKSK dan KPM dialokasikan dijumlahkan.",
        "District/city = the realisation of all its sub-districts / its own target (where set) or the sum of its "
        "sub-districts' targets; TKSK reports and allocated KPM are summed."),
    "capaian_scope_kecamatan": ("Kec. {name}", "sub-district {name}"),
    "capaian_col_indikator": ("Indikator", "Indicator"),
    "capaian_col_year": ("Capaian {tahun}", "Attainment {tahun}"),
    "capaian_col_change": ("Perubahan (poin persen)", "Change (% points)"),
    "capaian_col_realisasi": ("Realisasi {tahun}", "Realised {tahun}"),
    "capaian_col_pembanding": ("Pembanding {tahun}", "Compared with {tahun}"),
    "capaian_pp": ("{value} poin", "{value} pts"),
    "capaian_funnel_title": ("T5 Tahapan penanganan kasus PPKS<br>{scope}, {period}",
                             "T5 PPKS case-management stages<br>{scope}, {period}"),
    "capaian_stage_asesmen": ("Asesmen", "Assessment"),
    "capaian_stage_rencana_intervensi": ("Rencana intervensi", "Intervention plan"),
    "capaian_stage_intervensi": ("Intervensi", "Intervention"),
    "capaian_stage_evaluasi": ("Evaluasi", "Evaluation"),
    "capaian_stage_monitoring": ("Monitoring", "Monitoring"),
    "capaian_stage_selesai": ("Selesai", "Closed"),
    "capaian_funnel_hover": ("{stage}: {n} kasus ({pct} dari asesmen)", "{stage}: {n} cases ({pct} of assessed)"),
})


@dataclass(frozen=True)
class CapaianData:
    """Everything the Capaian page shows for one choice of filters (both comparison modes)."""

    filters: Filters
    as_of_month: int
    current: pd.DataFrame            # attainment_by_wilayah for filters.tahun
    previous: pd.DataFrame           # the same for tahun - 1, as of the same month
    funnel: pd.DataFrame             # ppks_funnel_by_stage (restricted to the chosen kecamatan)
    green_pct: float = 90.0
    amber_pct: float = 70.0
    base: str = ""                   # whose children the scorecard lists: the kab/kota, or a provinsi

    @property
    def level(self) -> str:
        """``kecamatan`` or, for a provinsi, ``kabupaten`` (its kab/kota)."""
        return child_level(self.base) if self.base else "kecamatan"

    def level_word(self, lang: str = "id", header: bool = False) -> str:
        word = t(f"level_{self.level}", lang)
        return word[0].upper() + word[1:] if header else word

    @property
    def share_elapsed(self) -> float:
        return self.as_of_month / 12

    @property
    def kecamatan_name(self) -> str:
        kec = self.filters.kecamatan
        if not kec or self.current.empty:
            return ""
        names = self.current.loc[self.current["kode"] == kec, "nama"]
        return str(names.iloc[0]) if len(names) else kec


def as_of_month(filters: Filters, last_months: pd.DataFrame) -> int:
    """The filter's last month, or the last month with data that year if earlier (no data: the filter's)."""
    last_filter = filters.months[1]
    known = last_months["last_month"].dropna() if not last_months.empty else pd.Series(dtype=float)
    return min(last_filter, int(known.max())) if len(known) else last_filter


def load_capaian(run: Callable[..., pd.DataFrame], filters: Filters, settings) -> CapaianData:
    """Run every query of the page: this year's and last year's attainment (same as-of month) and the funnel."""
    as_of = as_of_month(filters, run("last_month_by_source", tahun=filters.tahun))
    base = filters.kabupaten or settings.kabupaten  # a provinsi's kab/kota, or its kecamatan once one is chosen
    common = {"parent": base, "child_len": child_len(base), "as_of_month": as_of, "program": filters.program}
    last_year = replace(filters, tahun=filters.tahun - 1)
    funnel = run("ppks_funnel_by_stage", tahun=filters.tahun, as_of_month=as_of, kecamatan=filters.area)
    current = run("attainment_by_wilayah", tahun=filters.tahun, periods=filters.periode_labels, **common)
    previous = run("attainment_by_wilayah", tahun=last_year.tahun, periods=last_year.periode_labels, **common)
    return CapaianData(filters, as_of, current, previous, funnel, settings.rag_green_pct, settings.rag_amber_pct, base)


# ---- numbers -----------------------------------------------------------------------------------------------

def attainment_column(prorata: bool) -> str:
    return "attainment_prorata_pct" if prorata else "attainment_pct"


def rag_status(pct: float | None, green_pct: float, amber_pct: float) -> str:
    """'hijau', 'kuning', 'merah', or 'abu' when there is no target (never red for a missing target)."""
    if pct is None or pd.isna(pct):
        return "abu"
    if pct >= green_pct:
        return "hijau"
    return "kuning" if pct >= amber_pct else "merah"


def scorecard_values(data: CapaianData, prorata: bool) -> pd.DataFrame:
    """Attainment % per kecamatan (rows, by code) and indicator (columns T1..T5); NaN = no target."""
    frame = data.current.pivot(index=["kode", "nama"], columns="indikator", values=attainment_column(prorata))
    return frame.reindex(columns=list(INDICATORS)).reset_index(level="nama")


def compute_ranking(data: CapaianData, prorata: bool) -> pd.DataFrame:
    """Kecamatan by mean attainment over the indicators that have a target, best first, with last year's mean."""
    column = attainment_column(prorata)
    now = data.current.groupby(["kode", "nama"])[column].mean().rename("mean_pct")
    before = (data.previous.groupby("kode")[column].mean().rename("mean_prev_pct") if not data.previous.empty
              else pd.Series(dtype=float, name="mean_prev_pct"))
    ranking = now.reset_index().merge(before, how="left", left_on="kode", right_index=True)
    ranking["change_pp"] = ranking["mean_pct"] - ranking["mean_prev_pct"]
    ranking = ranking.sort_values(["mean_pct", "nama"], ascending=[False, True], na_position="last")
    ranking["rank"] = range(1, len(ranking) + 1)
    return ranking.reset_index(drop=True)


def _scope_ratio(frame: pd.DataFrame, indicator: str, kecamatan: str | None, prorata: bool) -> tuple:
    """(realisation, comparison basis, attainment %) summed over kecamatan with a target (ratio of sums)."""
    if frame.empty:
        return 0.0, 0.0, None
    rows = frame[(frame["indikator"] == indicator) & frame["target"].notna()]
    if kecamatan:
        rows = rows[rows["kode"] == kecamatan]
    basis_column = "basis_prorata" if prorata else "basis"
    real, basis = rows["realisasi"].sum(), rows[basis_column].sum()
    return real, basis, (100.0 * real / basis if basis > 0 else None)


def compute_trend(data: CapaianData, prorata: bool) -> pd.DataFrame:
    """Per indicator: this year's and last year's attainment for the scope (kabupaten or kecamatan), change in pp."""
    rows = []
    for key in INDICATORS:
        real, basis, pct = _scope_ratio(data.current, key, data.filters.kecamatan, prorata)
        _, _, prev = _scope_ratio(data.previous, key, data.filters.kecamatan, prorata)
        change = pct - prev if pct is not None and prev is not None else None
        rows.append({"indikator": key, "realisasi": real, "basis": basis, "pct": pct, "prev_pct": prev,
                     "change_pp": change})
    return pd.DataFrame(rows)


# ---- words -------------------------------------------------------------------------------------------------

def period_text(data: CapaianData, lang: str = "id") -> str:
    """``Januari s.d. Oktober 2026``: realisation is counted year to date up to the as-of month."""
    month = month_name(data.as_of_month, lang)
    return t("capaian_as_of", lang, month=month, tahun=data.filters.tahun)


def share_text(data: CapaianData) -> str:
    return format_pct(100 * data.share_elapsed)


def mode_text(data: CapaianData, prorata: bool, lang: str = "id") -> str:
    return t("capaian_mode_prorata", lang, share=share_text(data)) if prorata else t("capaian_mode_full", lang)


def legend_text(data: CapaianData, lang: str = "id") -> str:
    return t("capaian_legend", lang, green=format_pct(data.green_pct, 0), amber=format_pct(data.amber_pct, 0))


def definition(key: str, data: CapaianData, lang: str = "id") -> str:
    """The one-line rule of T1..T5 with this view's as-of month and programme, so the hall reads what is counted."""
    program = data.filters.program or t("capaian_all_programs", lang)
    return t(f"capaian_def_{key}", lang, month=month_name(data.as_of_month, lang), m=data.as_of_month,
             program=program)


def definitions_text(data: CapaianData, lang: str = "id") -> str:
    """The five rules, one per line (Markdown line breaks), for the caption under the scorecard; for a provinsi's
    kab/kota also how a kab/kota is scored."""
    lines = [definition(key, data, lang) for key in INDICATORS]
    return "  \n".join(lines + ([t("capaian_def_kabupaten", lang)] if data.level == "kabupaten" else []))


def scope_text(data: CapaianData, lang: str = "id") -> str:
    if data.filters.kecamatan:
        return t("capaian_scope_kecamatan", lang, name=data.kecamatan_name)
    return t("capaian_scope_provinsi" if data.level == "kabupaten" else "capaian_scope_kabupaten", lang)


def format_pp(value: float | None, lang: str = "id", unit: bool = True) -> str:
    """``+3,2 poin`` / ``-1,0 poin`` (``+3,2`` with ``unit=False``, under a header naming it); missing -> ``-``."""
    if value is None or pd.isna(value):
        return "-"
    shown = format_number(value, 1)
    shown = "0,0" if shown in ("0,0", "-0,0") else ("+" if value > 0 else "") + shown
    return t("capaian_pp", lang, value=shown) if unit else shown


# ---- tables ------------------------------------------------------------------------------------------------

def _cell_style(pct: float | None, data: CapaianData) -> str:
    colour = theme.RAG[rag_status(pct, data.green_pct, data.amber_pct)]
    text = "#000000" if colour in (theme.RAG["kuning"], theme.RAG["abu"]) else "#FFFFFF"
    return f"background-color: {colour}; color: {text}; font-weight: 700; padding: 0.3rem 0.45rem; white-space: nowrap"


def scorecard_table(data: CapaianData, prorata: bool, lang: str = "id") -> Styler:
    """Kecamatan x T1..T5 with attainment % printed in RAG-coloured cells; the chosen kecamatan marked ►."""
    values = scorecard_values(data, prorata)
    chosen = data.filters.kecamatan
    names = [f"► {n}" if k == chosen else n for k, n in zip(values.index, values["nama"], strict=True)]
    headers = {key: t(f"capaian_short_{key}", lang) for key in INDICATORS}
    shown = pd.DataFrame({headers[k]: [format_pct(v) if pd.notna(v) else "–" for v in values[k]]
                          for k in INDICATORS}, index=pd.Index(names, name=data.level_word(lang, header=True)))
    styles = pd.DataFrame({headers[k]: [_cell_style(v, data) for v in values[k]] for k in INDICATORS},
                          index=shown.index)
    if chosen:
        mark = [n.startswith("► ") for n in names]
        styles.loc[mark] = styles.loc[mark] + "; border: 4px solid #000000; font-size: 1.3em"
    return shown.style.apply(lambda _: styles, axis=None)


def trend_table(data: CapaianData, prorata: bool, lang: str = "id") -> pd.DataFrame:
    """One row per indicator: attainment this year and last year (same as-of month) and the change in pp."""
    trend = compute_trend(data, prorata)
    tahun = data.filters.tahun
    shown = pd.DataFrame({
        t("capaian_col_indikator", lang): [t(f"capaian_{k}", lang) for k in trend["indikator"]],
        t("capaian_col_realisasi", lang, tahun=tahun): trend["realisasi"].map(format_number),
        t("capaian_col_pembanding", lang, tahun=tahun): trend["basis"].map(format_number),
        t("capaian_col_year", lang, tahun=tahun): trend["pct"].map(format_pct),
        t("capaian_col_year", lang, tahun=tahun - 1): trend["prev_pct"].map(format_pct),
        # the header names the unit, so the cell stays narrow enough for six columns on a 1024-px screen
        t("capaian_col_change", lang): [format_pp(v, lang, unit=False) for v in trend["change_pp"]],
    })
    return shown.set_index(t("capaian_col_indikator", lang))


# ---- figures -----------------------------------------------------------------------------------------------

def ranking_bar(data: CapaianData, prorata: bool, lang: str = "id") -> go.Figure:
    """Horizontal bars of mean attainment per kecamatan, best at the top, RAG-coloured; the chosen one stands out.

    Each bar's value and change are printed inside the bar at its start, clear of the threshold lines and never
    pushed off the right edge on a narrow screen; a bar too short to hold them has them just past its end.
    """
    ranking = compute_ranking(data, prorata).iloc[::-1]  # plotly draws the first category at the bottom
    chosen = data.filters.kecamatan
    status = [rag_status(v, data.green_pct, data.amber_pct) for v in ranking["mean_pct"]]
    faded = [bool(chosen) and k != chosen for k in ranking["kode"]]
    ink = ["#111111" if f or s in ("kuning", "abu") else "#FFFFFF" for s, f in zip(status, faded, strict=True)]
    labels = [f"{format_pct(v)}  ({format_pp(c, lang)})" if pd.notna(c) else format_pct(v)
              for v, c in zip(ranking["mean_pct"], ranking["change_pp"], strict=True)]
    names = [f"<b>{r}. {plotly_text(n)}</b>" if k == chosen else f"{r}. {plotly_text(n)}"
             for r, n, k in zip(ranking["rank"], ranking["nama"], ranking["kode"], strict=True)]
    hover = [t("capaian_ranking_hover", lang, name=plotly_text(n), pct=format_pct(v), prev=format_pct(p),
               change=format_pp(c, lang))
             for n, v, p, c in zip(ranking["nama"], ranking["mean_pct"], ranking["mean_prev_pct"],
                                   ranking["change_pp"], strict=True)]
    fig = go.Figure(go.Bar(x=ranking["mean_pct"], y=names, orientation="h", text=labels, textposition="auto",
                           insidetextanchor="start", constraintext="none", cliponaxis=False,
                           insidetextfont={"color": ink}, outsidetextfont={"color": "#111111"},
                           marker={"color": [theme.RAG[s] for s in status],
                                   "opacity": [0.35 if f else 1.0 for f in faded]},
                           hovertext=hover, hoverinfo="text"))
    for value, dash in ((data.green_pct, "dash"), (data.amber_pct, "dot")):
        fig.add_vline(x=value, line={"color": "#111111", "width": 2, "dash": dash}, annotation_position="top",
                      annotation_text=format_pct(value, 0), annotation_font={"size": 18}, annotation_yshift=2)
    top = max(110.0, float(ranking["mean_pct"].max() or 0) * 1.1)
    fig.update_layout(template="rakor", height=max(520, 200 + 38 * len(ranking)),
                      xaxis={"title": t("capaian_ranking_axis", lang), "range": [0, top], "ticksuffix": "%",
                             "automargin": True},
                      yaxis={"tickfont": {"size": theme.FONT_SIZE}, "automargin": True}, margin={"r": 20, "b": 10},
                      showlegend=False)
    title = t("capaian_ranking_title", lang, period=period_text(data, lang), level=data.level_word(lang))
    title += f", {mode_text(data, prorata, lang)}"
    theme.set_title(fig, title, below=34)
    return fig


def funnel_figure(data: CapaianData, lang: str = "id") -> go.Figure:
    """PPKS cases reaching each stage (cumulative), counts in Indonesian format."""
    funnel = data.funnel
    stages = [t(f"capaian_stage_{s}", lang) for s in funnel["stage"]]
    first = funnel["n_kasus"].iloc[0] if len(funnel) else 0
    share = [100.0 * n / first if first else None for n in funnel["n_kasus"]]
    text = [f"{format_number(n)} ({format_pct(p, 0)})" for n, p in zip(funnel["n_kasus"], share, strict=True)]
    hover = [t("capaian_funnel_hover", lang, stage=s, n=format_number(n), pct=format_pct(p))
             for s, n, p in zip(stages, funnel["n_kasus"], share, strict=True)]
    # the count sits inside its stage in white; a stage too narrow for it gets it beside it in black, full size
    fig = go.Figure(go.Funnel(y=stages, x=funnel["n_kasus"], text=text, textinfo="text", hovertext=hover,
                              hoverinfo="text", textposition="auto", constraintext="none",
                              insidetextfont={"size": 20, "color": "#FFFFFF"},
                              outsidetextfont={"size": 20, "color": "#111111"},
                              marker={"color": theme.PALETTE[0]}, connector={"fillcolor": "#D0D0D0"}))
    fig.update_layout(template="rakor", height=500, yaxis={"tickfont": {"size": 20}, "automargin": True},
                      margin={"l": 10, "r": 10, "b": 10})
    theme.set_title(fig, t("capaian_funnel_title", lang, scope=scope_text(data, lang), period=period_text(data, lang)))
    return fig
