"""Cakupan (programme coverage, indicators C1-C6): loader, figures, display tables and follow-up exports.

Pure (no Streamlit): the page passes ``ui.query`` as ``run``; tests and the benchmark pass
``functools.partial(run_query, con)``. Numbers are computed in SQL (``queries/*_by_wilayah.sql``); this module
only adds the parent total (sum of numerators over sum of denominators, never a mean of percentages) and
formats for the projector.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from openpyxl import Workbook
from openpyxl.styles import Font

from dashboard import theme  # also registers the "rakor" plotly template
from dashboard.exports.cells import put_cell
from dashboard.filters import MONTH, QUARTER, Filters
from dashboard.formatting import format_number, format_pct, month_name
from dashboard.i18n import register, t
from dashboard.textsafe import plotly_text
from dashboard.views.tables import translated
from dashboard.wilayah import DESA_LEN, child_len, is_provinsi

LIST_PREVIEW_ROWS = 15
LISTS = ("exclusion", "inclusion", "unmatched")


@dataclass(frozen=True)
class Indicator:
    """One coverage indicator: its percentage column and the counts it is made of."""

    key: str
    pct: str
    numerator: str
    denominator: str
    higher_is_better: bool


INDICATORS = {
    "C3": Indicator("C3", "coverage_pct", "n_eligible_kpm", "n_eligible", True),
    "C4": Indicator("C4", "exclusion_pct", "n_excluded", "n_eligible", False),
    "C5": Indicator("C5", "inclusion_pct", "n_inclusion", "n_kpm_ranked", False),
    "C6": Indicator("C6", "unmatched_pct", "n_unmatched", "n_rows", False),
}

register({
    "cakupan_title": ("Cakupan program", "Programme coverage"),
    "cakupan_indikator": ("Indikator", "Indicator"),
    "cakupan_C1": ("C1 Individu DTKS", "C1 DTKS individuals"),
    "cakupan_C2": ("C2 DTKS / penduduk", "C2 DTKS / population"),
    "cakupan_C3": ("C3 Cakupan keluarga layak", "C3 Coverage of eligible households"),
    "cakupan_C4": ("C4 Salah eksklusi", "C4 Exclusion error"),
    "cakupan_C5": ("C5 Salah inklusi", "C5 Inclusion error"),
    "cakupan_C6": ("C6 Penerima tak padan DTKS", "C6 Recipients not matched to DTKS"),
    "cakupan_all_programs": ("semua program", "all programmes"),
    "cakupan_program": ("program {program}", "programme {program}"),
    "cakupan_cutoff": ("layak = desil 1-{cutoff}", "eligible = desil 1-{cutoff}"),
    # one line per indicator: the rule as docs/INDICATORS.md states it, shown under the chart and in the tables
    "cakupan_def_C3": (
        "C3 = keluarga layak yang menerima (status salur) program pada periode / keluarga layak.",
        "C3 = eligible households that received the programme (status salur) in the period / eligible households."),
    "cakupan_def_C4": (
        "C4 = keluarga layak yang tidak menerima program apa pun pada periode (belum/gagal salur termasuk) "
        "/ keluarga layak.",
        "C4 = eligible households that received no programme in the period (pending or failed included) "
        "/ eligible households."),
    "cakupan_def_C5": (
        "C5 = KPM padan DTKS yang nonaktif atau desilnya di atas batas program yang diterima / KPM padan "
        "(tanpa desil dihitung terpisah).",
        "C5 = matched KPM inactive in DTKS or above the desil cut-off of a programme received / matched KPM "
        "(no desil counted apart)."),
    "cakupan_def_C6": (
        "C6 = baris penerima yang NIK/No. KK-nya tidak ditemukan di DTKS / semua baris penerima pada periode.",
        "C6 = recipient rows whose NIK/No. KK is not found in DTKS / all recipient rows in the period."),
    "cakupan_pending_C3": ("+{n} keluarga layak menunggu salur/gagal salur (tidak dihitung sebagai KPM)",
                           "+{n} eligible households pending or failed distribution (not counted as KPM)"),
    "cakupan_pending_C4": ("termasuk {n} keluarga yang menunggu salur/gagal salur",
                           "including {n} households pending or failed distribution"),
    "cakupan_pending_C5": ("{n} KPM tanpa desil (belum diperingkat) dihitung terpisah",
                           "{n} KPM without a desil (not ranked) counted apart"),
    "cakupan_pending_C6": ("{n} KPM tak padan DTKS", "{n} KPM not matched to DTKS"),
    "cakupan_chart_title": ("{indicator}, {program}<br>per {level}, {period}",
                            "{indicator}, {program}<br>by {level}, {period}"),
    "cakupan_ref_kabupaten": ("Kabupaten {value}", "District {value}"),
    "cakupan_ref_provinsi": ("Provinsi {value}", "Province {value}"),
    "cakupan_ref_kecamatan": ("Kec. {name} {value}", "Sub-district {name} {value}"),
    "cakupan_hover": ("{name}: {pct} ({num} dari {den})", "{name}: {pct} ({num} of {den})"),
    "cakupan_table_title": ("Indikator C1-C6 per {level}, {period}", "Indicators C1-C6 by {level}, {period}"),
    "cakupan_table_dtks": ("C1-C4 Keluarga DTKS dan cakupannya", "C1-C4 DTKS households and their coverage"),
    "cakupan_table_recipients": ("C5-C6 Penerima program", "C5-C6 Programme recipients"),
    "cakupan_table_note": (
        "Kel. = keluarga; pddk = penduduk; KPM = keluarga penerima manfaat yang menerima (status salur) dan padan "
        "DTKS; menunggu = baris program hanya belum/gagal salur.",
        "hh. = households; pop. = population; KPM = beneficiary households that received (status salur), matched "
        "to DTKS; pending = programme rows only pending or failed."),
    "cakupan_total_kabupaten": ("KABUPATEN", "DISTRICT"),
    "cakupan_total_provinsi": ("PROVINSI", "PROVINCE"),
    "cakupan_total_kecamatan": ("KEC. {name}", "SUB-DISTRICT {name}"),
    "cakupan_col_wilayah": ("Wilayah", "Area"),
    # the C1-C4 table's headers are short: seven columns share a 1024-px screen (cakupan_table_note explains them)
    "cakupan_col_c1": ("C1 Individu", "C1 Persons"),
    "cakupan_col_keluarga": ("Kel. DTKS", "DTKS hh."),
    "cakupan_col_c2": ("C2 % pddk", "C2 % of pop."),
    "cakupan_col_eligible": ("Kel. layak", "Eligible hh."),
    "cakupan_col_c3": ("C3 Cakupan", "C3 Coverage"),
    "cakupan_col_kpm": ("KPM", "KPM"),
    "cakupan_col_pending": ("Menunggu", "Pending"),
    "cakupan_col_no_desil": ("Tanpa desil", "No desil"),
    "cakupan_col_unmatched_n": ("Baris tak padan", "Unmatched rows"),
    "cakupan_na": ("n/a", "n/a"),
    "cakupan_year": ("Tahun {tahun}", "Year {tahun}"),
    "cakupan_quarter": ("Triwulan/Tahap {q} {tahun}", "Quarter/Tahap {q} {tahun}"),
    "cakupan_month": ("{month} {tahun}", "{month} {tahun}"),
    "cakupan_lists_heading": ("Daftar tindak lanjut TKSK", "TKSK follow-up lists"),
    "cakupan_lists_prompt": (
        "Pilih kecamatan di filter samping untuk melihat dan mengunduh daftar nama tindak lanjut TKSK. "
        "Jumlah per kecamatan:",
        "Choose a sub-district in the side filter to see and download the TKSK follow-up lists of names. "
        "Counts per sub-district:",
    ),
    "cakupan_list_exclusion": ("Salah eksklusi", "Exclusion errors"),
    "cakupan_list_inclusion": ("Salah inklusi", "Inclusion errors"),
    "cakupan_list_unmatched": ("Tak padan DTKS", "Not matched to DTKS"),
    "cakupan_list_tab": ("{name} ({n})", "{name} ({n})"),
    "cakupan_list_preview": ("Menampilkan {shown} dari {n} baris; unduh Excel untuk daftar lengkap.",
                             "Showing {shown} of {n} rows; download the Excel file for the full list."),
    "cakupan_list_empty": ("Tidak ada nama pada daftar ini.", "No names on this list."),
    "cakupan_lists_role": ("Daftar nama (nama dan NIK tersamar) hanya dibuka untuk peran operator dan admin. "
                           "Jumlah nama per daftar:",
                           "The named lists (names and masked NIK) open for the operator and admin roles only. "
                           "Names per list:"),
    "cakupan_download": ("Unduh Excel: {name}", "Download Excel: {name}"),
    "cakupan_col_desa": ("Desa", "Village"),
    "cakupan_col_nik": ("NIK (disamarkan)", "NIK (masked)"),
    "cakupan_col_nama": ("Nama", "Name"),
    "cakupan_col_alasan": ("Alasan", "Reason"),
    "cakupan_reason_exclusion": (
        "Layak (desil {desil}) tetapi tidak menerima program apa pun",
        "Eligible (desil {desil}) but receives no programme",
    ),
    "cakupan_reason_exclusion_pending": (
        "Layak (desil {desil}); {programs} belum/gagal salur",
        "Eligible (desil {desil}); {programs} pending or failed",
    ),
    "cakupan_reason_nonaktif": ("Menerima {programs}; status DTKS nonaktif",
                                "Receives {programs}; inactive in DTKS"),
    "cakupan_reason_desil_di_atas": ("Menerima {programs}; desil {desil} di atas batas {cutoff}",
                                     "Receives {programs}; desil {desil} above cut-off {cutoff}"),
    "cakupan_reason_unmatched": ("Menerima {programs}; NIK/No. KK tidak ditemukan di DTKS",
                                 "Receives {programs}; NIK/No. KK not found in DTKS"),
    "cakupan_excel_title": ("{name} - Kec. {kecamatan} - {period} - {program}",
                            "{name} - Sub-district {kecamatan} - {period} - {program}"),
})



@dataclass(frozen=True)
class CakupanData:
    """Everything the Cakupan page shows for one choice of filters."""

    filters: Filters
    cutoff: int
    counts: pd.DataFrame              # C1/C2 per child wilayah (dtks_count_by_wilayah)
    coverage: pd.DataFrame            # C3-C6 per child wilayah (coverage_pct_by_wilayah)
    kabupaten: pd.DataFrame           # C3-C6 per kecamatan (for the kabupaten reference value)
    lists: dict[str, pd.DataFrame]    # follow-up lists of the selected kecamatan (empty without one)
    kecamatan_names: dict[str, str]   # code -> name of every kecamatan of the kabupaten
    base: str = ""                    # whose children the first level lists: the kabupaten, or a provinsi

    @property
    def level(self) -> str:
        """The children shown: desa of a kecamatan, kecamatan of a kab/kota, or a provinsi's kab/kota."""
        if self.filters.kecamatan:
            return "desa"
        return "kabupaten" if is_provinsi(self.base) else "kecamatan"

    @property
    def base_level(self) -> str:
        """What the reference line and the first total row stand for: ``provinsi`` or ``kabupaten``."""
        return "provinsi" if is_provinsi(self.base) else "kabupaten"

    @property
    def kecamatan_name(self) -> str:
        """Name of the selected kecamatan ('' for the whole kabupaten)."""
        kec = self.filters.kecamatan
        return self.kecamatan_names.get(kec, kec) if kec else ""


