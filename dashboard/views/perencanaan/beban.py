"""Caseload: PPKS per TKSK and per LKS/PSM by kecamatan (or a provinsi's kab/kota), this year and last year, and
where one worker carries the most: the basis for placing pendamping. Numbers from
``queries/perencanaan_beban_by_wilayah.sql``."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.formatting import format_number
from dashboard.i18n import register, t
from dashboard.textsafe import plotly_text
from dashboard.views.perencanaan.scope import Scope, change_pct, number_text, signed_pct
from dashboard.views.tables import translated

MEASURES = ("ppks_per_tksk", "ppks_per_lks_psm")
WORKERS = {"ppks_per_tksk": "tksk", "ppks_per_lks_psm": "lks_psm"}

register({
    "perencanaan_beban_ppks_per_tksk": ("PPKS per TKSK", "PPKS per TKSK"),
    "perencanaan_beban_ppks_per_lks_psm": ("PPKS per LKS/PSM", "PPKS per LKS/PSM"),
    "perencanaan_beban_map_title": ("{measure} per {level}<br>{tahun}", "{measure} by {level}<br>{tahun}"),
    "perencanaan_beban_top": ("Beban terberat: {name}, {value} PPKS untuk {workers} {who} ({n} PPKS).",
                              "Heaviest load: {name}, {value} PPKS for {workers} {who} ({n} PPKS)."),
    "perencanaan_beban_none": ("{n} {level} ber-PPKS tanpa {who}: {names}.", "{n} {level} with PPKS and no {who}: "
                               "{names}."),
    "perencanaan_who_ppks_per_tksk": ("TKSK", "TKSK"),
    "perencanaan_who_ppks_per_lks_psm": ("LKS/PSM", "LKS/PSM"),
    "perencanaan_beban_hover": ("<b>{name}</b><br>{measure}: {value}<br>PPKS {n}; TKSK {tksk}; LKS/PSM {lks}",
                                "<b>{name}</b><br>{measure}: {value}<br>PPKS {n}; TKSK {tksk}; LKS/PSM {lks}"),
    "perencanaan_no_worker": ("tanpa pekerja", "no worker"),
    "perencanaan_col_ppks": ("PPKS", "PPKS"),
    "perencanaan_col_tksk": ("TKSK", "TKSK"),
    "perencanaan_col_per_tksk": ("PPKS/TKSK", "PPKS/TKSK"),
    "perencanaan_col_lks_psm": ("LKS+PSM", "LKS+PSM"),
    "perencanaan_col_per_lks_psm": ("PPKS/LKS-PSM", "PPKS/LKS-PSM"),
    "perencanaan_col_load_change": ("vs tahun lalu", "vs last year"),
    "perencanaan_def_beban": (
        "Beban = PPKS pada rekap tahunan {tahun} (semua kategori) / TKSK, atau / LKS dan PSM, pada register PSKS "
        "{tahun} di wilayah itu; tanpa pekerja = tanpa angka, bukan nol.",
        "Load = PPKS in the {tahun} yearly recap (all categories) / TKSK, or / LKS and PSM, in the {tahun} PSKS "
        "register of the area; no worker = no figure, not zero."),
})


def load_beban(run: Callable[..., pd.DataFrame], scope: Scope) -> pd.DataFrame:
    rows = run("perencanaan_beban_by_wilayah", parent=scope.base, child_len=scope.child_len,
               tahun=scope.filters.tahun)
    for measure in MEASURES:
        rows[f"{measure}_change_pct"] = [change_pct(a, b) for a, b in
                                         zip(rows[measure], rows[f"{measure}_prev"], strict=True)]
    return rows


def ranked(rows: pd.DataFrame, measure: str = MEASURES[0]) -> pd.DataFrame:
    """Heaviest load first; wilayah without a worker (no value) last, by name."""
    return rows.sort_values([measure, "nama"], ascending=[False, True], na_position="last").reset_index(drop=True)


def heaviest(rows: pd.DataFrame, measure: str, lang: str = "id") -> str | None:
    """The one line naming where one worker carries the most."""
    top = ranked(rows, measure)
    if top.empty or pd.isna(top.loc[0, measure]):
        return None
    row = top.iloc[0]
    workers = row["n_tksk"] if measure == "ppks_per_tksk" else row["n_lks_psm"]
    return t("perencanaan_beban_top", lang, name=row["nama"], value=format_number(row[measure]),
             workers=format_number(workers), who=t(f"perencanaan_who_{measure}", lang),
             n=format_number(row["n_ppks"]))


def without_worker(rows: pd.DataFrame, scope: Scope, measure: str, lang: str = "id") -> str | None:
    """Wilayah with PPKS and nobody of that kind to carry them: said, never hidden as 0."""
    missing = rows[rows[measure].isna() & (rows["n_ppks"] > 0)]
    if missing.empty:
        return None
    return t("perencanaan_beban_none", lang, n=len(missing), level=scope.level_word(lang),
             who=t(f"perencanaan_who_{measure}", lang), names=", ".join(missing["nama"]))


def table(rows: pd.DataFrame, scope: Scope, measure: str, lang: str = "id") -> pd.DataFrame:
    """The chosen load, heaviest first: PPKS, the workers, PPKS per worker and its change against last year (the
    other load is one click away, and in the Excel export: four columns fit a 1024-px projector)."""
    rows = ranked(rows, measure)
    names = [f"► {n}" if k == scope.filters.kecamatan else n for k, n in zip(rows["kode"], rows["nama"], strict=True)]
    no_worker = t("perencanaan_no_worker", lang)
    workers = WORKERS[measure]
    return translated({
        "perencanaan_col_ppks": rows["n_ppks"].map(format_number),
        f"perencanaan_col_{workers}": rows[f"n_{workers}"].map(format_number),
        f"perencanaan_col_per_{workers}": rows[measure].map(lambda v: no_worker if pd.isna(v) else number_text(v)),
        "perencanaan_col_load_change": rows[f"{measure}_change_pct"].map(signed_pct),
    }, pd.Series(names), "perencanaan_col_wilayah", lang)


def hover_texts(rows: pd.DataFrame, measure: str, lang: str = "id") -> list[str]:
    name = t(f"perencanaan_beban_{measure}", lang)
    return [t("perencanaan_beban_hover", lang, name=plotly_text(r["nama"]), measure=name,
              value=format_number(r[measure]) if pd.notna(r[measure]) else t("perencanaan_no_worker", lang),
              n=format_number(r["n_ppks"]), tksk=format_number(r["n_tksk"]), lks=format_number(r["n_lks_psm"]))
            for _, r in rows.iterrows()]


def map_title(scope: Scope, measure: str, lang: str = "id") -> str:
    return t("perencanaan_beban_map_title", lang, measure=t(f"perencanaan_beban_{measure}", lang),
             level=scope.level_word(lang), tahun=scope.filters.tahun)


def definition(scope: Scope, lang: str = "id") -> str:
    return t("perencanaan_def_beban", lang, tahun=scope.filters.tahun)
