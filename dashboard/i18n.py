"""Message catalogue: Indonesian first, English as a switch. Messages are keys plus parameters so the
same validation result can be shown in either language."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (Bahasa Indonesia, English)
    "file_unreadable": ("Berkas tidak dapat dibaca: {reason}", "File cannot be read: {reason}"),
    "kind_unknown": (
        "Jenis data tidak dikenali dari nama kolom; sebutkan jenisnya: {kinds}",
        "Data kind not recognised from the column names; name it: {kinds}",
    ),
    "kind_unsupported": (
        "Jenis data tidak dikenal: {kind}. Pilihan: {kinds}", "Unknown data kind: {kind}. Choose: {kinds}"),
    "kind_mismatch": (
        "Berkas ini tampak seperti data {found}, bukan {kind}: kolom {kind} yang wajib tidak ada. Impor dengan "
        "`rakor import {found} {file}` atau tanpa menyebut jenis",
        "This file looks like {found} data, not {kind}: the required {kind} columns are missing. Import it with "
        "`rakor import {found} {file}` or without naming a kind",
    ),
    "option_invalid": ("Nilai {option} tidak sah: {value}", "Invalid {option} value: {value}"),
    "option_ignored": ("Berkas punya kolom ini; {option} diabaikan", "The file has this column; {option} is ignored"),
    "constant_note": ("Tanpa kolom {column}: {values} diambil dari {place}", "No {column} column: {values} taken from "
                      "{place}"),
    "constant_fix": ("; ubah dengan {option}", "; change it with {option}"),
    "place_sheet": ("nama lembar", "the sheet name"),
    "place_title": ("baris judul di atas tabel", "the title rows above the table"),
    "place_file": ("nama berkas", "the file name"),
    "place_option": ("pilihan {option}", "option {option}"),
    "place_update": ("tanggal pemutakhiran terbaru di berkas", "the latest update date in the file"),
    "place_today": ("bulan ini, karena berkas tidak menyebut periode", "this month, as the file states no period"),
    "column_missing": ("Kolom wajib tidak ada di berkas", "Required column is missing from the file"),
    "columns_unrecognised": (
        "Kolom tidak dikenali dan diabaikan: {columns}", "Columns not recognised, ignored: {columns}"),
    "value_required": ("Nilai wajib diisi", "Value is required"),
    "nik_scientific": (
        "Nomor ditulis Excel sebagai angka ilmiah ({value}); digit sudah hilang. Simpan kolom sebagai teks",
        "Number written by Excel in scientific notation ({value}); digits are lost. Store the column as text",
    ),
    "nik_numeric_cell": (
        "Nomor tersimpan sebagai angka di Excel (digit ke-16 hilang). Simpan kolom sebagai teks",
        "Number stored as a numeric Excel cell (16th digit lost). Store the column as text",
    ),
    "nik_length": ("Harus 16 digit angka (berisi {n} digit)", "Must be 16 digits (has {n} digits)"),
    "nik_chars": ("Harus 16 digit angka (berisi karakter lain)", "Must be 16 digits (has other characters)"),
    "duplicate": ("Duplikat: sama dengan baris {other}", "Duplicate of row {other}"),
    "kode_invalid": ("Kode wilayah tidak sah: {value}", "Invalid area code: {value}"),
    "kode_unknown": (
        "Kode wilayah {value} tidak ada dalam referensi Kemendagri (kode baru atau salah ketik?)",
        "Area code {value} is not in the Kemendagri reference (new code or typo?)",
    ),
    "kode_outside": (
        "Kode wilayah {value} di luar {kabupaten}",
        "Area code {value} is outside {kabupaten}",
    ),
    "kode_level": ("Kode {value} bukan kode {levels}", "Code {value} is not a {levels} code"),
    "nama_unknown": (
        "Nama wilayah tidak dikenal: {value}. Yang mirip: {closest}",
        "Unknown area name: {value}. Closest: {closest}",
    ),
    "desil_invalid": ("Desil harus 1-10 atau kosong: {value}", "Desil must be 1-10 or empty: {value}"),
    "number_invalid": ("Bukan angka: {value}", "Not a number: {value}"),
    "number_negative": ("Tidak boleh negatif: {value}", "Must not be negative: {value}"),
    "date_invalid": ("Tanggal tidak dikenali: {value}", "Date not recognised: {value}"),
    "month_invalid": ("Bulan tidak dikenali: {value}", "Month not recognised: {value}"),
    "year_invalid": ("Tahun tidak sah: {value}", "Invalid year: {value}"),
    "year_missing": (
        "Tahun tidak ada di kolom maupun judul berkas/lembar",
        "Year is neither in a column nor in the file/sheet title",
    ),
    "month_missing": (
        "Bulan tidak ada di kolom maupun judul berkas/lembar",
        "Month is neither in a column nor in the file/sheet title",
    ),
    "choice_invalid": (
        "Nilai tidak dikenal: {value}. Pilihan: {choices}", "Unknown value: {value}. Choose: {choices}"),
    "total_mismatch": (
        "Baris {label} tertulis {stated}, jumlah baris data = {computed}",
        "Row {label} states {stated}, sum of data rows = {computed}",
    ),
    "level_sum_mismatch": (
        "{parent} tertulis {stated}, jumlah rincian di bawahnya = {computed}",
        "{parent} states {stated}, sum of its parts = {computed}",
    ),
    "cumulative_mismatch": (
        "Realisasi s.d. bulan lalu + bulan ini ({computed}) berbeda dengan s.d. bulan ini ({stated})",
        "Realisation to last month + this month ({computed}) differs from cumulative ({stated})",
    ),
    "kode_rekening_invalid": ("Kode rekening tidak sah: {value}", "Invalid account code: {value}"),
    "no_rows": ("Tidak ada baris data", "No data rows"),
    "nik_kk_missing": ("NIK dan No. KK keduanya kosong", "Both NIK and No. KK are empty"),
    "more_problems": ("... dan {n} masalah lain", "... and {n} more problems"),
    # CLI summaries
    "imported": (
        "Diimpor {rows} baris {kind} dari {file} ({periods})", "Imported {rows} {kind} rows from {file} ({periods})"),
    "replaced": ("Menggantikan data impor sebelumnya: {files}", "Replaces earlier imported data: {files}"),
    "already_imported": (
        "{file} sudah diimpor pada {when} (isi sama); tidak ada yang diubah",
        "{file} was already imported on {when} (same content); nothing changed",
    ),
    "refused": (
        "{file} DITOLAK: {n} kesalahan; tidak ada data yang ditulis",
        "{file} REFUSED: {n} errors; nothing was written",
    ),
    "check_ok": (
        "{file}: lolos validasi ({rows} baris {kind}, {periods})", "{file}: valid ({rows} {kind} rows, {periods})"),
    "reading": ("Membaca {file}", "Reading {file}"),
    "validating_rows": ("Memvalidasi baris {first}–{last}", "Validating rows {first}–{last}"),
    "writing": ("Menulis ke basis data", "Writing to the database"),
    "deriving": ("Menyusun tabel turunan (pencocokan penerima dengan DTKS)", "Building derived tables"),
    "demo_files": ("Membuat berkas demo di {dir}", "Writing demo files to {dir}"),
    "demo_done": ("Basis data demo siap: {db}", "Demo database ready: {db}"),
    # pseudonymisation key refused (import, check, serve, app start): a wrong configuration, nothing written;
    # CLI exit status 2 (usage), not 1 (the data itself was not refused). Message first, then key_fix.
    "key_mismatch": (
        "Kunci penyamaran salah: basis data {db} dibuat dengan kunci {expected} (berkas {expected_file}), tetapi "
        "berkas kunci {path} berisi kunci {found}. Tidak ada yang ditulis.",
        "Wrong pseudonymisation key: database {db} was built with key {expected} (file {expected_file}), but key "
        "file {path} holds key {found}. Nothing was written.",
    ),
    "key_missing": (
        "Berkas kunci penyamaran {path} tidak ada, padahal basis data {db} dibuat dengan kunci {expected} (berkas "
        "{expected_file}). Tidak ada yang ditulis dan tidak dibuat kunci baru.",
        "Pseudonymisation key file {path} does not exist, but database {db} was built with key {expected} (file "
        "{expected_file}). Nothing was written and no new key was created.",
    ),
    "key_missing_legacy": (
        "Berkas kunci penyamaran {path} tidak ada, padahal basis data {db} sudah berisi NIK/No. KK tersamar (dari "
        "sebelum kunci dicatat di basis data). Tidak ada yang ditulis dan tidak dibuat kunci baru.",
        "Pseudonymisation key file {path} does not exist, but database {db} already holds NIK/No. KK pseudonymised "
        "before keys were recorded in the database. Nothing was written and no new key was created.",
    ),
    "key_fix": (
        "Perbaikan: arahkan RAKOR_SECRET_FILE (atau secret_file di rakor.toml) ke berkas kunci asli, atau pulihkan "
        "berkas itu dari cadangan. Jangan menimpa atau membuat ulang kunci: dengan kunci lain tidak ada penerima "
        "yang cocok dengan DTKS.",
        "To fix: point RAKOR_SECRET_FILE (or secret_file in rakor.toml) to the original key file, or restore that "
        "file from backup. Do not overwrite or recreate the key: with another key no recipient matches DTKS.",
    ),
    "key_created": (
        "Kunci penyamaran baru dibuat di {path}. Buat cadangannya, disimpan terpisah dari cadangan basis data "
        "(`rakor backup --with-key`): tanpa kunci ini, impor berikutnya tidak dapat dicocokkan dengan data yang "
        "sudah diimpor.",
        "A new pseudonymisation key was created at {path}. Back it up, kept apart from the database backup "
        "(`rakor backup --with-key`): without it, later imports cannot be matched to the data already imported.",
    ),
    # app
    "page_data": ("Data", "Data"),
    "page_rapat": ("Rapat", "Meetings"),
    "page_akses": ("Akun & audit", "Accounts & audit"),
    "data_heading": ("Data yang dimuat", "Data loaded"),
    "data_empty": (
        "Belum ada data. Impor berkas dengan `rakor import BERKAS` atau bangun demo dengan `rakor demo`.",
        "No data yet. Import files with `rakor import FILE` or build the demo with `rakor demo`.",
    ),
    "col_kind": ("Jenis data", "Data kind"),
    "col_file": ("Berkas", "File"),
    "col_periods": ("Periode", "Periods"),
    "col_rows": ("Baris", "Rows"),
    "col_warnings": ("Peringatan", "Warnings"),
    "col_source": ("Sumber", "Source"),
    "col_imported": ("Diimpor", "Imported"),
    "col_files": ("Berkas", "Files"),
    "col_last_file": ("Berkas terakhir", "Latest file"),
    "data_files": ("Rincian per berkas", "Details per file"),
    "data_latest": ("Impor terakhir per jenis data", "Latest import per data kind"),
    "until": ("s.d.", "to"),
    "upload_heading": ("Impor berkas baru", "Import a new file"),
    "upload_help": (
        "CSV atau XLSX dari SIKS-NG, SIPD, rekap TKSK, daftar penerima, target atau data penduduk; batas desa sebagai "
        "GeoJSON, Shapefile (.zip) atau GeoPackage. Berkas diperiksa dulu; jika ada kesalahan, tidak ada data yang "
        "berubah.",
        "CSV or XLSX from SIKS-NG, SIPD, TKSK recaps, recipient lists, targets or population; desa boundaries as "
        "GeoJSON, zipped Shapefile or GeoPackage. The file is checked first; if it has errors, no data changes.",
    ),
    "upload_button": ("Impor", "Import"),
    "warnings_heading": ("Peringatan validasi", "Validation warnings"),
    "freshness": (
        "Sumber: {n} berkas impor. Terakhir diimpor {when}.", "Source: {n} imported files. Last imported {when}."),
    "language": ("Bahasa", "Language"),
    "page_ringkasan": ("Ringkasan", "Summary"),
    "page_cakupan": ("Cakupan", "Coverage"),
    "page_capaian": ("Capaian target", "Target attainment"),
    "page_anggaran": ("Anggaran per bidang", "Budget by unit"),
    "page_peta": ("Peta PPKS", "PPKS map"),
    "page_perencanaan": ("Perencanaan", "Planning"),
    "filter_tahun": ("Tahun", "Year"),
    "filter_periode": ("Periode", "Period"),
    "filter_ke": ("Ke-", "Number"),
    "filter_kecamatan": ("Kecamatan", "Sub-district"),
    "filter_kabupaten": ("Kab/Kota", "District/city"),
    # what a page, table or map lists: a provinsi's kab/kota, a kab/kota's kecamatan, a kecamatan's desa
    # (dashboard/wilayah.py, dashboard/maps/geo.py levels)
    "level_kabupaten": ("kab/kota", "district/city"),
    "level_kecamatan": ("kecamatan", "sub-district"),
    "level_desa": ("desa", "village"),
    "all_kabupaten": ("Semua kab/kota", "All districts/cities"),
    "filter_program": ("Program", "Programme"),
    "all_kecamatan": ("Semua kecamatan", "All sub-districts"),
    "all_program": ("Semua program", "All programmes"),
    "granularity_tahun": ("Setahun", "Whole year"),
    "granularity_triwulan": ("Triwulan / tahap", "Quarter / tahap"),
    "granularity_bulan": ("Bulan", "Month"),
    "source": ("Sumber: {sources}.", "Source: {sources}."),
    "source_item": ("{file} ({kind}, diimpor {when})", "{file} ({kind}, imported {when})"),
    "no_data": (
        "Belum ada data {kinds} untuk pilihan ini. Impor berkasnya di halaman Data atau dengan `rakor import`.",
        "No {kinds} data for this selection yet. Import the files on the Data page or with `rakor import`.",
    ),
    "in_preparation": ("Halaman ini sedang disiapkan.", "This page is being prepared."),
    "error": ("KESALAHAN", "ERROR"),
    "warning": ("PERINGATAN", "WARNING"),
    "row": ("baris", "row"),
    "column": ("kolom", "column"),
    "sheet": ("lembar", "sheet"),
}


def register(messages: dict[str, tuple[str, str]]) -> None:
    """Add a page's or module's own messages; a key may be defined once only."""
    clash = set(messages) & set(MESSAGES)
    if clash:
        raise KeyError(f"message keys defined twice: {sorted(clash)}")
    MESSAGES.update(messages)


def t(key: str, lang: str = "id", **params: object) -> str:
    """Render message ``key`` in ``lang`` (``id`` or ``en``) with its parameters."""
    indonesian, english = MESSAGES[key]
    return (english if lang == "en" else indonesian).format(**params)