def _names(frame: pd.DataFrame) -> dict[str, str]:
    return dict(zip(frame["kode"], frame["nama"], strict=True))


def query_params(filters: Filters, cutoff: int, settings) -> dict[str, object]:
    """Span, programme and desil cut-offs: the one for P (or the default) and each programme's own, for C5."""
    own = {program: value for program, value in settings.desil_cutoff.items() if program != "default"}
    return {"tahun": filters.tahun, "periods": filters.periode_labels, "program": filters.program,
            "cutoff": cutoff, "cutoff_programs": list(own), "cutoff_values": list(own.values())}


def load_kecamatan_level(run: Callable[..., pd.DataFrame], filters: Filters, settings,
                         counts: pd.DataFrame | None = None) -> CakupanData:
    """Only the per-kecamatan figures (no desa drill, no lists): what the summary slide needs.

    ``counts`` (DTKS per kecamatan) may be passed in when already loaded: the snapshot does not depend on the period.
    """
    cutoff = settings.cutoff_for(filters.program) if filters.program else settings.cutoff_for("default")
    base = filters.kabupaten or settings.kabupaten
    if counts is None:
        counts = run("dtks_count_by_wilayah", parent=base, child_len=child_len(base))
    coverage = run("coverage_pct_by_wilayah", parent=base, child_len=child_len(base),
                   **query_params(filters, cutoff, settings))
    return CakupanData(filters, cutoff, counts, coverage, coverage, {}, _names(counts), base)


