"""Program recipients: one row per KPM (or member, for PBI-JK) per program per period."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.imports import parse
from dashboard.imports.columns import normalise_header
from dashboard.imports.fields import Constant, Fields, ImportContext
from dashboard.imports.forms import Form, Prepared, TableData, with_position

PROGRAMS = {"pkh": "PKH", "bpnt": "BPNT", "sembako": "BPNT", "bpnt_sembako": "BPNT", "pbi": "PBI-JK",
            "pbi_jk": "PBI-JK", "pbi_jkn": "PBI-JK", "pbijk": "PBI-JK", "blt_dd": "BLT-DD", "bltdd": "BLT-DD",
            "atensi": "ATENSI", "yapi": "YAPI", "pena": "PENA", "blt": "BLT"}
STATUS_SALUR = {"salur": "salur", "sudah_salur": "salur", "tersalur": "salur", "sudah": "salur", "cair": "salur",
                "belum": "belum", "belum_salur": "belum", "proses": "belum", "gagal": "gagal",
                "gagal_salur": "gagal", "retur": "gagal"}
COLUMNS = frozenset({"program", "tahun", "periode", "nik", "no_kk", "nama", "kode_wilayah", "nama_kecamatan",
                     "nama_desa", "nominal", "status_salur"})
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_PROGRAM_WORDS = sorted(PROGRAMS, key=len, reverse=True)  # blt_dd before blt
_TAHAP_IN_TEXT = re.compile(r"(?<![a-z])(tahap|triwulan|semester)[\s_.:-]*([0-9]{1,2}|[ivx]+)(?![a-z0-9])")


def program_name(value: object) -> str:
    return PROGRAMS.get(normalise_header(value), str(value).strip().upper())


def program_in_text(text: str) -> str | None:
    """``REKAP KPM PKH TAHAP II`` or ``penerima_pkh_tahap2_2025`` -> ``PKH``."""
    words = normalise_header(text)
    for word in _PROGRAM_WORDS:
        if re.search(rf"(?<![a-z0-9]){word}(?![a-z0-9])", words):
            return PROGRAMS[word]
    return None


def periode_in_text(text: str) -> str | None:
    """``TAHAP II`` or ``tahap2`` in a title or file name -> ``Tahap 2``."""
    found = _TAHAP_IN_TEXT.search(text.lower())
    return normalise_periode(f"{found.group(1)} {found.group(2)}") if found else None


def _tahap_option(text: str) -> str | None:
    """``--tahap 2``, ``--tahap II`` or ``--tahap "Triwulan 1"``."""
    return normalise_periode(text) or normalise_periode(f"tahap {text}")


def normalise_periode(value: object) -> str | None:
    """``Tahap 1``, ``Triwulan 2``, ``Semester 1`` or ``YYYY-MM`` from the many ways offices write them.

    A bare month name gives ``-MM``; the caller prefixes the year from the ``tahun`` column.
    """
    text = str(value).strip().lower()
    match = re.fullmatch(r"(tahap|triwulan|tw|semester|smt)\s*[-.:]?\s*([0-9]{1,2}|[ivx]+)", text)
    if match:
        word = {"tw": "triwulan", "smt": "semester"}.get(match.group(1), match.group(1))
        number = _ROMAN.get(match.group(2)) or (int(match.group(2)) if match.group(2).isdigit() else None)
        limit = {"tahap": 12, "triwulan": 4, "semester": 2}[word]
        return f"{word.capitalize()} {number}" if number and 1 <= number <= limit else None
    month = re.fullmatch(r"(20\d{2})[-/](\d{1,2})", text)
    if month and 1 <= int(month.group(2)) <= 12:
        return f"{month.group(1)}-{int(month.group(2)):02d}"
    number = parse.month_number(text)
    return f"-{number:02d}" if number else None


def _periode(fields: Fields, tahun: pd.Series) -> pd.Series:
    if not fields.has("periode"):
        return fields.constant_series("periode", dtype="str")
    raw = fields.raw("periode").reset_index(drop=True)
    periode = parse.map_unique(raw, normalise_periode, dtype="str")
    bare_month = periode.str.startswith("-", na=False) & tahun.notna()
    periode[bare_month] = tahun[bare_month].astype(str) + periode[bare_month]
    blank = fields.blank("periode")
    fields.flag(periode.isna() & ~blank, "choice_invalid", "periode", values=raw,
                choices="Tahap N, Triwulan N, Semester N, YYYY-MM, nama bulan")
    fields.flag(blank, "value_required", "periode")
    return periode


def prepare_penerima(fields: Fields, context: ImportContext) -> Prepared:
    if not (fields.has("nik") or fields.has("no_kk")):
        fields.require("nik")
    program = (parse.map_unique(fields.text("program", required=True), program_name, dtype="str")
               if fields.has("program") else fields.constant_series("program", dtype="str"))
    tahun = fields.year()
    periode = _periode(fields, tahun)
    nik_hash, nik_mask = fields.identifier("nik")
    kk_hash, kk_mask = fields.identifier("no_kk")
    fields.flag(nik_hash.isna() & kk_hash.isna() & fields.blank("nik") & fields.blank("no_kk"),
                "nik_kk_missing", "nik" if fields.has("nik") else "no_kk")
    frame = pd.DataFrame({
        "program": program, "tahun": tahun, "periode": periode, "nik_hash": nik_hash, "nik_mask": nik_mask,
        "no_kk_hash": kk_hash, "no_kk_mask": kk_mask, "nama": fields.text("nama"),
        "kode_wilayah": fields.wilayah((4,)), "nominal_rp": fields.number("nominal"),
        "status_salur": fields.choice("status_salur", STATUS_SALUR, shown="salur, belum, gagal"),
    })
    frame["_person"] = frame["nik_hash"].fillna(frame["no_kk_hash"])
    return Prepared([TableData("penerima", with_position(fields, frame), ("program", "tahun", "periode"),
                               unique=("program", "tahun", "periode", "_person"))])


CONSTANTS = {"program": Constant(program_in_text, "--program", program_name),
             "periode": Constant(periode_in_text, "--tahap", _tahap_option)}
PENERIMA_FORMS = [Form("penerima", "penerima", COLUMNS, ("program", "periode"), prepare_penerima,
                       aliases={"status": "status_salur"}, total_columns=(("nominal_rp", "nominal"),),
                       constants=CONSTANTS)]
