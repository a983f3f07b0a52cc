"""PMKS/PPKS: a recap per desa and category, or case records with their handling stage."""

from __future__ import annotations

import pandas as pd

from dashboard.imports.columns import normalise_header
from dashboard.imports.fields import Fields, ImportContext
from dashboard.imports.forms import Form, Prepared, TableData, with_position

CATEGORIES = (
    "anak balita terlantar", "anak terlantar", "anak berhadapan dengan hukum", "anak jalanan",
    "anak dengan disabilitas", "anak yatim piatu", "anak korban tindak kekerasan",
    "anak yang memerlukan perlindungan khusus",
    "lanjut usia terlantar", "penyandang disabilitas", "tuna susila", "gelandangan", "pengemis", "pemulung",
    "kelompok minoritas", "bekas warga binaan lembaga pemasyarakatan", "orang dengan hiv/aids",
    "korban penyalahgunaan napza", "korban trafficking", "korban tindak kekerasan", "pekerja migran bermasalah sosial",
    "korban bencana alam", "korban bencana sosial", "perempuan rawan sosial ekonomi", "fakir miskin",
    "keluarga bermasalah sosial psikologis", "komunitas adat terpencil", "orang dengan gangguan jiwa (odgj)",
)
CATEGORY_MAP = {normalise_header(c): c for c in CATEGORIES} | {
    "odgj": "orang dengan gangguan jiwa (odgj)", "orang_dengan_gangguan_jiwa": "orang dengan gangguan jiwa (odgj)",
    "lansia_terlantar": "lanjut usia terlantar", "disabilitas": "penyandang disabilitas",
    "anak_yatim": "anak yatim piatu", "yatim_piatu": "anak yatim piatu", "odha": "orang dengan hiv/aids",
    "wts": "tuna susila", "gepeng": "gelandangan",
}
STAGES = ("asesmen", "rencana_intervensi", "intervensi", "evaluasi", "monitoring", "selesai")
STAGE_MAP = {s: s for s in STAGES} | {"assesmen": "asesmen", "assessment": "asesmen", "rencana": "rencana_intervensi",
                                       "terminasi": "selesai", "rujukan": "intervensi"}
SHOWN_CATEGORIES = "; ".join(CATEGORIES)


def prepare_rekap(fields: Fields, context: ImportContext) -> Prepared:
    fields.require("kategori", "jumlah")
    frame = pd.DataFrame({
        "tahun": fields.year(), "kode_wilayah": fields.wilayah((3, 4)),
        "kategori": fields.choice("kategori", CATEGORY_MAP, required=True, shown=SHOWN_CATEGORIES),
        "jumlah": fields.integer("jumlah", 0, 10_000_000, required=True),
    })
    return Prepared([TableData("ppks_rekap", with_position(fields, frame), ("tahun",),
                               unique=("tahun", "kode_wilayah", "kategori"))])


def prepare_kasus(fields: Fields, context: ImportContext) -> Prepared:
    fields.require("id_kasus", "kategori", "tanggal_lapor", "tahap_kasus")
    lapor = fields.date("tanggal_lapor", required=True)
    frame = pd.DataFrame({
        "tahun": lapor.dt.year.astype("Int64"), "id_kasus": fields.text("id_kasus", required=True),
        "kode_wilayah": fields.wilayah((3, 4)),
        "kategori": fields.choice("kategori", CATEGORY_MAP, required=True, shown=SHOWN_CATEGORIES),
        "tanggal_lapor": lapor,
        "tahap": fields.choice("tahap_kasus", STAGE_MAP, required=True, shown=", ".join(STAGES)),
    })
    return Prepared([TableData("ppks_kasus", with_position(fields, frame), ("tahun",), unique=("id_kasus",))])


PPKS_FORMS = [
    Form("ppks", "ppks_rekap", frozenset({"tahun", "kode_wilayah", "nama_kecamatan", "nama_desa", "kategori",
                                          "jumlah"}), ("kategori", "jumlah"), prepare_rekap,
         total_columns=(("jumlah", "jumlah"),)),
    Form("ppks", "ppks_kasus", frozenset({"id_kasus", "kode_wilayah", "nama_kecamatan", "nama_desa", "kategori",
                                          "tanggal_lapor", "tahap_kasus"}), ("id_kasus", "kategori"),
         prepare_kasus, aliases={"tahap": "tahap_kasus"}),
]
