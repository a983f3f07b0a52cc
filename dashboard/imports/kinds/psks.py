"""PSKS: social-welfare resources (TKSK, PSM, LKS, ...) and TKSK monthly reports."""

from __future__ import annotations

import pandas as pd

from dashboard.imports.fields import Fields, ImportContext
from dashboard.imports.forms import Form, Prepared, TableData, with_position

JENIS = {"tksk": "TKSK", "psm": "PSM", "lks": "LKS", "karang_taruna": "Karang Taruna", "kt": "Karang Taruna",
         "tagana": "Tagana", "puskesos": "Puskesos", "wkss": "WKSS", "fcu": "FCU", "pendamping_pkh": "Pendamping PKH",
         "pekerja_sosial": "Pekerja Sosial", "peksos": "Pekerja Sosial", "sakti_peksos": "Pekerja Sosial",
         "lk3": "LK3", "dunia_usaha": "Dunia Usaha"}


def prepare_sumber(fields: Fields, context: ImportContext) -> Prepared:
    fields.require("jenis", "nama")
    frame = pd.DataFrame({
        "tahun": fields.year(),
        "jenis": fields.choice("jenis", JENIS, required=True, shown=", ".join(sorted(set(JENIS.values())))),
        "nama": fields.text("nama", required=True), "kode_wilayah": fields.wilayah((3, 4)),
    })
    return Prepared([TableData("psks_sumber", with_position(fields, frame), ("tahun",),
                               unique=("tahun", "jenis", "nama", "kode_wilayah"))])


def prepare_laporan(fields: Fields, context: ImportContext) -> Prepared:
    received = fields.date("tanggal_terima")
    frame = pd.DataFrame({
        "tahun": fields.year(), "bulan": fields.month(),
        "kode_kecamatan": fields.wilayah((3,), code="kode_kecamatan"),
        "nama_tksk": fields.text("nama_tksk"), "tanggal_terima": received, "is_diterima": received.notna(),
        "kegiatan": fields.text("kegiatan"), "jumlah_kasus": fields.integer("jumlah_kasus", 0, 100_000),
        "keterangan": fields.text("keterangan"),
    })
    return Prepared([TableData("tksk_laporan", with_position(fields, frame), ("tahun", "bulan"),
                               unique=("tahun", "bulan", "kode_kecamatan"))])


PSKS_FORMS = [
    Form("psks", "psks_sumber", frozenset({"jenis", "nama", "kode_wilayah", "nama_kecamatan", "nama_desa", "tahun"}),
         ("jenis", "nama"), prepare_sumber),
    Form("psks", "tksk_laporan", frozenset({"kode_kecamatan", "nama_kecamatan", "nama_tksk", "tahun", "bulan",
                                            "tanggal_terima", "kegiatan", "jumlah_kasus", "keterangan"}),
         ("nama_tksk",), prepare_laporan),
]
