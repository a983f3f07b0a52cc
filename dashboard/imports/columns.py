"""Column-name variants used by real offices, mapped to the canonical names of the data contract."""

from __future__ import annotations

import re

# canonical name -> normalised variants (see normalise_header); kinds may add their own.
ALIASES: dict[str, tuple[str, ...]] = {
    "id_dtks": ("id_dtks", "iddtks", "id_dtsen", "iddtsen", "id_keluarga", "id_rumah_tangga", "idrt"),
    "no_kk": ("no_kk", "nokk", "nomor_kk", "no_kartu_keluarga", "nomor_kartu_keluarga", "kk", "no_kk_kpm"),
    "nik": ("nik", "no_nik", "nomor_nik", "nik_kpm", "nik_penerima", "nik_art", "nomor_induk_kependudukan",
            "nik_pengurus"),
    "nama": ("nama", "nama_lengkap", "nama_art", "nama_kpm", "nama_penerima", "nama_pengurus", "nama_penerima_manfaat"),
    "jenis_kelamin": ("jenis_kelamin", "jk", "kelamin", "l_p", "sex"),
    "tanggal_lahir": ("tanggal_lahir", "tgl_lahir", "tgl_lhr", "tanggal_lhr"),
    "hubungan_keluarga": ("hubungan_keluarga", "hub_keluarga", "hubungan_dengan_kepala_keluarga",
                          "hubungan_dengan_krt", "shdk", "hubungan", "hub_dgn_kk"),
    "kode_wilayah": ("kode_wilayah", "kode_desa", "kd_desa", "kode_kelurahan", "kode_desa_kelurahan", "kode_wil",
                     "kdwil", "kode_kemendagri", "kode_desa_kel"),
    "nama_kecamatan": ("kecamatan", "nama_kecamatan", "kec"),
    "nama_desa": ("desa", "desa_kelurahan", "kelurahan", "nama_desa", "nama_desa_kelurahan", "desa_kel",
                  "nama_kelurahan"),
    "desil": ("desil", "desil_nasional", "desil_kesejahteraan", "peringkat_desil", "desil_dtsen"),
    "status": ("status", "status_dtks", "status_keaktifan", "keaktifan", "status_art"),
    "disabilitas": ("disabilitas", "jenis_disabilitas", "penyandang_disabilitas", "kecacatan"),
    "tanggal_update": ("tanggal_update", "tgl_update", "tgl_pemutakhiran", "tanggal_pemutakhiran", "tgl_verval",
                       "tanggal_verval", "update_terakhir"),
    "keterangan_padan": ("keterangan_padan", "status_padan", "padan_dukcapil", "ket_padan"),
    "flag_pkh": ("pkh",),
    "flag_bpnt": ("bpnt", "sembako", "bpnt_sembako"),
    "flag_pbi": ("pbi_jkn", "pbi_jk", "pbi"),
    "program": ("program", "jenis_bantuan", "nama_program", "bansos", "program_bansos"),
    "tahun": ("tahun", "thn", "tahun_anggaran"),
    "periode": ("periode", "tahap", "triwulan", "periode_penyaluran", "tahap_penyaluran", "bulan_penyaluran"),
    "nominal": ("nominal", "nilai_bantuan", "nilai", "jumlah_bantuan", "besaran_bantuan", "nominal_bantuan"),
    "status_salur": ("status_salur", "status_penyaluran", "status_pencairan", "status_penyaluran_bantuan"),
    "kategori": ("kategori", "kategori_ppks", "jenis_ppks", "kategori_pmks", "jenis_pmks"),
    "jumlah": ("jumlah", "jml", "jumlah_ppks", "jumlah_jiwa_ppks"),
    "id_kasus": ("id_kasus", "no_kasus", "nomor_kasus", "kode_kasus"),
    "tanggal_lapor": ("tanggal_lapor", "tgl_lapor", "tanggal_laporan", "tgl_laporan"),
    "tahap_kasus": ("tahap_penanganan", "tahap_kasus", "status_penanganan"),
    "jenis": ("jenis", "jenis_psks", "jenis_potensi", "jenis_sumber_daya"),
    "kode_kecamatan": ("kode_kecamatan", "kd_kec", "kode_kec"),
    "nama_tksk": ("nama_tksk", "tksk"),
    "bulan": ("bulan", "bln"),
    "tanggal_terima": ("tanggal_terima", "tgl_terima", "tgl_terima_laporan", "tanggal_terima_laporan"),
    "kegiatan": ("kegiatan", "uraian_kegiatan", "kegiatan_tksk"),
    "jumlah_kasus": ("jumlah_kasus", "jml_kasus", "jml_kasus_ditangani", "jumlah_kasus_ditangani"),
    "keterangan": ("keterangan", "ket", "catatan"),
    "indikator": ("indikator", "kode_indikator", "nama_indikator"),
    "target": ("target", "sasaran"),
    "satuan": ("satuan",),
    "realisasi": ("realisasi",),
    "kode_rekening": ("kode_rekening", "kd_rek", "kode_rek", "kode"),
    "uraian": ("uraian", "nama_rekening", "uraian_rekening"),
    "level": ("level", "tingkat", "jenis_rekening"),
    "pagu": ("pagu", "anggaran", "pagu_anggaran", "anggaran_setelah_perubahan"),
    "realisasi_lalu": ("realisasi_s_d_bulan_lalu", "realisasi_sd_bulan_lalu", "realisasi_bulan_lalu_kumulatif"),
    "realisasi_bulan": ("realisasi_bulan_ini", "realisasi_bulan"),
    "realisasi_kumulatif": ("realisasi_s_d_bulan_ini", "realisasi_sd_bulan_ini", "realisasi_kumulatif",
                            "realisasi_s_d"),
    "anggaran_kas": ("anggaran_kas", "rencana_kas", "rak", "anggaran_kas_bulan"),
    "jumlah_penduduk": ("jumlah_penduduk", "penduduk", "jumlah_jiwa", "total_penduduk"),
    "laki_laki": ("laki_laki", "pria", "lk"),
    "perempuan": ("perempuan", "wanita", "pr"),
    "nama_wilayah": ("nama_wilayah", "wilayah"),
}

