"""The Perencanaan page as a workbook for Bappeda: one sheet per figure, and the priority sheet with its inputs, its
weights and the composite as live Excel formulas, so a planner can check the ranking and try other weights.

Like the deck's XLSX (``dashboard/exports/xlsx.py``): numbers stored as numbers with Indonesian display formats,
percentages as the page holds them (45.6 shows 45,6%), counts of 1-4 people stored as the text "<5", text from the
data always text (``put_cell``). The priority formulas are those of ``dashboard/views/perencanaan/prioritas.py``:
each input scaled to 0-100 by min-max across the listed wilayah (target attainment reversed), a missing input 0,
the score the weighted mean, the rank by score then by name.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dashboard.exports.cells import put_cell
from dashboard.exports.slidetext import NUMBER_FORMATS, SUPPRESSED, long_date, number
from dashboard.exports.xlsx import BOLD, HEADER_FILL, HEADER_FONT, print_setup
from dashboard.i18n import register, t
from dashboard.slides.model import COUNT, PCT, RUPIAH
from dashboard.views import cakupan
from dashboard.views.perencanaan import PerencanaanData, keluaran, prioritas, spm
from dashboard.views.perencanaan.scope import SMALL

register({
    "perencanaan_download": ("Unduh Excel perencanaan", "Download the planning workbook"),
    "perencanaan_xlsx_title": ("Perencanaan {wilayah}, {period}", "Planning {wilayah}, {period}"),
    "perencanaan_xlsx_made": ("Dibuat {date}; filter: {filters}", "Made {date}; filters: {filters}"),
    "perencanaan_sheet_prioritas": ("Prioritas", "Priorities"),
    "perencanaan_sheet_keluaran": ("Anggaran ke keluaran", "Budget to output"),
    "perencanaan_sheet_spm": ("SPM", "SPM"),
    "perencanaan_sheet_sasaran": ("Ketepatan sasaran per desa", "Targeting by village"),
    "perencanaan_sheet_beban": ("Beban kerja", "Caseload"),
    "perencanaan_xlsx_weights": ("Bobot (ubah untuk menghitung ulang) →", "Weights (change to recompute) →"),
    "perencanaan_xlsx_formula": (
        "Skor masukan = (nilai - MIN) / (MAX - MIN) × 100 di antara {level} (capaian: (MAX - nilai) / (MAX - MIN)); "
        "kosong = 0. Skor prioritas = SUMPRODUCT(skor; bobot) / SUM(bobot). Peringkat: skor tertinggi = 1, sama "
        "skor menurut nama.",
        "Input score = (value - MIN) / (MAX - MIN) × 100 among the {level} (attainment: (MAX - value) / (MAX - MIN)); "
        "empty = 0. Priority score = SUMPRODUCT(scores; weights) / SUM(weights). Rank: highest score = 1, equal "
        "scores by name."),
    "perencanaan_xlsx_score_of": ("Skor {name}", "Score {name}"),
    "perencanaan_xlsx_screen_score": ("Skor di dasbor", "Score on the dashboard"),
    "perencanaan_xlsx_screen_rank": ("Peringkat di dasbor", "Rank on the dashboard"),
    "perencanaan_col_pagu": ("Pagu (Rp)", "Budget (Rp)"),
    "perencanaan_col_level": ("Tingkat", "Level"),
    "perencanaan_col_realisasi_prev": ("Realisasi tahun lalu (Rp)", "Spent last year (Rp)"),
    "perencanaan_col_jumlah_prev": ("Keluaran tahun lalu", "Output last year"),
    "perencanaan_col_eligible": ("Keluarga layak", "Eligible households"),
    "perencanaan_col_excluded": ("Salah eksklusi", "Excluded"),
    "perencanaan_col_kpm_ranked": ("KPM berdesil/nonaktif", "KPM ranked or inactive"),
    "perencanaan_col_inclusion": ("Salah inklusi", "Wrongly included"),
    "perencanaan_col_per_tksk_prev": ("PPKS/TKSK tahun lalu", "PPKS/TKSK last year"),
})

HEADER = 5          # the header row of every figure sheet: title, two lines of context, a blank row above it
FIRST = HEADER + 1
DECIMAL = "[$-421]#,##0.0"


def file_name(data: PerencanaanData) -> str:
    """``perencanaan-35.13-2026.xlsx`` (``-35.13.01`` with a kecamatan chosen)."""
    f = data.scope.filters
    return "-".join(p for p in ("perencanaan", f.area or data.scope.base, str(f.tahun),
                                f"{f.granularity}{f.period}" if f.period else "") if p) + ".xlsx"


def workbook(data: PerencanaanData, weights: Mapping[str, float], lang: str = "id",
             today: dt.date | None = None) -> bytes:
    """The workbook as bytes (the page's download; tests write them to a file)."""
    book = Workbook()
    contents = book.active
    contents.title = t("xlsx_contents", lang)
    sheets = [
        (_prioritas, "perencanaan_sheet_prioritas", weights),
        (_keluaran, "perencanaan_sheet_keluaran", None),
        (_spm, "perencanaan_sheet_spm", None),
        (_sasaran, "perencanaan_sheet_sasaran", None),
        (_beban, "perencanaan_sheet_beban", None),
    ]
    names = []
    for write, key, extra in sheets:
        sheet = book.create_sheet(t(key, lang))
        write(sheet, data, lang, *(() if extra is None else (extra,)))
        sheet.freeze_panes = sheet.cell(FIRST, 1)
        print_setup(sheet)
        names.append(sheet.title)
    _contents(contents, data, names, lang, today or dt.date.today())
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---- cells -------------------------------------------------------------------------------------------------

def _people(value: object) -> object:
    """A count of people as the page shows it: 1-4 as "<5" (never the number behind it)."""
    amount = number(value)
    return SUPPRESSED if amount is not None and int(amount) in SMALL else amount


def _heading(sheet, title: str, lines: list[str], columns: list[str]) -> None:
    put_cell(sheet.cell(1, 1), title)
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    for row, text in enumerate(lines, start=2):
        put_cell(sheet.cell(row, 1), text)
    for c, name in enumerate(columns, start=1):
        cell = sheet.cell(HEADER, c)
        put_cell(cell, name)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(c)].width = min(max(len(name) * 0.6, 10) + 4, 48)