def load_cakupan(run: Callable[..., pd.DataFrame], filters: Filters, settings, with_lists: bool = True) -> CakupanData:
    """Run every query of the page: kabupaten level always, the drill level and, for a kecamatan, the follow-up
    lists (unless ``with_lists`` is False: the rakor slides show figures, never named lists)."""
    level = load_kecamatan_level(run, filters, settings)
    params = query_params(filters, level.cutoff, settings)
    kab_counts, kab_coverage = level.counts, level.kabupaten
    counts, coverage, lists = kab_counts, kab_coverage, {}
    if filters.kecamatan:
        kec = filters.kecamatan
        counts = run("dtks_count_by_wilayah", parent=kec, child_len=DESA_LEN)
        coverage = run("coverage_pct_by_wilayah", parent=kec, child_len=DESA_LEN, **params)
    if filters.kecamatan and with_lists:
        span = {"kecamatan": kec, "tahun": filters.tahun, "periods": filters.periode_labels}
        lists = {
            "exclusion": run("followup_exclusion_by_desa", cutoff=level.cutoff, **span),
            "inclusion": run("followup_inclusion_by_desa", kecamatan=kec, **params),
            "unmatched": run("followup_unmatched_by_desa", program=filters.program, **span),
        }
    return CakupanData(filters, level.cutoff, counts, coverage, kab_coverage, lists, _names(kab_counts), level.base)


