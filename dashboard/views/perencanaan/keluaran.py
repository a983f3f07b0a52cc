"""Budget to output: per configured SIPD code prefix ([keluaran] in rakor.toml) its realisation against the output
its measure counts, cost per beneficiary and its change against the same month last year, and the two flags.

Numbers come from ``queries/perencanaan_keluaran_by_kode.sql``; the budget has no wilayah, so the kab/kota and
kecamatan filters do not apply here (the page says so)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.filters import Filters, periode_labels
from dashboard.formatting import format_number, format_rupiah, month_name
from dashboard.i18n import register, t
from dashboard.views.perencanaan.scope import NONE, change_pct, signed_pct
from dashboard.views.tables import translated

LEVELS = {3: "program", 5: "kegiatan", 6: "sub_kegiatan"}
FLAG = "✗ "
UNIT_WIDTH = 36  # characters of a budget line's name kept in the table, so eight columns fit 1024 px

register({
    "perencanaan_ukuran_kpm": ("KPM tersalur", "KPM served"),
    "perencanaan_ukuran_ppks_dilayani": ("PPKS dilayani", "PPKS served"),
    "perencanaan_ukuran_kasus_selesai": ("Kasus selesai", "Cases closed"),
    "perencanaan_ukuran_laporan_tksk": ("Laporan TKSK", "TKSK reports"),
    "perencanaan_ukuran_keluarga_diverval": ("Keluarga diverval", "Households verified"),
    "perencanaan_ukuran_": ("(penunjang, tanpa keluaran)", "(support, no output)"),
    "perencanaan_ukuran_none": ("(belum dipetakan)", "(not mapped)"),
    "perencanaan_level_program": ("program", "programme"),
    "perencanaan_level_kegiatan": ("kegiatan", "activity"),
    "perencanaan_level_sub_kegiatan": ("sub kegiatan", "sub-activity"),
    "perencanaan_unmapped": ("Baris anggaran tanpa pemetaan keluaran", "Budget lines without an output mapping"),
    "perencanaan_no_line": ("(tidak ada baris anggaran)", "(no budget line)"),
    "perencanaan_flag_tanpa_output": ("dana terserap tanpa keluaran", "money spent, no output"),
    "perencanaan_flag_tanpa_anggaran": ("keluaran tanpa anggaran", "output without budget"),
    "perencanaan_flag_note": ("✗ = dana terserap tanpa keluaran atau keluaran tanpa anggaran (rinciannya di atas "
                              "tabel).", "✗ = money spent with no output, or output with no budget (detailed above "
                              "the table)."),
    "perencanaan_flag_line": ("{flag}: {kode} {name} ({real}; {output} {measure})",
                              "{flag}: {kode} {name} ({real}; {output} {measure})"),
    "perencanaan_col_kode": ("Kode", "Code"),
    "perencanaan_col_uraian": ("Kode, program / kegiatan / sub kegiatan", "Code, programme / activity / sub-activity"),
    "perencanaan_col_anggaran": ("Program / kegiatan / sub kegiatan", "Programme / activity / sub-activity"),
    "perencanaan_col_ukuran": ("Keluaran", "Output"),
    "perencanaan_col_realisasi": ("Realisasi (Rp)", "Spent (Rp)"),
    "perencanaan_col_jumlah": ("Jumlah keluaran", "Output count"),
    "perencanaan_col_biaya": ("Biaya per penerima (Rp)", "Cost per beneficiary (Rp)"),
    "perencanaan_col_biaya_prev": ("Tahun lalu (Rp)", "Last year (Rp)"),
    "perencanaan_col_biaya_change": ("vs tahun lalu", "vs last year"),
    "perencanaan_col_tanda": ("Tanda", "Flag"),
    "perencanaan_keluaran_title": ("Anggaran ke keluaran, s.d. {month} {tahun} (LRA SIPD)",
                                   "Budget to output, up to {month} {tahun} (SIPD LRA)"),
    "perencanaan_def_keluaran": (
        "Biaya per penerima = realisasi kumulatif baris anggaran yang dipetakan / keluaran Januari s.d. {month} "
        "(pemetaan [keluaran] di rakor.toml, awalan kode terpanjang); dibanding bulan yang sama tahun lalu. "
        "Anggaran dinas tidak per wilayah: filter kab/kota dan kecamatan tidak berlaku.",
        "Cost per beneficiary = cumulative spending of the mapped budget lines / output January to {month} "
        "([keluaran] mapping in rakor.toml, longest code prefix); against the same month last year. The office "
        "budget has no area: the district and sub-district filters do not apply."),
    "perencanaan_no_budget": ("LRA SIPD tahun {tahun} belum diimpor: anggaran ke keluaran tidak dapat dihitung.",
                              "No SIPD LRA of {tahun} imported: budget to output cannot be computed."),
})


@dataclass(frozen=True)
class KeluaranData:
    """The budget-to-output rows of one year as of one month (empty without an LRA)."""

    tahun: int
    bulan: int | None
    rows: pd.DataFrame

    @property
    def flagged(self) -> pd.DataFrame:
        return self.rows[self.rows["tanpa_output"] | self.rows["tanpa_anggaran"]]


def mapping_params(settings) -> dict[str, list]:
    """``[keluaran]`` as the query's parallel lists: one entry per (prefix, counted category or programme)."""
    prefixes, measures, values = [], [], []
    for prefix, output in settings.keluaran.items():
        for value in output.saring or (None,):
            prefixes.append(prefix)
            measures.append(output.ukuran)
            values.append(value)
    return {"prefixes": prefixes, "ukuran": measures, "saring": values}


