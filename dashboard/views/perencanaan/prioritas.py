"""Priorities for next year (RKPD / musrenbang): kecamatan (or a provinsi's kab/kota) ranked by a weighted
composite of need and gap. Each input is scaled to 0-100 across the listed wilayah (min-max; the target
attainment inverted, so a low attainment is a high need), a missing input scores 0, and the composite is the
weighted mean of the scores. The same formula is written into the Excel export as live formulas
(``dashboard/exports/perencanaan_xlsx.py``) so a planner can check it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme  # also registers the "rakor" plotly template
from dashboard.formatting import format_number, format_pct
from dashboard.i18n import register, t
from dashboard.textsafe import plotly_text
from dashboard.views import cakupan, capaian
from dashboard.views.perencanaan.scope import Scope, number_text, pct_text


@dataclass(frozen=True)
class Input:
    key: str              # the [prioritas] weight's name
    column: str           # its value in the inputs frame
    higher_is_need: bool  # False: a low value is a high need (target attainment)


INPUTS = (Input("desil", "desil_share_pct", True), Input("ppks", "ppks_per_1000", True),
          Input("kesenjangan", "coverage_gap_pct", True), Input("capaian", "attainment_pct", False))

register({
    "perencanaan_input_desil": ("Penduduk desil 1-{cutoff} (%)", "Population in desil 1-{cutoff} (%)"),
    "perencanaan_input_ppks": ("PPKS per 1.000 penduduk", "PPKS per 1,000 population"),
    "perencanaan_input_kesenjangan": ("Kesenjangan cakupan (100 - C3, %)", "Coverage gap (100 - C3, %)"),
    "perencanaan_input_capaian": ("Capaian target T1-T5 (%)", "Target attainment T1-T5 (%)"),
    "perencanaan_short_desil": ("Desil 1-{cutoff}", "Desil 1-{cutoff}"),
    "perencanaan_short_ppks": ("PPKS/1.000", "PPKS/1,000"),
    "perencanaan_short_kesenjangan": ("Kesenjangan", "Gap"),
    "perencanaan_short_capaian": ("Capaian", "Attainment"),
    "perencanaan_col_skor": ("Skor prioritas", "Priority score"),
    "perencanaan_col_rank": ("Peringkat", "Rank"),
    "perencanaan_weights": ("Bobot: {weights}", "Weights: {weights}"),
    "perencanaan_prioritas_title": ("Prioritas {tahun}: {level} menurut skor kebutuhan dan kesenjangan<br>bobot "
                                    "{weights}", "Priorities {tahun}: {level} by need and gap score<br>weights "
                                    "{weights}"),
    "perencanaan_prioritas_hover": ("{rank}. {name}: skor {score}", "{rank}. {name}: score {score}"),
    "perencanaan_def_prioritas": (
        "Skor = rata-rata berbobot dari skor 0-100 tiap masukan; skor masukan = (nilai - terendah) / (tertinggi - "
        "terendah) × 100 di antara {level} (capaian target dibalik: rendah = butuh); tanpa data = 0. Masukan: desil "
        "dari DTKS terbaru / penduduk, PPKS rekap {tahun} / penduduk, 100 - C3 ({program}), rata-rata capaian T1-T5 "
        "pro rata.",
        "Score = weighted mean of each input's 0-100 score; an input's score = (value - lowest) / (highest - lowest) "
        "× 100 among the {level} (target attainment reversed: low = need); no data = 0. Inputs: desil from the "
        "latest DTKS / population, PPKS recap {tahun} / population, 100 - C3 ({program}), mean pro-rata T1-T5 "
        "attainment."),
    "perencanaan_weights_zero": ("Semua bobot nol: beri bobot pada sedikitnya satu masukan.",
                                 "All weights are zero: give at least one input a weight."),
})


def load_inputs(run: Callable[..., pd.DataFrame], scope: Scope, settings, beban: pd.DataFrame) -> pd.DataFrame:
    """One row per child wilayah: the four inputs (the PPKS count is the caseload figure's, so both agree)."""
    desil = run("perencanaan_desil_by_wilayah", parent=scope.base, child_len=scope.child_len,
                cutoff=settings.cutoff_for("default"))
    coverage = cakupan.load_kecamatan_level(run, scope.filters, settings).coverage
    ranking = capaian.compute_ranking(capaian.load_capaian(run, scope.filters, settings), prorata=True)
    frame = desil.merge(beban[["kode", "n_ppks"]], on="kode", how="left")
    frame["ppks_per_1000"] = 1000.0 * frame["n_ppks"] / frame["n_penduduk"].where(frame["n_penduduk"] > 0)
    frame = frame.merge(coverage[["kode", "coverage_pct"]], on="kode", how="left")
    frame["coverage_gap_pct"] = 100.0 - frame["coverage_pct"]
    frame = frame.merge(ranking[["kode", "mean_pct"]].rename(columns={"mean_pct": "attainment_pct"}), on="kode",
                        how="left")
    return frame


def input_score(values: pd.Series, higher_is_need: bool) -> pd.Series:
    """0-100 across the wilayah: min-max, reversed when a low value is the need; no spread or no value -> 0."""
    low, high = values.min(), values.max()
    if pd.isna(low) or high == low:
        return pd.Series(0.0, index=values.index)
    scaled = (values - low) / (high - low) if higher_is_need else (high - values) / (high - low)
    return (100.0 * scaled).fillna(0.0)


def composite(inputs: pd.DataFrame, weights: Mapping[str, float]) -> pd.DataFrame:
    """The inputs with each score, the weighted score and the rank (1 = first priority; ties by name)."""
    total = sum(weights[i.key] for i in INPUTS)
    if total <= 0:
        raise ValueError("all weights are zero")
    frame = inputs.copy()
    for item in INPUTS:
        frame[f"skor_{item.key}"] = input_score(frame[item.column], item.higher_is_need)
    frame["skor"] = sum(weights[i.key] * frame[f"skor_{i.key}"] for i in INPUTS) / total
    frame = frame.sort_values(["skor", "nama"], ascending=[False, True]).reset_index(drop=True)
    frame["rank"] = range(1, len(frame) + 1)
    return frame


def weights_text(weights: Mapping[str, float], lang: str = "id", cutoff: int = 4) -> str:
    """``Desil 1-4 30% · PPKS/1.000 20% · ...``: each weight as a share of their sum."""
    total = sum(weights[i.key] for i in INPUTS) or 1.0
    return " · ".join(f"{t(f'perencanaan_short_{i.key}', lang, cutoff=cutoff)} "
                      f"{format_pct(100 * weights[i.key] / total, 0)}" for i in INPUTS)


def table(ranked: pd.DataFrame, scope: Scope, lang: str = "id", cutoff: int = 4) -> pd.DataFrame:
    """Rank and name, the four inputs as measured, the score."""
    names = [f"► {n}" if k == scope.filters.kecamatan else n
             for k, n in zip(ranked["kode"], ranked["nama"], strict=True)]
    shown = pd.DataFrame({t(f"perencanaan_short_{i.key}", lang, cutoff=cutoff):
                          [number_text(v, 1) if i.key == "ppks" else pct_text(v) for v in ranked[i.column]]
                          for i in INPUTS})
    shown[t("perencanaan_col_skor", lang)] = [format_number(v, 1) for v in ranked["skor"]]
    shown.index = pd.Index([f"{r}. {n}" for r, n in zip(ranked["rank"], names, strict=True)],
                           name=t("perencanaan_col_wilayah", lang))
    return shown


def chart(ranked: pd.DataFrame, scope: Scope, weights: Mapping[str, float], lang: str = "id",
          cutoff: int = 4) -> go.Figure:
    """Horizontal bars of the score, first priority at the top; the chosen kecamatan stands out."""
    chosen = scope.filters.kecamatan
    rows = ranked.iloc[::-1]
    names = [f"<b>{r}. {plotly_text(n)}</b>" if k == chosen else f"{r}. {plotly_text(n)}"
             for r, n, k in zip(rows["rank"], rows["nama"], rows["kode"], strict=True)]
    hover = [t("perencanaan_prioritas_hover", lang, rank=r, name=plotly_text(n), score=format_number(s, 1))
             for r, n, s in zip(rows["rank"], rows["nama"], rows["skor"], strict=True)]
    colours = [theme.PALETTE[3] if r <= 3 else theme.PALETTE[0] for r in rows["rank"]]
    fig = go.Figure(go.Bar(x=rows["skor"], y=names, orientation="h", marker_color=colours,
                           text=[format_number(s, 1) for s in rows["skor"]], textposition="outside",
                           cliponaxis=False, hovertext=hover, hoverinfo="text"))
    fig.update_layout(template="rakor", height=max(480, 200 + 34 * len(rows)), showlegend=False,
                      xaxis={"range": [0, 110], "automargin": True}, yaxis={"automargin": True}, margin={"r": 30})
    theme.set_title(fig, t("perencanaan_prioritas_title", lang, tahun=scope.filters.tahun + 1,
                           level=scope.level_word(lang), weights=weights_text(weights, lang, cutoff)))
    return fig


def definition(scope: Scope, lang: str = "id") -> str:
    program = scope.filters.program or t("cakupan_all_programs", lang)
    return t("perencanaan_def_prioritas", lang, level=scope.level_word(lang), tahun=scope.filters.tahun,
             program=program)