# ---- words -------------------------------------------------------------------------------------------------

def period_text(filters: Filters, lang: str = "id") -> str:
    """``Tahun 2026``, ``Triwulan/Tahap 2 2026`` or ``Mei 2026``."""
    if filters.granularity == QUARTER and filters.period:
        return t("cakupan_quarter", lang, q=filters.period, tahun=filters.tahun)
    if filters.granularity == MONTH and filters.period:
        month = month_name(filters.period, lang)
        return t("cakupan_month", lang, month=month, tahun=filters.tahun)
    return t("cakupan_year", lang, tahun=filters.tahun)


def program_text(data: CakupanData, lang: str = "id") -> str:
    """``program PKH (layak = desil 1-4)`` or ``semua program (layak = desil 1-4)``."""
    program = data.filters.program
    name = t("cakupan_program", lang, program=program) if program else t("cakupan_all_programs", lang)
    return f"{name} ({t('cakupan_cutoff', lang, cutoff=data.cutoff)})"


def indicator_name(key: str, lang: str = "id") -> str:
    return t(f"cakupan_{key}", lang)


def _ratio_pct(frame: pd.DataFrame, indicator: Indicator) -> float | None:
    """Numerators over denominators summed over the rows (the parent's own value)."""
    den = frame[indicator.denominator].sum() if not frame.empty else 0
    return None if den == 0 else 100.0 * frame[indicator.numerator].sum() / den