def _rows(sheet, values: list[list[object]], formats: list[str | None]) -> None:
    for r, row in enumerate(values, start=FIRST):
        for c, (value, number_format) in enumerate(zip(row, formats, strict=True), start=1):
            put_cell(sheet.cell(r, c), value, number_format)


def _filters_text(data: PerencanaanData, lang: str) -> str:
    f = data.scope.filters
    parts = [cakupan.period_text(f, lang), f.kabupaten or "", f.kecamatan or "", f.program or ""]
    return " · ".join(p for p in parts if p)


# ---- sheets ------------------------------------------------------------------------------------------------

def _prioritas(sheet, data: PerencanaanData, lang: str, weights: Mapping[str, float]) -> None:
    """Inputs in C:F, each score a formula in G:J, the weights in G4:J4, the score and the rank as formulas; the
    dashboard's own score and rank beside them for comparison."""
    ranked = prioritas.composite(data.inputs, weights)
    level = data.scope.level_word(lang)
    inputs = [t(f"perencanaan_input_{i.key}", lang, cutoff=data.cutoff) for i in prioritas.INPUTS]
    shorts = [t(f"perencanaan_short_{i.key}", lang, cutoff=data.cutoff) for i in prioritas.INPUTS]
    columns = [t("perencanaan_col_kode", lang), t("perencanaan_col_wilayah", lang), *inputs,
               *[t("perencanaan_xlsx_score_of", lang, name=s) for s in shorts], t("perencanaan_col_skor", lang),
               t("perencanaan_col_rank", lang), t("perencanaan_xlsx_screen_score", lang),
               t("perencanaan_xlsx_screen_rank", lang)]
    _heading(sheet, t("perencanaan_prioritas_title", lang, tahun=data.scope.filters.tahun + 1, level=level,
                      weights=prioritas.weights_text(weights, lang, data.cutoff)).replace("<br>", ", "),
             [t("perencanaan_xlsx_formula", lang, level=level), _filters_text(data, lang)], columns)
    put_cell(sheet.cell(HEADER - 1, 6), t("perencanaan_xlsx_weights", lang))
    sheet.cell(HEADER - 1, 6).font = BOLD
    for offset, item in enumerate(prioritas.INPUTS):
        put_cell(sheet.cell(HEADER - 1, 7 + offset), float(weights[item.key]), DECIMAL)
    last = FIRST + len(ranked) - 1
    for r, row in enumerate(ranked.itertuples(index=False), start=FIRST):
        values = [row.kode, row.nama, *[number(getattr(row, i.column)) for i in prioritas.INPUTS]]
        for c, value in enumerate(values, start=1):
            put_cell(sheet.cell(r, c), value, DECIMAL if c > 2 else None)
        for offset, item in enumerate(prioritas.INPUTS):
            source = get_column_letter(3 + offset)
            cells = f"{source}${FIRST}:{source}${last}"
            spread = f"(MAX({cells})-MIN({cells}))"
            scaled = (f"({source}{r}-MIN({cells}))" if item.higher_is_need else f"(MAX({cells})-{source}{r})")
            formula = (f"=IF(ISNUMBER({source}{r}),IF(MAX({cells})=MIN({cells}),0,{scaled}/{spread}*100),0)")
            _formula(sheet.cell(r, 7 + offset), formula)
        _formula(sheet.cell(r, 11), f"=SUMPRODUCT(G{r}:J{r},$G${HEADER - 1}:$J${HEADER - 1})"
                                    f"/SUM($G${HEADER - 1}:$J${HEADER - 1})")
        _formula(sheet.cell(r, 12), f"=RANK(K{r},$K${FIRST}:$K${last},0)"
                                    f"+COUNTIFS($K${FIRST}:$K${last},K{r},$B${FIRST}:$B${last},\"<\"&B{r})")
        put_cell(sheet.cell(r, 13), float(row.skor), DECIMAL)
        put_cell(sheet.cell(r, 14), int(row.rank))


