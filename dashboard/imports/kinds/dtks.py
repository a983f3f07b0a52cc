"""DTKS / DTSEN: one row per individual, grouped into households (keluarga)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from dashboard.imports import parse
from dashboard.imports.fields import Constant, Fields, ImportContext
from dashboard.imports.forms import Form, Prepared, TableData, with_position

GENDER = {"l": "L", "lk": "L", "laki_laki": "L", "laki": "L", "pria": "L", "m": "L",
          "p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "f": "P"}
ACTIVE = {"aktif": True, "1": True, "ya": True, "nonaktif": False, "non_aktif": False, "tidak_aktif": False,
          "0": False, "tidak": False, "meninggal": False, "pindah": False}
YES_NO = {"ya": True, "y": True, "1": True, "true": True, "tidak": False, "t": False, "n": False, "0": False,
          "false": False}
COLUMNS = frozenset({"id_dtks", "no_kk", "nik", "nama", "jenis_kelamin", "tanggal_lahir", "hubungan_keluarga",
                     "kode_wilayah", "nama_kecamatan", "nama_desa", "desil", "status", "disabilitas",
                     "tanggal_update", "keterangan_padan", "flag_pkh", "flag_bpnt", "flag_pbi"})


def _desil(fields: Fields) -> tuple[pd.Series, pd.Series]:
    """Exact desil 1-10, or a band such as ``6-10`` (SIKS-NG), or empty (not ranked)."""
    raw = fields.text("desil")
    band = raw.where(raw.str.fullmatch(r"\d{1,2}\s*-\s*\d{1,2}", na=False))
    band = band.str.replace(" ", "", regex=False)
    exact = pd.to_numeric(raw.where(band.isna()), errors="coerce")
    bad = raw.notna() & band.isna() & ~(exact.between(1, 10) & (exact == exact.round()))
    bad_band = band.notna() & (parse.map_unique(band, _valid_band) == False)  # noqa: E712 (object series)
    fields.flag(bad | bad_band, "desil_invalid", "desil", values=raw)
    return exact.where(~bad).astype("Int8"), band


def _valid_band(text: str) -> bool:
    match = re.fullmatch(r"(\d+)-(\d+)", text)
    return bool(match) and 1 <= int(match.group(1)) < int(match.group(2)) <= 10


def _periode_in_text(text: str) -> str | None:
    found = re.search(r"(20\d{2})[-_]?(0[1-9]|1[0-2])(?!\d)", text)
    return f"{found.group(1)}-{found.group(2)}" if found else None


PERIODE = Constant(_periode_in_text, "--periode")


def _periode(fields: Fields, context: ImportContext, updated: pd.Series) -> str:
    """Snapshot month: given by the operator, else in the sheet/title/file name, else the latest update, else
    this month; noted with where it came from, since a wrong month files the snapshot under another period."""
    found = (context.periode, "option") if context.periode else fields.find_constant("periode", PERIODE)
    if found is None:
        latest = updated.max()
        found = (f"{latest.year}-{latest.month:02d}", "update") if pd.notna(latest) else (
            dt.date.today().strftime("%Y-%m"), "today")
    fields.note("periode", *found, option=PERIODE.option)
    return found[0]


def prepare_dtks(fields: Fields, context: ImportContext) -> Prepared:
    fields.require("nik")
    nik_hash, nik_mask = fields.identifier("nik", required=True)
    kk_hash, kk_mask = fields.identifier("no_kk")
    desil, band = _desil(fields)
    updated = fields.date("tanggal_update")
    periode = _periode(fields, context, updated)
    id_dtks = fields.text("id_dtks")
    individu = pd.DataFrame({
        "periode": periode, "id_dtks": id_dtks, "no_kk_hash": kk_hash, "no_kk_mask": kk_mask,
        "nik_hash": nik_hash, "nik_mask": nik_mask, "nama": fields.text("nama"),
        "jenis_kelamin": fields.choice("jenis_kelamin", GENDER),
        "tanggal_lahir": fields.date("tanggal_lahir"),
        "hubungan_keluarga": fields.text("hubungan_keluarga").str.lower(),
        "kode_wilayah": fields.wilayah((4,)), "desil": desil, "desil_band": band,
        "is_aktif": fields.choice("status", ACTIVE, default=True, shown="aktif, nonaktif").astype(bool),
        "disabilitas": fields.text("disabilitas"), "tanggal_update": updated,
        "keterangan_padan": fields.text("keterangan_padan"),
        "flag_pkh": _flag(fields, "flag_pkh"), "flag_bpnt": _flag(fields, "flag_bpnt"),
        "flag_pbi": _flag(fields, "flag_pbi"),
    })
    individu = with_position(fields, individu)
    source = "DTSEN" if any(h for h in fields.table.headers if "dtsen" in h.lower()) else "DTKS"
    return Prepared(
        [TableData("dtks_individu", individu, ("periode",), unique=("nik_hash",)),
         TableData("dtks_keluarga", households(individu), ("periode",))],
        source=source,
    )


def _flag(fields: Fields, canon: str) -> pd.Series:
    if not fields.has(canon):
        return pd.Series([None] * fields.n, dtype="boolean")
    return fields.choice(canon, YES_NO, shown="YA, TIDAK").astype("boolean")


def households(individu: pd.DataFrame) -> pd.DataFrame:
    """One row per household: DTKS id (or No. KK hash), first member's desil and desa, any member active."""
    key = individu["id_dtks"].fillna(individu["no_kk_hash"]).fillna(individu["nik_hash"])
    frame = individu.assign(keluarga_id=key)
    grouped = frame.groupby("keluarga_id", sort=False)
    out = grouped.agg(
        periode=("periode", "first"), no_kk_hash=("no_kk_hash", "first"), kode_wilayah=("kode_wilayah", "first"),
        desil=("desil", "first"), desil_band=("desil_band", "first"), is_aktif=("is_aktif", "any"),
        n_art=("nik_hash", "size"), tanggal_update=("tanggal_update", "max"),
    )
    return out.reset_index()


DTKS_FORMS = [Form("dtks", "dtks", COLUMNS, ("nik",), prepare_dtks)]
