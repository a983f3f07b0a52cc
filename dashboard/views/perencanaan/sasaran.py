"""Targeting accuracy per desa: C4 (exclusion) and C5 (inclusion) as docs/INDICATORS.md defines them, for every desa
of the kab/kota (or of the chosen kecamatan), ranked by the households verval must check first, with the change
against the same span last year. Read from ``queries/coverage_pct_by_wilayah.sql`` at desa level, so the figures
are the Cakupan page's own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd

from dashboard.formatting import format_number, format_pct
from dashboard.i18n import register, t
from dashboard.textsafe import plotly_text
from dashboard.views import cakupan
from dashboard.views.perencanaan.scope import count_text, pct_text, signed_pct
from dashboard.views.tables import translated
from dashboard.wilayah import DESA_LEN

TOP = 15  # desa listed on the page; the Excel export holds them all
LABELLED = 8  # desa named on the map (the worst first): more would cover each other

register({
    "perencanaan_sasaran_title": ("Ketepatan sasaran per desa, {program}, {period}",
                                  "Targeting accuracy by village, {program}, {period}"),
    "perencanaan_sasaran_top": ("{n} desa dengan keluarga perlu verval terbanyak (dari {of})",
                                "{n} villages with the most households to verify (of {of})"),
    "perencanaan_col_desa": ("Desa", "Village"),
    "perencanaan_col_kecamatan": ("Kecamatan", "Sub-district"),
    "perencanaan_col_verval": ("Perlu verval", "To verify"),
    "perencanaan_col_c4_change": ("C4 vs thn lalu", "C4 vs last yr"),
    "perencanaan_col_c5_change": ("C5 vs thn lalu", "C5 vs last yr"),
    "perencanaan_map_C4": ("C4 Salah eksklusi per desa", "C4 Exclusion error by village"),
    "perencanaan_map_C5": ("C5 Salah inklusi per desa", "C5 Inclusion error by village"),
    "perencanaan_sasaran_hover": ("<b>{name}</b><br>{indicator}: {pct} ({num} dari {den})<br>Perlu verval: {n}",
                                  "<b>{name}</b><br>{indicator}: {pct} ({num} of {den})<br>To verify: {n}"),
    "perencanaan_no_value": ("tanpa keluarga layak / KPM", "no eligible household / KPM"),
    "perencanaan_def_sasaran": (
        "Perlu verval = keluarga salah eksklusi (C4) + KPM salah inklusi (C5) di desa; peringkat dari yang terbanyak. "
        "Perubahan dalam poin, dibanding periode yang sama tahun lalu.",
        "To verify = excluded eligible households (C4) + KPM wrongly included (C5) in the village; ranked from the "
        "most. Changes in points, against the same period last year."),
    "perencanaan_lists_kecamatan": ("Daftar nama salah eksklusi dan salah inklusi: pilih kecamatan di filter samping.",
                                    "Named lists of exclusion and inclusion errors: choose a sub-district in the side "
                                    "filter."),
    "perencanaan_lists_role": ("Daftar nama (nama dan NIK tersamar) hanya untuk peran operator dan admin.",
                               "Named lists (names and masked NIK) are for the operator and admin roles only."),
    "perencanaan_no_desa_map": ("Batas desa tidak tersedia untuk wilayah ini: desa ditampilkan sebagai daftar.",
                                "No village boundaries for this area: villages are listed instead."),
})


@dataclass(frozen=True)
class SasaranData:
    """C3-C6 counts per desa this year and last year (same span), and the cut-off they were counted with."""

    rows: pd.DataFrame     # coverage_pct_by_wilayah at desa level, with last year's C4/C5 and the verval count
    cutoff: int
    parent: str            # whose desa: the kab/kota (or a provinsi) or the chosen kecamatan


def load_sasaran(run: Callable[..., pd.DataFrame], filters, settings, base: str) -> SasaranData:
    parent = filters.kecamatan or base
    cutoff = settings.cutoff_for(filters.program) if filters.program else settings.cutoff_for("default")
    common = {"parent": parent, "child_len": DESA_LEN}
    now = run("coverage_pct_by_wilayah", **common, **cakupan.query_params(filters, cutoff, settings))
    last_year = replace(filters, tahun=filters.tahun - 1)
    before = run("coverage_pct_by_wilayah", **common, **cakupan.query_params(last_year, cutoff, settings))
    rows = now.merge(before[["kode", "exclusion_pct", "inclusion_pct"]], on="kode", how="left", suffixes=("", "_prev"))
    rows = rows[(rows["n_eligible"] > 0) | (rows["n_kpm"] > 0)].copy()
    rows["n_verval"] = rows["n_excluded"] + rows["n_inclusion"]
    rows["c4_change_pp"] = rows["exclusion_pct"] - rows["exclusion_pct_prev"]
    rows["c5_change_pp"] = rows["inclusion_pct"] - rows["inclusion_pct_prev"]
    return SasaranData(ranked(rows), cutoff, parent)


def ranked(rows: pd.DataFrame) -> pd.DataFrame:
    """Most households to verify first; ties by the higher exclusion error, then by name."""
    rows = rows.sort_values(["n_verval", "exclusion_pct", "nama"], ascending=[False, False, True],
                            na_position="last").reset_index(drop=True)
    return rows.assign(rank=range(1, len(rows) + 1))


def table(data: SasaranData, kecamatan_names: dict[str, str], lang: str = "id", top: int | None = TOP) -> pd.DataFrame:
    rows = data.rows if top is None else data.rows.head(top)
    return translated({
        "perencanaan_col_kecamatan": rows["kode"].str[:8].map(lambda k: kecamatan_names.get(k, k)),
        "perencanaan_col_verval": rows["n_verval"].map(lambda v: count_text(v, lang)),
        "cakupan_C4": rows["exclusion_pct"].map(pct_text),
        "perencanaan_col_c4_change": rows["c4_change_pp"].map(lambda v: signed_pct(v, points=True)),
        "cakupan_C5": rows["inclusion_pct"].map(pct_text),
        "perencanaan_col_c5_change": rows["c5_change_pp"].map(lambda v: signed_pct(v, points=True)),
    }, rows["rank"].astype(str) + ". " + rows["nama"], "perencanaan_col_desa", lang)


def hover_texts(rows: pd.DataFrame, key: str, lang: str = "id") -> list[str]:
    indicator = cakupan.INDICATORS[key]
    return [t("perencanaan_sasaran_hover", lang, name=plotly_text(r["nama"]), indicator=t(f"cakupan_{key}", lang),
              pct=format_pct(r[indicator.pct]), num=count_text(r[indicator.numerator], lang),
              den=format_number(r[indicator.denominator]), n=count_text(r["n_verval"], lang))
            for _, r in rows.iterrows()]

