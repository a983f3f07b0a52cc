"""SPM Bidang Sosial: the five minimum-service standards of a kabupaten/kota (Permensos 9/2018), people in need
against people served, per kecamatan (or a provinsi's kab/kota) and for the whole, this year and last year at the
same month. Numbers from ``queries/perencanaan_spm_by_wilayah.sql``."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme  # also registers the "rakor" plotly template
from dashboard.formatting import format_pct, month_name
from dashboard.i18n import register, t
from dashboard.textsafe import plotly_text
from dashboard.views.perencanaan.scope import Scope, count_text, pct_text, ratio_pct, signed_pct

# standard -> the PPKS categories (dashboard/imports/kinds/ppks.py) it serves (docs/INDICATORS.md section 6)
STANDARDS = {
    "SPM1": ("penyandang disabilitas",),
    "SPM2": ("anak terlantar", "anak balita terlantar", "anak jalanan"),
    "SPM3": ("lanjut usia terlantar",),
    "SPM4": ("gelandangan", "pengemis"),
    "SPM5": ("korban bencana alam", "korban bencana sosial"),
}

register({
    "perencanaan_SPM1": ("SPM 1 Disabilitas terlantar", "SPM 1 Neglected persons with disabilities"),
    "perencanaan_SPM2": ("SPM 2 Anak terlantar", "SPM 2 Neglected children"),
    "perencanaan_SPM3": ("SPM 3 Lansia terlantar", "SPM 3 Neglected elderly"),
    "perencanaan_SPM4": ("SPM 4 Gelandangan dan pengemis", "SPM 4 Homeless and beggars"),
    "perencanaan_SPM5": ("SPM 5 Korban bencana", "SPM 5 Disaster victims"),
    "perencanaan_spm_title": ("SPM Bidang Sosial: dilayani / membutuhkan<br>{scope}, {period}",
                              "Social SPM: served / in need<br>{scope}, {period}"),
    "perencanaan_spm_table": ("Capaian SPM per {level}, {period}", "SPM achievement by {level}, {period}"),
    "perencanaan_spm_hover": ("{name}: {pct} ({served} dari {need})", "{name}: {pct} ({served} of {need})"),
    "perencanaan_col_spm": ("Standar", "Standard"),
    "perencanaan_col_butuh": ("Membutuhkan", "In need"),
    "perencanaan_col_dilayani": ("Dilayani", "Served"),
    "perencanaan_col_capaian": ("Capaian {tahun}", "Achieved {tahun}"),
    "perencanaan_col_change_pp": ("Perubahan (poin)", "Change (points)"),
    "perencanaan_col_wilayah": ("Wilayah", "Area"),
    "perencanaan_def_spm": (
        "SPM = PPKS kategori standar yang dilayani (kasus dilaporkan Januari s.d. {month} yang sudah intervensi, "
        "evaluasi, monitoring atau selesai) / PPKS kategori itu pada rekap tahunan; SPM 2 = anak terlantar, balita "
        "terlantar, anak jalanan; SPM 4 = gelandangan, pengemis; SPM 5 = korban bencana alam dan sosial.",
        "SPM = PPKS of the standard's categories served (cases reported January to {month} that reached "
        "intervention, evaluation, monitoring or closure) / PPKS of those categories in the yearly recap; SPM 2 = "
        "neglected children and toddlers, street children; SPM 4 = homeless, beggars; SPM 5 = victims of natural "
        "and social disasters."),
})


def standard_params() -> dict[str, list[str]]:
    """STANDARDS as the query's parallel lists (one entry per category)."""
    pairs = [(key, kategori) for key, categories in STANDARDS.items() for kategori in categories]
    return {"spm": [k for k, _ in pairs], "kategori": [c for _, c in pairs]}


def load_spm(run: Callable[..., pd.DataFrame], scope: Scope) -> pd.DataFrame:
    return run("perencanaan_spm_by_wilayah", parent=scope.base, child_len=scope.child_len,
               tahun=scope.filters.tahun, as_of_month=scope.as_of_month, **standard_params())


def summary(frame: pd.DataFrame, kode: str | None = None) -> pd.DataFrame:
    """Per standard for the whole (or one child wilayah): sums of need and served, then the ratio, both years."""
    rows = frame if not kode else frame[frame["kode"] == kode]
    sums = rows.groupby("spm")[["n_butuh", "n_dilayani", "n_butuh_prev", "n_dilayani_prev"]].sum()
    sums = sums.reindex(list(STANDARDS), fill_value=0)
    sums["capaian_pct"] = [ratio_pct(s, n) for s, n in zip(sums["n_dilayani"], sums["n_butuh"], strict=True)]
    sums["capaian_prev_pct"] = [ratio_pct(s, n) for s, n in
                                zip(sums["n_dilayani_prev"], sums["n_butuh_prev"], strict=True)]
    sums["change_pp"] = sums["capaian_pct"] - sums["capaian_prev_pct"]
    return sums.reset_index()


