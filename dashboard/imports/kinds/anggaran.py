"""SIPD budget realisation (LRA) and the monthly cash plan (anggaran kas).

SIPD lists program, kegiatan and sub kegiatan rows in one table, told apart by the depth of the code
(``1.06.04`` program, ``1.06.04.2.01`` kegiatan, ``1.06.04.2.01.0001`` sub kegiatan). All levels are kept;
a level that does not add up to the level below it is reported as a warning, because real LRA exports
do that and the office should know which figure to trust.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from dashboard.formatting import format_rupiah
from dashboard.imports.fields import Fields, ImportContext
from dashboard.imports.forms import Form, Prepared, TableData, with_position
from dashboard.imports.problems import WARNING

LEVELS = {2: "urusan", 3: "program", 5: "kegiatan", 6: "sub kegiatan"}
LEVEL_NAMES = {"urusan": "urusan", "program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan",
               "subkegiatan": "sub kegiatan"}
MONEY_COLUMNS = ("pagu_rp", "realisasi_bulan_rp", "realisasi_kumulatif_rp")


def _kode_level(fields: Fields) -> tuple[pd.Series, pd.Series]:
    kode = fields.text("kode_rekening", required=True).str.replace(r"\s", "", regex=True)
    depth = kode.str.count(r"\.") + 1
    valid = kode.str.fullmatch(r"\d+(\.\d+)*", na=False) & depth.isin(list(LEVELS))
    fields.flag(kode.notna() & ~valid, "kode_rekening_invalid", "kode_rekening", values=kode)
    level = depth.map(LEVELS)
    if fields.has("level"):
        given = fields.choice("level", LEVEL_NAMES, shown="program, kegiatan, sub kegiatan")
        level = given.fillna(level)
    return kode.where(valid), level


def prepare_realisasi(fields: Fields, context: ImportContext) -> Prepared:
    fields.require("kode_rekening")
    kode, level = _kode_level(fields)
    bulan_rp, kumulatif_rp = _realisation(fields)
    frame = pd.DataFrame({
        "tahun": fields.year(), "bulan": fields.month(), "kode_rekening": kode, "uraian": fields.text("uraian"),
        "level": level, "pagu_rp": fields.number("pagu"), "realisasi_bulan_rp": bulan_rp,
        "realisasi_kumulatif_rp": kumulatif_rp,
    })
    frame = with_position(fields, frame)
    for column in MONEY_COLUMNS:
        check_level_sums(fields, frame, column)
    tables = [TableData("anggaran_realisasi", frame, ("tahun", "bulan"), unique=("tahun", "bulan", "kode_rekening"))]
    if fields.has("anggaran_kas"):
        kas = frame[["tahun", "bulan", "kode_rekening", "uraian", "level", "_row", "_sheet"]].assign(
            anggaran_kas_rp=fields.number("anggaran_kas").to_numpy())
        tables.append(TableData("anggaran_kas", kas.dropna(subset=["anggaran_kas_rp"]), ("tahun", "bulan"),
                                unique=("tahun", "bulan", "kode_rekening")))
    return Prepared(tables, source="SIPD")


def _realisation(fields: Fields) -> tuple[pd.Series, pd.Series]:
    """(for the month, cumulative), each column parsed once.

    A plain ``realisasi`` column is cumulative when the title says so (``s.d. Bulan``, ``kumulatif``),
    else the month's figure. SIPD's ``s.d. bulan lalu`` only serves to check the other two.
    """
    missing = pd.Series(np.nan, index=range(fields.n))
    bulan = fields.number("realisasi_bulan", negative_ok=True) if fields.has("realisasi_bulan") else missing
    kumulatif = (fields.number("realisasi_kumulatif", negative_ok=True) if fields.has("realisasi_kumulatif")
                 else missing)
    if fields.has("realisasi"):
        plain = fields.number("realisasi", negative_ok=True)
        if re.search(r"s\.?\s*d\.?|kumulatif", fields.table.context, re.IGNORECASE):
            kumulatif = kumulatif.fillna(plain)
        else:
            bulan = bulan.fillna(plain)
    if fields.has("realisasi_lalu") and fields.has("realisasi_bulan") and fields.has("realisasi_kumulatif"):
        lalu = fields.number("realisasi_lalu", negative_ok=True)
        fields.flag((lalu + bulan - kumulatif).abs() > 1, "cumulative_mismatch", "realisasi_kumulatif",
                    level=WARNING, per_row={"computed": _rupiah(lalu + bulan), "stated": _rupiah(kumulatif)})
    return bulan, kumulatif


def check_level_sums(fields: Fields, frame: pd.DataFrame, column: str) -> None:
    """Warn where a program/kegiatan figure differs from the sum of the rows one level below it."""
    rows = frame.dropna(subset=["kode_rekening", column])
    for parent_level, child_level in (("program", "kegiatan"), ("kegiatan", "sub kegiatan")):
        parents = rows[rows["level"] == parent_level]
        children = rows[rows["level"] == child_level]
        for _, parent in parents.iterrows():
            mine = children[children["kode_rekening"].str.startswith(parent["kode_rekening"] + ".")]
            if mine.empty:
                continue
            stated, computed = parent[column], mine[column].sum()
            if abs(stated - computed) > 1:
                fields.report.add(WARNING, "level_sum_mismatch", row=int(parent["_row"]), sheet=parent["_sheet"],
                                  column=fields.header_of.get(_SOURCE_COLUMN[column], column),
                                  parent=parent["kode_rekening"], stated=format_rupiah(stated),
                                  computed=format_rupiah(computed))


_SOURCE_COLUMN = {"pagu_rp": "pagu", "realisasi_bulan_rp": "realisasi_bulan",
                  "realisasi_kumulatif_rp": "realisasi_kumulatif"}


def _rupiah(values: pd.Series) -> pd.Series:
    return values.map(format_rupiah)




def prepare_kas(fields: Fields, context: ImportContext) -> Prepared:
    fields.require("kode_rekening", "anggaran_kas")
    kode, level = _kode_level(fields)
    frame = pd.DataFrame({
        "tahun": fields.year(), "bulan": fields.month(), "kode_rekening": kode, "uraian": fields.text("uraian"),
        "level": level, "anggaran_kas_rp": fields.number("anggaran_kas", required=True),
    })
    return Prepared([TableData("anggaran_kas", with_position(fields, frame), ("tahun",),
                               unique=("tahun", "bulan", "kode_rekening"))], source="SIPD")


def _top_level(frame: pd.DataFrame) -> pd.DataFrame:
    """A SIPD total sums the program rows only (kegiatan rows repeat the same money)."""
    top = "urusan" if frame["level"].eq("urusan").any() else "program"
    return frame[frame["level"] == top]


_COMMON = {"tahun", "bulan", "kode_rekening", "uraian", "level"}
ANGGARAN_FORMS = [
    Form("anggaran", "anggaran_realisasi",
         frozenset(_COMMON | {"pagu", "realisasi", "realisasi_lalu", "realisasi_bulan", "realisasi_kumulatif",
                              "anggaran_kas"}), ("kode_rekening", "pagu"), prepare_realisasi,
         total_columns=tuple(_SOURCE_COLUMN.items()), total_scope=_top_level),
    Form("anggaran", "anggaran_kas", frozenset(_COMMON | {"anggaran_kas"}), ("kode_rekening", "anggaran_kas"),
         prepare_kas),
]
