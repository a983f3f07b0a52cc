"""DTKS / DTSEN: one row per individual, grouped into households (keluarga)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from dashboard.imports import parse
from dashboard.imports.fields import Constant, Fields, ImportContext, Note
from dashboard.imports.forms import Form, Prepared, TableData, with_position
from dashboard.imports.staging import Stage

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
    """Exact desil 1-10, or a band such as ``6-10`` (SIKS-NG), or empty (not ranked); each distinct cell parsed
    once (a column has a dozen distinct values in millions of rows)."""
    raw = fields.text("desil")
    exact = parse.map_unique(raw, _exact_desil)
    band = parse.map_unique(raw, _desil_band, dtype="str")
    fields.flag(raw.notna() & exact.isna() & band.isna(), "desil_invalid", "desil", values=raw)
    return exact.astype("Int8"), band


def _exact_desil(text: str) -> int | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() and 1 <= number <= 10 else None


def _desil_band(text: str) -> str | None:
    match = re.fullmatch(r"(\d{1,2})\s*-\s*(\d{1,2})", text)
    valid = match and 1 <= int(match.group(1)) < int(match.group(2)) <= 10
    return text.replace(" ", "") if valid else None


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
    return Prepared([TableData("dtks_individu", individu, ("periode",), unique=("nik_hash",))], source=source)


def _flag(fields: Fields, canon: str) -> pd.Series:
    if not fields.has(canon):
        return pd.Series([None] * fields.n, dtype="boolean")
    return fields.choice(canon, YES_NO, shown="YA, TIDAK").astype("boolean")


# One row per household: DTKS id (or No. KK hash, or the NIK hash of a lone person), the first member's periode,
# desa and desil (first in file order among members that have one), active if any member is, members counted.
HOUSEHOLDS = """
select arg_min(periode, _pos) filter (where periode is not null) as periode,
       coalesce(id_dtks, no_kk_hash, nik_hash) as keluarga_id,
       arg_min(no_kk_hash, _pos) filter (where no_kk_hash is not null) as no_kk_hash,
       arg_min(kode_wilayah, _pos) filter (where kode_wilayah is not null) as kode_wilayah,
       arg_min(desil, _pos) filter (where desil is not null) as desil,
       arg_min(desil_band, _pos) filter (where desil_band is not null) as desil_band,
       bool_or(is_aktif) as is_aktif, count(*)::integer as n_art, max(tanggal_update) as tanggal_update
from {individu} group by keluarga_id
"""


def finish_dtks(stage: Stage, notes: list[Note]) -> None:
    """Households from every staged member (a household may straddle chunks), after the snapshot month is settled
    for the whole file where it came from the latest update."""
    individu = stage.tables["dtks_individu"]
    fallback = [n for n in notes if n.canon == "periode" and n.where in ("update", "today")]
    if fallback:
        latest = stage.con.execute(f"select max(tanggal_update) from {individu.name}").fetchall()[0][0]
        value, where = (f"{latest:%Y-%m}", "update") if latest else (dt.date.today().strftime("%Y-%m"), "today")
        stage.con.execute(f"update {individu.name} set periode = $p", {"p": value})
        notes[:] = [n for n in notes if n.canon != "periode"] + [Note("periode", value, where, PERIODE.option)]
    stage.derive("dtks_keluarga", HOUSEHOLDS.format(individu=individu.name),
                 TableData("dtks_keluarga", pd.DataFrame(), ("periode",)))


DTKS_FORMS = [Form("dtks", "dtks", COLUMNS, ("nik",), prepare_dtks, finish=finish_dtks)]