def load_keluaran(run: Callable[..., pd.DataFrame], filters: Filters, settings) -> KeluaranData:
    """As of the last LRA month up to the filter's last month (the Anggaran page's as-of month)."""
    as_of = run("absorption_yoy_by_bidang", tahun=filters.tahun, bulan=filters.months[1])
    bulan = None if as_of.empty or pd.isna(as_of["bulan"].iloc[0]) else int(as_of["bulan"].iloc[0])
    if bulan is None:
        return KeluaranData(filters.tahun, None, pd.DataFrame())
    spans = {"periods": periode_labels(filters.tahun, 1, bulan),
             "periods_prev": periode_labels(filters.tahun - 1, 1, bulan)}
    rows = run("perencanaan_keluaran_by_kode", tahun=filters.tahun, bulan=bulan, **spans, **mapping_params(settings))
    rows["biaya_change_pct"] = [change_pct(a, b) for a, b in
                                zip(rows["biaya_per_penerima_rp"], rows["biaya_per_penerima_prev_rp"], strict=True)]
    return KeluaranData(filters.tahun, bulan, rows)


def measure_name(ukuran: object, lang: str = "id") -> str:
    return t(f"perencanaan_ukuran_{'none' if ukuran is None or pd.isna(ukuran) else ukuran}", lang)


def level_name(n_segments: int, lang: str = "id") -> str:
    return t(f"perencanaan_level_{LEVELS.get(int(n_segments), 'sub_kegiatan')}", lang)


def line_name(row, lang: str = "id") -> str:
    """The LRA's own name of the code, or what the row is when the LRA has none."""
    if row["kode"] == "":
        return t("perencanaan_unmapped", lang)
    name = row["uraian"] if isinstance(row["uraian"], str) and row["uraian"] else t("perencanaan_no_line", lang)
    return name if len(name) <= UNIT_WIDTH else name[:UNIT_WIDTH - 1].rstrip() + "…"


def flag_text(row, lang: str = "id") -> str:
    flags = [t(f"perencanaan_flag_{key}", lang) for key in ("tanpa_output", "tanpa_anggaran") if row[key]]
    return "; ".join(flags)


def flag_lines(data: KeluaranData, lang: str = "id") -> list[str]:
    """One line per flagged row: what was spent, what was counted."""
    return [t("perencanaan_flag_line", lang, flag=flag_text(row, lang), kode=row["kode"], name=line_name(row, lang),
              real=format_rupiah(row["realisasi_rp"], short=True), output=format_number(row["n_output"]),
              measure=measure_name(row["ukuran"], lang))
            for _, row in data.flagged.iterrows()]


def keluaran_table(data: KeluaranData, lang: str = "id") -> pd.DataFrame:
    """One row per mapping prefix (code, name and level), the output counted (``✗`` in front when flagged: the
    warnings above the table say which flag), spending, cost per beneficiary and its change against last year.
    Last year's cost itself is in the Excel export: five columns are what fits a 1024-px projector."""
    rows = data.rows
    names = [f"{r['kode']} {line_name(r, lang)} ({level_name(r['n_segments'], lang)})" if r["kode"]
             else line_name(r, lang) for _, r in rows.iterrows()]
    outputs = [measure_name(r["ukuran"], lang) if pd.isna(r["n_output"])
               else f"{FLAG if flag_text(r) else ''}{format_number(r['n_output'])} {measure_name(r['ukuran'], lang)}"
               for _, r in rows.iterrows()]
    return translated({
        "perencanaan_col_ukuran": pd.Series(outputs),
        "perencanaan_col_realisasi": rows["realisasi_rp"].map(_rp),
        "perencanaan_col_biaya": rows["biaya_per_penerima_rp"].map(_rp),
        "perencanaan_col_biaya_change": rows["biaya_change_pct"].map(signed_pct),
    }, pd.Series(names), "perencanaan_col_uraian", lang)


def _rp(value: object) -> str:
    """Rupiah without the ``Rp`` (the header says it), short: ``1,2 jt``; none: an en dash (a lone ``-`` would read
    as a Markdown list in a table cell)."""
    if value is None or pd.isna(value):
        return NONE
    return format_rupiah(value, short=True).replace("Rp ", "")


def title(data: KeluaranData, lang: str = "id") -> str:
    return t("perencanaan_keluaran_title", lang, month=month_name(data.bulan or 12, lang), tahun=data.tahun)


def definition(data: KeluaranData, lang: str = "id") -> str:
    return t("perencanaan_def_keluaran", lang, month=month_name(data.bulan or 12, lang))