# Columns offices add that carry nothing the warehouse keeps; recognised so they are not reported.
IGNORED = frozenset({"no", "nomor", "no_urut", "provinsi", "kabupaten", "kabupaten_kota", "kab_kota", "alamat",
                     "rt", "rw", "dusun", "persen", "", "realisasi_persen", "sisa"})


def normalise_header(name: object) -> str:
    """``No. KK`` -> ``no_kk``; ``Realisasi s.d. Bulan Ini`` -> ``realisasi_s_d_bulan_ini``; ``%`` -> ``persen``."""
    if isinstance(name, float) and name.is_integer():
        name = int(name)  # an Excel 1/0 flag cell arrives as 1.0
    text = ("" if name is None else str(name)).strip().lower().replace("%", " persen ")
    return "_".join(re.findall(r"[a-z0-9]+", text))


_HEADINGS = {"flag_pkh": "PKH", "flag_bpnt": "BPNT", "flag_pbi": "PBI JKN",
             "nama_kecamatan": "KECAMATAN", "nama_desa": "DESA/KELURAHAN",
             "realisasi_lalu": "REALISASI S.D. BULAN LALU"}


def heading(canon: str) -> str:
    """How offices head a column (``no_kk`` -> ``NO KK``), to name in messages a column the file lacks."""
    return _HEADINGS.get(canon) or canon.replace("_", " ").upper()


def build_lookup(columns: set[str], extra: dict[str, str] | None = None) -> dict[str, str]:
    """Normalised variant -> canonical name for the given canonical columns (kind extras win)."""
    lookup = {variant: canon for canon in columns for variant in ALIASES.get(canon, (canon,))}
    lookup.update({k: v for k, v in (extra or {}).items() if v in columns})
    return lookup


ALL_VARIANTS = frozenset(build_lookup(set(ALIASES))) | IGNORED