def kabupaten_value(data: CakupanData, key: str) -> float | None:
    return _ratio_pct(data.kabupaten, INDICATORS[key])


def _scope_rows(data: CakupanData) -> pd.DataFrame:
    """Per-kecamatan rows of what the filters select: the chosen kecamatan, else the whole kabupaten."""
    rows = data.kabupaten
    if data.filters.kecamatan and not rows.empty:
        rows = rows[rows["kode"] == data.filters.kecamatan]
    return rows


def scope_value(data: CakupanData, key: str) -> float | None:
    """The indicator for what the filters select: the chosen kecamatan, else the whole kabupaten."""
    rows = _scope_rows(data)
    return _ratio_pct(rows, INDICATORS[key]) if not rows.empty else None


# Households an indicator leaves out of its ratio or folds into it, said next to the figure so no one is hidden.
SIDE_COUNTS = {"C3": "n_eligible_pending", "C4": "n_excluded_pending", "C5": "n_no_desil", "C6": "n_unmatched_kpm"}


def side_note(data: CakupanData, key: str, lang: str = "id") -> str | None:
    """``+68 keluarga layak menunggu salur/gagal salur`` for the selected scope; None when there are none."""
    n = int(_scope_rows(data)[SIDE_COUNTS[key]].sum())
    return t(f"cakupan_pending_{key}", lang, n=format_number(n)) if n else None


def definition(key: str, lang: str = "id") -> str:
    """The indicator's rule in one line (docs/INDICATORS.md says it in full)."""
    return t(f"cakupan_def_{key}", lang)


# ---- figure ------------------------------------------------------------------------------------------------

def _reference_lines(fig: go.Figure, data: CakupanData, indicator: Indicator, lang: str) -> None:
    refs = [(_ratio_pct(data.kabupaten, indicator), "dash",
             lambda v: t(f"cakupan_ref_{data.base_level}", lang, value=format_pct(v)))]
    if data.filters.kecamatan:
        name = data.kecamatan_name
        refs.append((_ratio_pct(data.coverage, indicator), "dot",
                     lambda v: t("cakupan_ref_kecamatan", lang, name=name, value=format_pct(v))))
    for i, (value, dash, label) in enumerate(refs):
        if value is None:
            continue
        fig.add_vline(x=value, line={"color": "#111111", "width": 3, "dash": dash})
        fig.add_annotation(x=value, y=1.0, yref="paper", yanchor="bottom", yshift=4 + 28 * i,
                           text=f"<b>{label(value)}</b>", showarrow=False, xanchor="left", font={"size": 18},
                           bgcolor="rgba(255,255,255,0.85)")


def indicator_bar(data: CakupanData, key: str, lang: str = "id") -> go.Figure:
    """Sorted horizontal bars of one indicator per wilayah, best at the top, parent value(s) as lines."""
    indicator = INDICATORS[key]
    frame = data.coverage.dropna(subset=[indicator.pct])
    frame = frame.sort_values(indicator.pct, ascending=not indicator.higher_is_better)
    frame = frame.iloc[::-1]  # plotly draws the first category at the bottom
    labels = [format_pct(v) for v in frame[indicator.pct]]
    hover = [t("cakupan_hover", lang, name=plotly_text(n), pct=p, num=format_number(a), den=format_number(b))
             for n, p, a, b in zip(frame["nama"], labels, frame[indicator.numerator], frame[indicator.denominator],
                                   strict=True)]
    color = theme.PALETTE[2] if indicator.higher_is_better else theme.PALETTE[3]
    names = [plotly_text(n) for n in frame["nama"]]
    fig = go.Figure(go.Bar(x=frame[indicator.pct], y=names, orientation="h", text=labels,
                           textposition="outside", cliponaxis=False, marker_color=color, hovertext=hover,
                           hoverinfo="text", textfont={"size": 18}))
    title = t("cakupan_chart_title", lang, indicator=indicator_name(key, lang), program=program_text(data, lang),
              level=t(f"level_{data.level}", lang), period=period_text(data.filters, lang))
    right = 1.18 * max([*frame[indicator.pct].tolist(), kabupaten_value(data, key) or 0, 1.0])
    fig.update_layout(template="rakor", height=max(460, 240 + 34 * len(frame)),
                      xaxis={"range": [0, right], "ticksuffix": "%", "automargin": True},
                      yaxis={"automargin": True}, margin={"r": 40, "b": 50}, showlegend=False)
    _reference_lines(fig, data, indicator, lang)
    for note in fig.layout.annotations:  # a note on the right half ends at its line, so it stays inside the chart
        note.xanchor = "right" if note.x > right / 2 else "left"
    # the title stands clear of the selector above the chart, with the notes of the lines between it and the bars
    theme.set_title(fig, title, below=12 + 28 * len(fig.layout.annotations), left=True)
    return fig