def _formula(cell, formula: str) -> None:
    """A formula the workbook writes itself (never data text: that goes through ``put_cell``)."""
    cell.value = formula
    cell.number_format = DECIMAL


def _keluaran(sheet, data: PerencanaanData, lang: str) -> None:
    budget = data.keluaran
    keys = ("kode", "anggaran", "level", "ukuran", "pagu", "realisasi", "jumlah", "biaya", "realisasi_prev",
            "jumlah_prev", "biaya_prev", "tanda")
    columns = [t(f"perencanaan_col_{k}", lang) for k in keys]
    title = keluaran.title(budget, lang) if budget.bulan else t("perencanaan_no_budget", lang, tahun=budget.tahun)
    _heading(sheet, title, [keluaran.definition(budget, lang), _filters_text(data, lang)], columns)
    if budget.rows.empty:
        return
    rp, count = NUMBER_FORMATS[RUPIAH], NUMBER_FORMATS[COUNT]
    rows = [[r["kode"] or "-", r["uraian"] if isinstance(r["uraian"], str) else keluaran.line_name(r, lang),
             keluaran.level_name(r["n_segments"], lang) if r["kode"] else "-", keluaran.measure_name(r["ukuran"], lang),
             number(r["pagu_rp"]), number(r["realisasi_rp"]), number(r["n_output"]), number(r["biaya_per_penerima_rp"]),
             number(r["realisasi_prev_rp"]), number(r["n_output_prev"]), number(r["biaya_per_penerima_prev_rp"]),
             keluaran.flag_text(r, lang) or None]
            for _, r in budget.rows.iterrows()]
    _rows(sheet, rows, [None, None, None, None, rp, rp, count, rp, rp, count, rp, None])
    sheet.column_dimensions["B"].width = 60


