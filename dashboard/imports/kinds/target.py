"""Targets per indicator per kecamatan per year (and imported realisation where data cannot give it)."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.imports.fields import Fields, ImportContext
from dashboard.imports.forms import Form, Prepared, TableData, with_position


def _indikator(value: str) -> str:
    """``t1``, ``T-1``, ``T1 Verval DTKS`` -> ``T1``; other names are kept as written."""
    match = re.match(r"^\s*t\s*-?\s*([1-9])\b", value, flags=re.IGNORECASE)
    return f"T{match.group(1)}" if match else value.strip()


def prepare_target(fields: Fields, context: ImportContext) -> Prepared:
    fields.require("indikator", "target")
    frame = pd.DataFrame({
        "tahun": fields.year(),
        "indikator": fields.text("indikator", required=True).map(_indikator, na_action="ignore"),
        "kode_wilayah": fields.wilayah((2, 3)),
        # an empty target means "no target" (shown grey), not an error
        "target": fields.number("target"), "satuan": fields.text("satuan"),
        "realisasi": fields.number("realisasi"),
    })
    return Prepared([TableData("target", with_position(fields, frame), ("tahun",),
                               unique=("tahun", "indikator", "kode_wilayah"))])


TARGET_FORMS = [Form("target", "target", frozenset({"indikator", "kode_wilayah", "nama_kecamatan", "tahun", "target",
                                                    "satuan", "realisasi"}), ("indikator", "target"),
                     prepare_target, aliases={"kode_kecamatan": "kode_wilayah"})]