# ---- tables ------------------------------------------------------------------------------------------------

def _total_row(counts: pd.DataFrame, coverage: pd.DataFrame, label: str) -> dict[str, object]:
    row: dict[str, object] = {"nama": label}
    for column in ("n_individu", "n_keluarga", "n_penduduk"):
        row[column] = counts[column].sum(min_count=1) if column in counts else None
    if counts["n_penduduk"].isna().any():
        row["n_penduduk"] = None  # a partial population total would overstate the share
    row["dtks_share_pct"] = (100.0 * row["n_individu"] / row["n_penduduk"]) if row["n_penduduk"] else None
    for column in ("n_eligible", "n_kpm", "n_kpm_pending", "n_no_desil", "n_unmatched"):
        row[column] = coverage[column].sum()
    for indicator in INDICATORS.values():
        row[indicator.pct] = _ratio_pct(coverage, indicator)
    return row


def _table_rows(data: CakupanData, lang: str) -> pd.DataFrame:
    """Counts and indicators per child wilayah, the parent's total row first."""
    merged = data.counts.merge(data.coverage.drop(columns=["nama"]), on="kode", how="left")
    if data.filters.kecamatan:
        label = t("cakupan_total_kecamatan", lang, name=data.kecamatan_name.upper())
    else:
        label = t(f"cakupan_total_{data.base_level}", lang)
    return pd.concat([pd.DataFrame([_total_row(data.counts, data.coverage, label)]), merged], ignore_index=True)


# The C1-C6 table is two tables, so each fits a 1024-px projector: the DTKS side (C1-C4: people and households,
# the eligible ones and how many of them a programme reaches) and the recipients' side (C5-C6). Each has the counts
# its percentages are read against.

def coverage_table(data: CakupanData, lang: str = "id") -> pd.DataFrame:
    """C1-C4 per child wilayah plus the parent's total row first; headers translated, numbers formatted."""
    rows = _table_rows(data, lang)
    na = t("cakupan_na", lang)
    return translated({
        "cakupan_col_c1": rows["n_individu"].map(format_number),
        "cakupan_col_keluarga": rows["n_keluarga"].map(format_number),
        "cakupan_col_c2": rows["dtks_share_pct"].map(lambda v: format_pct(v) if pd.notna(v) else na),
        "cakupan_col_eligible": rows["n_eligible"].map(format_number),
        "cakupan_col_c3": rows["coverage_pct"].map(format_pct),
        "cakupan_C4": rows["exclusion_pct"].map(format_pct),
    }, rows["nama"], "cakupan_col_wilayah", lang)


def recipients_table(data: CakupanData, lang: str = "id") -> pd.DataFrame:
    """C5-C6 per child wilayah plus the parent's total row first: the recipients' side of the C1-C6 table."""
    rows = _table_rows(data, lang)
    return translated({
        "cakupan_col_kpm": rows["n_kpm"].map(format_number),
        "cakupan_col_pending": rows["n_kpm_pending"].map(format_number),
        "cakupan_col_no_desil": rows["n_no_desil"].map(format_number),
        "cakupan_C5": rows["inclusion_pct"].map(format_pct),
        "cakupan_C6": rows["unmatched_pct"].map(format_pct),
        "cakupan_col_unmatched_n": rows["n_unmatched"].map(format_number),
    }, rows["nama"], "cakupan_col_wilayah", lang)


