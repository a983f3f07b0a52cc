"""Data kinds of the data contract, each a list of forms."""

from dashboard.imports.kinds.anggaran import ANGGARAN_FORMS
from dashboard.imports.kinds.dtks import DTKS_FORMS
from dashboard.imports.kinds.penduduk import PENDUDUK_FORMS
from dashboard.imports.kinds.penerima import PENERIMA_FORMS
from dashboard.imports.kinds.ppks import PPKS_FORMS
from dashboard.imports.kinds.psks import PSKS_FORMS
from dashboard.imports.kinds.target import TARGET_FORMS

FORMS = DTKS_FORMS + PENERIMA_FORMS + PPKS_FORMS + PSKS_FORMS + TARGET_FORMS + ANGGARAN_FORMS + PENDUDUK_FORMS
BATAS = "batas"
"""Desa boundaries: not a table of cells but polygons, read by ``dashboard.imports.boundaries``."""
KINDS = (*dict.fromkeys(form.kind for form in FORMS), BATAS)
DATA_TABLES = ("dtks_individu", "dtks_keluarga", "penerima", "ppks_rekap", "ppks_kasus", "psks_sumber",
               "tksk_laporan", "target", "anggaran_realisasi", "anggaran_kas", "penduduk", "batas_wilayah")
