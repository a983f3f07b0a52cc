"""Population per wilayah: the office's own kecamatan/desa figures (Dukcapil/BPS, or an estimate)."""

from __future__ import annotations

import pandas as pd

from dashboard.imports.fields import Fields, ImportContext
from dashboard.imports.forms import Form, Prepared, TableData, with_position


def prepare_penduduk(fields: Fields, context: ImportContext) -> Prepared:
    fields.require("jumlah_penduduk")
    frame = pd.DataFrame({
        "kode_wilayah": fields.wilayah((2, 3, 4)), "tahun": fields.year(),
        "jumlah_penduduk": fields.integer("jumlah_penduduk", 0, 100_000_000, required=True),
        "laki_laki": fields.integer("laki_laki", 0, 100_000_000),
        "perempuan": fields.integer("perempuan", 0, 100_000_000),
    })
    frame["sumber"] = context.file_name
    return Prepared([TableData("penduduk", with_position(fields, frame), ("tahun", "kode_wilayah"),
                               unique=("tahun", "kode_wilayah"), period_keys=("tahun",))])


PENDUDUK_FORMS = [Form("penduduk", "penduduk", frozenset({"kode_wilayah", "nama_wilayah", "tahun", "jumlah_penduduk",
                                                          "laki_laki", "perempuan"}), ("jumlah_penduduk",),
                       prepare_penduduk)]