def _spm(sheet, data: PerencanaanData, lang: str) -> None:
    scope = data.scope
    columns = [t(k, lang) for k in ("perencanaan_col_kode", "perencanaan_col_wilayah", "perencanaan_col_spm",
                                    "perencanaan_col_butuh", "perencanaan_col_dilayani")]
    columns += [t("perencanaan_col_capaian", lang, tahun=y) for y in (scope.filters.tahun, scope.filters.tahun - 1)]
    _heading(sheet, t("perencanaan_spm_table", lang, level=scope.level_word(lang), period=scope.period_text(lang)),
             [spm.definition(scope, lang), _filters_text(data, lang)], columns)
    total = spm.summary(data.spm)
    rows = [[scope.base, scope.total_label(lang), t(f"perencanaan_{r.spm}", lang), _people(r.n_butuh),
             _people(r.n_dilayani), number(r.capaian_pct), number(r.capaian_prev_pct)]
            for r in total.itertuples(index=False)]
    rows += [[r.kode, r.nama, t(f"perencanaan_{r.spm}", lang), _people(r.n_butuh), _people(r.n_dilayani),
              number(r.capaian_pct), number(r.capaian_prev_pct)] for r in data.spm.itertuples(index=False)]
    count, pct = NUMBER_FORMATS[COUNT], NUMBER_FORMATS[PCT]
    _rows(sheet, rows, [None, None, None, count, count, pct, pct])


def _sasaran(sheet, data: PerencanaanData, lang: str) -> None:
    columns = [t(k, lang) for k in ("perencanaan_col_rank", "perencanaan_col_kode", "perencanaan_col_desa",
                                    "perencanaan_col_kecamatan", "perencanaan_col_verval", "perencanaan_col_eligible",
                                    "perencanaan_col_excluded", "cakupan_C4", "perencanaan_col_c4_change",
                                    "perencanaan_col_kpm_ranked", "perencanaan_col_inclusion", "cakupan_C5",
                                    "perencanaan_col_c5_change")]
    program = data.scope.filters.program or t("cakupan_all_programs", lang)
    _heading(sheet, t("perencanaan_sasaran_title", lang, program=program,
                      period=cakupan.period_text(data.scope.filters, lang)),
             [t("perencanaan_def_sasaran", lang), _filters_text(data, lang)], columns)
    names = data.kecamatan_names
    rows = [[int(r.rank), r.kode, r.nama, names.get(r.kode[:8], r.kode[:8]), _people(r.n_verval),
             _people(r.n_eligible), _people(r.n_excluded), number(r.exclusion_pct), number(r.c4_change_pp),
             _people(r.n_kpm_ranked), _people(r.n_inclusion), number(r.inclusion_pct), number(r.c5_change_pp)]
            for r in data.sasaran.rows.itertuples(index=False)]
    count, pct = NUMBER_FORMATS[COUNT], NUMBER_FORMATS[PCT]
    _rows(sheet, rows, [None, None, None, None, count, count, count, pct, DECIMAL, count, count, pct, DECIMAL])


def _beban(sheet, data: PerencanaanData, lang: str) -> None:
    scope = data.scope
    columns = [t(k, lang) for k in ("perencanaan_col_kode", "perencanaan_col_wilayah", "perencanaan_col_ppks",
                                    "perencanaan_col_tksk", "perencanaan_col_per_tksk", "perencanaan_col_lks_psm",
                                    "perencanaan_col_per_lks_psm", "perencanaan_col_per_tksk_prev")]
    _heading(sheet, t("perencanaan_tab_beban", lang) + f" {scope.filters.tahun}",
             [t("perencanaan_def_beban", lang, tahun=scope.filters.tahun), _filters_text(data, lang)], columns)
    rows = [[r.kode, r.nama, _people(r.n_ppks), number(r.n_tksk), number(r.ppks_per_tksk), number(r.n_lks_psm),
             number(r.ppks_per_lks_psm), number(r.ppks_per_tksk_prev)] for r in data.beban.itertuples(index=False)]
    count = NUMBER_FORMATS[COUNT]
    _rows(sheet, rows, [None, None, count, count, DECIMAL, count, DECIMAL, DECIMAL])


def _contents(sheet, data: PerencanaanData, names: list[str], lang: str, today: dt.date) -> None:
    put_cell(sheet.cell(1, 1), t("perencanaan_xlsx_title", lang, wilayah=data.scope.base,
                                 period=data.scope.period_text(lang)))
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    put_cell(sheet.cell(2, 1), t("perencanaan_xlsx_made", lang, date=long_date(today, lang),
                                 filters=_filters_text(data, lang)))
    for row, name in enumerate(names, start=4):
        put_cell(sheet.cell(row, 1), name)
    sheet.column_dimensions["A"].width = 40