def summary_table(frame: pd.DataFrame, scope: Scope, lang: str = "id") -> pd.DataFrame:
    """The five standards for the scope (the chosen kecamatan, else the whole): need, served, both years."""
    rows = summary(frame, scope.filters.kecamatan)
    tahun = scope.filters.tahun
    shown = pd.DataFrame({
        t("perencanaan_col_butuh", lang): [count_text(v, lang) for v in rows["n_butuh"]],
        t("perencanaan_col_dilayani", lang): [count_text(v, lang) for v in rows["n_dilayani"]],
        t("perencanaan_col_capaian", lang, tahun=tahun): [pct_text(v) for v in rows["capaian_pct"]],
        t("perencanaan_col_capaian", lang, tahun=tahun - 1): [pct_text(v) for v in rows["capaian_prev_pct"]],
        t("perencanaan_col_change_pp", lang): [signed_pct(v, points=True) for v in rows["change_pp"]],
    })
    shown.index = pd.Index([t(f"perencanaan_{k}", lang) for k in rows["spm"]], name=t("perencanaan_col_spm", lang))
    return shown


def wilayah_table(frame: pd.DataFrame, scope: Scope, lang: str = "id") -> pd.DataFrame:
    """Child wilayah x SPM1..SPM5 achievement this year, the whole's total row first; the chosen kecamatan ►."""
    pivot = frame.pivot(index=["kode", "nama"], columns="spm", values="capaian_pct").reindex(columns=list(STANDARDS))
    pivot = pivot.reset_index()
    total = summary(frame)
    names = [scope.total_label(lang)] + [f"► {n}" if k == scope.filters.kecamatan else n
                                         for k, n in zip(pivot["kode"], pivot["nama"], strict=True)]
    columns = {key.replace("SPM", "SPM "): [pct_text(v) for v in [total.loc[i, "capaian_pct"], *pivot[key]]]
               for i, key in enumerate(STANDARDS)}
    shown = pd.DataFrame(columns, index=pd.Index(names, name=scope.level_word(lang).capitalize()))
    return shown


def chart(frame: pd.DataFrame, scope: Scope, lang: str = "id") -> go.Figure:
    """Grouped bars per standard: this year and last year (same month), the counts in the hover."""
    rows = summary(frame, scope.filters.kecamatan)
    names = [t(f"perencanaan_{k}", lang) for k in rows["spm"]]
    fig = go.Figure()
    for year, pct, served, need, colour in (
            (scope.filters.tahun - 1, "capaian_prev_pct", "n_dilayani_prev", "n_butuh_prev", "#8C8C8C"),
            (scope.filters.tahun, "capaian_pct", "n_dilayani", "n_butuh", theme.PALETTE[0])):
        hover = [t("perencanaan_spm_hover", lang, name=plotly_text(n), pct=format_pct(p),
                   served=count_text(s, lang), need=count_text(b, lang))
                 for n, p, s, b in zip(names, rows[pct], rows[served], rows[need], strict=True)]
        fig.add_trace(go.Bar(y=names, x=rows[pct], orientation="h", name=str(year), marker_color=colour,
                             text=[format_pct(p) for p in rows[pct]], textposition="outside", cliponaxis=False,
                             hovertext=hover, hoverinfo="text"))
    top = max(10.0, float(rows[["capaian_pct", "capaian_prev_pct"]].max().max() or 0) * 1.25)
    fig.update_layout(template="rakor", barmode="group", height=560, yaxis={"autorange": "reversed",
                      "automargin": True}, xaxis={"range": [0, top], "ticksuffix": "%"},
                      legend={"orientation": "h", "y": -0.12}, margin={"r": 30})
    where = (f"Kec. {_name(frame, scope.filters.kecamatan)}" if scope.filters.kecamatan
             else scope.scope_word(lang))
    theme.set_title(fig, t("perencanaan_spm_title", lang, scope=where, period=scope.period_text(lang)))
    return fig


def _name(frame: pd.DataFrame, kode: str) -> str:
    names = frame.loc[frame["kode"] == kode, "nama"]
    return str(names.iloc[0]) if len(names) else kode


def definition(scope: Scope, lang: str = "id") -> str:
    return t("perencanaan_def_spm", lang, month=month_name(scope.as_of_month, lang))