def followup_counts_table(data: CakupanData, lang: str = "id") -> pd.DataFrame:
    """Without a kecamatan: how many names each kecamatan's three lists would hold."""
    frame = data.coverage
    return pd.DataFrame({
        t("cakupan_col_wilayah", lang): frame["nama"],
        t("cakupan_list_exclusion", lang): frame["n_excluded"].map(format_number),
        t("cakupan_list_inclusion", lang): frame["n_inclusion"].map(format_number),
        t("cakupan_list_unmatched", lang): frame["n_unmatched"].map(format_number),
    }).set_index(t("cakupan_col_wilayah", lang))


def _reasons(kind: str, frame: pd.DataFrame, lang: str) -> list[str]:
    if kind == "exclusion":
        return [t("cakupan_reason_exclusion_pending" if isinstance(p, str) else "cakupan_reason_exclusion", lang,
                  desil=int(d), programs=p) for d, p in zip(frame["desil"], frame["pending_programs"], strict=True)]
    if kind == "unmatched":
        return [t("cakupan_reason_unmatched", lang, programs=p) for p in frame["programs"]]
    return [t(f"cakupan_reason_{code}", lang, programs=p, desil="" if pd.isna(d) else int(d), cutoff=int(c))
            for code, p, d, c in zip(frame["reason_code"], frame["programs"], frame["desil"], frame["cutoff"],
                                     strict=True)]


def followup_table(data: CakupanData, kind: str, lang: str = "id") -> pd.DataFrame:
    """A follow-up list as the TKSK sees it: desa, masked NIK, name, reason (nothing else leaves the office)."""
    frame = data.lists[kind]
    return pd.DataFrame({
        t("cakupan_col_desa", lang): frame["nama_desa"].tolist(),
        t("cakupan_col_nik", lang): frame["nik_mask"].tolist(),
        t("cakupan_col_nama", lang): frame["nama"].tolist(),
        t("cakupan_col_alasan", lang): _reasons(kind, frame, lang),
    })


def followup_file_name(data: CakupanData, kind: str) -> str:
    """``cakupan_salah_eksklusi_kec_sukapura_2026_triwulan_2.xlsx``: list, kecamatan and period in the name."""
    f = data.filters
    period = str(f.tahun) + (f"_{f.granularity}_{f.period}" if f.period else "")
    program = f"_{f.program}" if f.program else ""
    name = t(f"cakupan_list_{kind}", "id")
    slug = re.sub(r"[^a-z0-9]+", "_", f"cakupan {name} kec {data.kecamatan_name} {period}{program}".lower()).strip("_")
    return f"{slug}.xlsx"


def followup_xlsx(table: pd.DataFrame, title: str) -> bytes:
    """The list as an .xlsx built in memory: a title row, then the table with text columns wide enough. Every cell
    goes through the exports' one rule (``put_cell``): a name beginning with ``=`` stays text, never a formula."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Daftar"
    put_cell(sheet["A1"], title)
    sheet["A1"].font = Font(bold=True, size=13)
    for column, name in enumerate(table.columns, start=1):
        put_cell(sheet.cell(3, column), str(name))
        sheet.cell(3, column).font = Font(bold=True)
    for row, values in enumerate(table.itertuples(index=False), start=4):
        for column, value in enumerate(values, start=1):
            put_cell(sheet.cell(row, column), value.item() if hasattr(value, "item") else value)
    for letter, width in zip("ABCD", (22, 20, 32, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def excel_title(data: CakupanData, kind: str, lang: str = "id") -> str:
    return t("cakupan_excel_title", lang, name=t(f"cakupan_list_{kind}", lang), kecamatan=data.kecamatan_name,
             period=period_text(data.filters, lang), program=program_text(data, lang))
