"""Good files of every data kind import, and what is stored equals what the file says.

Wilayah used throughout are real Kabupaten Probolinggo codes: kecamatan 35.13.01 Sukapura (desa
35.13.01.2001 Ngadisari, 35.13.01.2002 Wonotoro) and kecamatan 35.13.21 Sumberasih.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from collections import Counter
from decimal import Decimal

import pytest

from dashboard.reference import normalise_name

SUKAPURA, SUMBERASIH = "35.13.01", "35.13.21"
NGADISARI, WONOTORO = "35.13.01.2001", "35.13.01.2002"

KK_A, KK_B = "3513010101000001", "3513010202000002"
NIK_A1, NIK_A2, NIK_A3 = "3513011503800001", "3513015208820002", "3513010101100003"
NIK_B1, NIK_B2 = "3513011203900004", "3513014506950005"

DTKS_HEADER = ["ID DTKS", "NO KK", "NIK", "NAMA", "JENIS KELAMIN", "TGL LAHIR", "HUBUNGAN KELUARGA",
               "KODE WILAYAH", "DESIL", "STATUS", "TGL UPDATE"]


def dtks_rows(name_b1: str = "MA'RUF", kode_a: str = NGADISARI, kode_b: str = WONOTORO) -> list[list[str]]:
    """Two households: one with a DTKS id (3 members), one known only by its No. KK (2 members)."""
    return [
        DTKS_HEADER,
        ["35130100000001", KK_A, NIK_A1, "SUPARMAN", "LAKI-LAKI", "1980-03-15", "KEPALA KELUARGA", kode_a, "3",
         "AKTIF", "2025-05-20"],
        ["35130100000001", KK_A, NIK_A2, "SITI AMINAH", "PEREMPUAN", "12/08/1982", "ISTRI", kode_a, "3", "AKTIF",
         "2025-05-20"],
        ["35130100000001", KK_A, NIK_A3, "AHMAD FAUZI", "L", "01-01-2010", "ANAK", kode_a, "3", "NONAKTIF",
         "2025-04-02"],
        ["", KK_B, NIK_B1, name_b1, "L", "1990-03-12", "Kepala Keluarga", kode_b, "6-10", "aktif", ""],
        ["", KK_B, NIK_B2, "NUR HASANAH", "P", "1995-06-05", "Istri", kode_b, "6-10", "aktif", ""],
    ]


# ------------------------------------------------------------------------------------------------ dtks


def test_dtks_individuals_and_households_are_stored_as_written(write_csv, import_one, settings, fetch):
    path = write_csv("dtks_sukapura.csv", dtks_rows())

    outcome = import_one(path)

    assert outcome.status == "imported", outcome.lines
    assert (outcome.kind, outcome.n_rows) == ("dtks", 5)
    assert outcome.lines[-1] == "Diimpor 5 baris dtks dari dtks_sukapura.csv (2025-05)"
    individu = fetch(settings, """
        select periode, id_dtks, no_kk_mask, nik_mask, nama, jenis_kelamin, tanggal_lahir, hubungan_keluarga,
               kode_wilayah, desil, desil_band, is_aktif, tanggal_update
        from dtks_individu order by nik_mask""")
    assert individu == [
        ("2025-05", "35130100000001", "351301******0001", "351301******0001", "SUPARMAN", "L",
         dt.date(1980, 3, 15), "kepala keluarga", NGADISARI, 3, None, True, dt.date(2025, 5, 20)),
        ("2025-05", "35130100000001", "351301******0001", "351301******0002", "SITI AMINAH", "P",
         dt.date(1982, 8, 12), "istri", NGADISARI, 3, None, True, dt.date(2025, 5, 20)),
        ("2025-05", "35130100000001", "351301******0001", "351301******0003", "AHMAD FAUZI", "L",
         dt.date(2010, 1, 1), "anak", NGADISARI, 3, None, False, dt.date(2025, 4, 2)),
        ("2025-05", None, "351301******0002", "351301******0004", "MA'RUF", "L",
         dt.date(1990, 3, 12), "kepala keluarga", WONOTORO, None, "6-10", True, None),
        ("2025-05", None, "351301******0002", "351301******0005", "NUR HASANAH", "P",
         dt.date(1995, 6, 5), "istri", WONOTORO, None, "6-10", True, None),
    ]
    keluarga = fetch(settings, """
        select k.keluarga_id = coalesce(i.id_dtks, i.no_kk_hash), k.kode_wilayah, k.desil, k.desil_band,
               k.is_aktif, k.n_art, k.tanggal_update
        from dtks_keluarga k join (select distinct id_dtks, no_kk_hash from dtks_individu) i
          on k.no_kk_hash = i.no_kk_hash
        order by k.kode_wilayah""")
    assert keluarga == [
        (True, NGADISARI, 3, None, True, 3, dt.date(2025, 5, 20)),
        (True, WONOTORO, None, "6-10", True, 2, None),
    ]
    log = fetch(settings, "select kind, file_name, periods, n_rows, n_warnings, source, status from import_log")
    assert log == [("dtks", "dtks_sukapura.csv", "2025-05", 5, 0, "DTKS", "aktif")]


@pytest.mark.parametrize(
    ("delimiter", "encoding", "bom", "name"),
    [
        pytest.param(",", "utf-8", False, "MA'RÜF", id="comma-utf8"),
        pytest.param(";", "utf-8", True, "MA'RÜF", id="semicolon-utf8-bom"),
        pytest.param("|", "cp1252", False, "JOSÉ MA'RÜF", id="pipe-windows1252"),
        pytest.param("\t", "utf-8", True, "É MA'RÜF", id="tab-utf8-bom"),
    ],
)
def test_dtks_delimiters_and_encodings(write_csv, import_one, settings, fetch, delimiter, encoding, bom, name):
    path = write_csv("dtks.csv", dtks_rows(name_b1=name), delimiter=delimiter, encoding=encoding, bom=bom)

    outcome = import_one(path)

    assert outcome.status == "imported", outcome.lines
    rows = fetch(settings, "select nama, kode_wilayah, nik_mask from dtks_individu order by nik_mask")
    assert rows == [
        ("SUPARMAN", NGADISARI, "351301******0001"), ("SITI AMINAH", NGADISARI, "351301******0002"),
        ("AHMAD FAUZI", NGADISARI, "351301******0003"), (name, WONOTORO, "351301******0004"),
        ("NUR HASANAH", WONOTORO, "351301******0005"),
    ]
    # the BOM must not end up in the first header: ID DTKS was recognised, so households group by it
    assert fetch(settings, "select count(*) from dtks_keluarga where keluarga_id = '35130100000001'") == [(1,)]


def test_windows1252_file_is_not_mistaken_for_utf8(write_csv, import_one, settings, fetch):
    path = write_csv("dtks_cp1252.csv", dtks_rows(name_b1="MA'RÜF É"), encoding="cp1252")
    assert b"\xdc" in path.read_bytes()  # really Windows-1252, not UTF-8

    assert import_one(path).status == "imported"
    assert fetch(settings, "select nama from dtks_individu where nik_mask = '351301******0004'") == [("MA'RÜF É",)]


@pytest.mark.parametrize(
    "written",
    ["35.13.01.2001", "3513012001", "3513012001.0", "35.13.1.2001", " 35.13.01.2001 "],
)
def test_kode_wilayah_forms_are_stored_dotted(write_csv, import_one, settings, fetch, written):
    path = write_csv("dtks.csv", dtks_rows(kode_a=written))

    assert import_one(path).status == "imported"
    assert fetch(settings, "select distinct kode_wilayah from dtks_individu where id_dtks is not null") == [
        (NGADISARI,)]


def test_dtks_excel_float_codes_in_xlsx_are_stored_dotted(write_xlsx, import_one, settings, fetch):
    rows = dtks_rows()
    rows[1][7] = 3513012001.0      # what Excel gives back for a code typed as a number
    rows[4][7] = 3513012002
    path = write_xlsx("dtks.xlsx", {"DTKS": rows})

    assert import_one(path).status == "imported"
    assert fetch(settings, "select kode_wilayah, count(*) from dtks_individu group by 1 order by 1") == [
        (NGADISARI, 3), (WONOTORO, 2)]


def test_dtsen_header_variants_are_recognised_and_the_source_kept(write_csv, import_one, settings, fetch):
    rows = [["ID DTSEN", "No. KK", "NIK", "Nama Lengkap", "JK", "Tgl Lahir", "SHDK", "Kode Desa", "Desil Nasional"],
            ["DTSEN-01", KK_A, NIK_A1, "SUPARMAN", "L", "1980-03-15", "Kepala Keluarga", NGADISARI, "2"],
            ["DTSEN-01", KK_A, NIK_A2, "SITI AMINAH", "P", "1982-08-12", "Istri", NGADISARI, "2"]]
    path = write_csv("dtsen.csv", rows)

    outcome = import_one(path, periode="2025-09")

    assert outcome.status == "imported", outcome.lines
    assert fetch(settings, "select periode, id_dtks, desil, jenis_kelamin from dtks_individu order by nik_mask") == [
        ("2025-09", "DTSEN-01", 2, "L"), ("2025-09", "DTSEN-01", 2, "P")]
    assert fetch(settings, "select keluarga_id, n_art from dtks_keluarga") == [("DTSEN-01", 2)]
    assert fetch(settings, "select source, periods from import_log") == [("DTSEN", "2025-09")]


def _sample_rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="|"))


def test_siksng_sample_matches_names_to_codes(sample_file, import_one, settings, fetch):
    path = sample_file("dtks_siksng_export.csv")
    source = _sample_rows(path)

    outcome = import_one(path, periode="2025-06")

    assert outcome.status == "imported", outcome.lines
    assert outcome.n_rows == len(source) == 120
    by_code = dict(fetch(settings, "select kode_wilayah, count(*) from dtks_individu group by 1"))
    assert by_code[WONOTORO] == 5                  # SUKAPURA | WONOTORO
    assert by_code["35.13.21.2004"] == 5           # SUMBERASIH | MUNENG KIDUL
    assert by_code["35.13.01.2009"] == 4           # SUKAPURA | SUKAPURA: desa named like its kecamatan
    assert by_code["35.13.02.2005"] == 4           # SUMBER | GEMITO, not confused with SUMBERASIH
    # every stored code is the reference desa of that name inside the named kecamatan
    stored = fetch(settings, """
        select upper(k.nama), upper(d.nama), count(*) from dtks_individu i
        join wilayah d on d.kode = i.kode_wilayah join wilayah k on k.kode = d.induk group by 1, 2""")
    expected = Counter((normalise_name(r["KECAMATAN"]), normalise_name(r["DESA/KELURAHAN"])) for r in source)
    assert Counter({(normalise_name(k), normalise_name(d)): n for k, d, n in stored}) == expected


def test_siksng_sample_flags_desil_and_households(sample_file, import_one, settings, fetch):
    path = sample_file("dtks_siksng_export.csv")
    source = _sample_rows(path)

    assert import_one(path, periode="2025-06").status == "imported"

    flags = fetch(settings, "select count_if(flag_bpnt), count_if(flag_pkh), count_if(flag_pbi) from dtks_individu")
    assert flags == [tuple(sum(r[c] == "YA" for r in source) for c in ("BPNT", "PKH", "PBI JKN"))]
    assert fetch(settings, "select count(*) from dtks_individu where desil_band = '6-10' and desil is null") == [
        (sum(r["DESIL"] == "6-10" for r in source),)]
    assert fetch(settings, "select count(*) from dtks_individu where desil is null and desil_band is null") == [
        (sum(r["DESIL"] == "" for r in source),)]
    assert fetch(settings, "select count(*), sum(n_art) from dtks_keluarga") == [
        (len({r["ID DTKS"] for r in source}), 120)]
    assert fetch(settings, "select jenis_kelamin, count(*) from dtks_individu group by 1 order by 1") == sorted(
        Counter("L" if r["JENIS KELAMIN"] == "LAKI-LAKI" else "P" for r in source).items())
    assert fetch(settings, "select distinct periode from dtks_individu") == [("2025-06",)]


# ------------------------------------------------------------------------------------------------ penerima

PENERIMA_HEADER = ["PROGRAM", "TAHUN", "TAHAP", "NIK", "NO KK", "NAMA", "KODE WILAYAH", "NOMINAL", "STATUS SALUR"]


def test_penerima_periode_nominal_and_status_are_normalised(write_csv, import_one, settings, fetch):
    rows = [PENERIMA_HEADER,
            ["PKH", "2025", "TAHAP II", NIK_A1, KK_A, "SUPARMAN", NGADISARI, "Rp 750.000", "Sudah Salur"],
            ["pkh", "2025", "Tahap 2", NIK_B1, KK_B, "MA'RUF", "3513012002", "Rp 1.234.567", "GAGAL"],
            ["PKH", "2025", "tahap-2", "", "3513010303000003", "SAMSUL", WONOTORO, "Rp. 225.000", "proses"]]
    path = write_csv("pkh_tahap2_2025.csv", rows, delimiter=";")

    outcome = import_one(path)

    assert outcome.status == "imported", outcome.lines
    assert outcome.lines[-1] == "Diimpor 3 baris penerima dari pkh_tahap2_2025.csv (PKH 2025 Tahap 2)"
    assert fetch(settings, """
        select program, tahun, periode, nik_mask, no_kk_mask, nama, kode_wilayah, nominal_rp, status_salur
        from penerima order by nominal_rp""") == [
        ("PKH", 2025, "Tahap 2", None, "351301******0003", "SAMSUL", WONOTORO, Decimal("225000.00"), "belum"),
        ("PKH", 2025, "Tahap 2", "351301******0001", "351301******0001", "SUPARMAN", NGADISARI,
         Decimal("750000.00"), "salur"),
        ("PKH", 2025, "Tahap 2", "351301******0004", "351301******0002", "MA'RUF", WONOTORO,
         Decimal("1234567.00"), "gagal"),
    ]


def test_penerima_month_names_become_year_month(write_csv, import_one, settings, fetch):
    rows = [["PROGRAM", "TAHUN", "BULAN PENYALURAN", "NIK", "KODE DESA", "NILAI BANTUAN"],
            ["BPNT / Sembako", "2025", "Maret", NIK_A1, NGADISARI, "200.000"],
            ["Sembako", "2025", "2025-04", NIK_A1, NGADISARI, "200.000"]]
    path = write_csv("bpnt_2025.csv", rows)

    assert import_one(path).status == "imported"
    assert fetch(settings, "select program, tahun, periode, nominal_rp from penerima order by periode") == [
        ("BPNT", 2025, "2025-03", Decimal("200000.00")), ("BPNT", 2025, "2025-04", Decimal("200000.00"))]


def test_penerima_xlsx_header_on_row_4_and_jumlah_row_not_imported(write_xlsx, import_one, settings, fetch):
    sheet = [["DAFTAR PENERIMA PKH"], ["KABUPATEN PROBOLINGGO"], [],
             ["NO", "PROGRAM", "TAHUN", "TAHAP", "NIK", "KODE WILAYAH", "NOMINAL"],
             [1, "PKH", 2025, "Tahap 1", NIK_A1, NGADISARI, 750000],
             [2, "PKH", 2025, "Tahap 1", NIK_B1, WONOTORO, "1.234.567,00"],
             [None, "JUMLAH", None, None, None, None, 1984567]]
    path = write_xlsx("pkh_tahap1.xlsx", {"Tahap 1": sheet})

    outcome = import_one(path)

    assert outcome.status == "imported", outcome.lines
    assert outcome.n_rows == 2
    assert fetch(settings, "select nik_mask, nominal_rp from penerima order by nominal_rp") == [
        ("351301******0001", Decimal("750000.00")), ("351301******0004", Decimal("1234567.00"))]
    assert fetch(settings, "select n_warnings from import_log") == [(0,)]   # the JUMLAH row adds up


def test_jumlah_row_that_does_not_add_up_is_a_logged_warning(write_xlsx, import_one, settings, fetch):
    sheet = [["DAFTAR PENERIMA PKH"], [], [],
             ["NO", "PROGRAM", "TAHUN", "TAHAP", "NIK", "KODE WILAYAH", "NOMINAL"],
             [1, "PKH", 2025, "Tahap 1", NIK_A1, NGADISARI, 750000],
             [2, "PKH", 2025, "Tahap 1", NIK_B1, WONOTORO, 750000],
             ["JUMLAH", None, None, None, None, None, 2000000]]
    path = write_xlsx("pkh_tahap1.xlsx", {"Tahap 1": sheet})

    outcome = import_one(path)

    assert outcome.status == "imported"
    warning = ("PERINGATAN: pkh_tahap1.xlsx, lembar Tahap 1, baris 7, kolom NOMINAL: "
               "Baris JUMLAH tertulis 2.000.000, jumlah baris data = 1.500.000")
    assert warning in outcome.lines
    assert fetch(settings, "select n_warnings, warnings from import_log") == [(1, warning)]
    assert fetch(settings, "select count(*), sum(nominal_rp) from penerima") == [(2, Decimal("1500000.00"))]


# ------------------------------------------------------------------------------------------------ ppks


def test_ppks_rekap_xlsx_year_from_title_and_categories(write_xlsx, import_one, settings, fetch):
    sheet = [["REKAPITULASI PPKS KABUPATEN PROBOLINGGO"], ["TAHUN 2025"], [],
             ["NO", "KODE WILAYAH", "KATEGORI", "JUMLAH"],
             [1, SUKAPURA, "Anak Terlantar", 12],
             [2, NGADISARI, "ODGJ", "1.234"],
             [3, SUMBERASIH, "Lansia Terlantar", 7],
             [None, "JUMLAH", None, 1253]]
    path = write_xlsx("ppks_rekap.xlsx", {"Rekap": sheet})

    outcome = import_one(path)

    assert outcome.status == "imported", outcome.lines
    assert fetch(settings, "select tahun, kode_wilayah, kategori, jumlah from ppks_rekap order by jumlah") == [
        (2025, SUMBERASIH, "lanjut usia terlantar", 7),
        (2025, SUKAPURA, "anak terlantar", 12),
        (2025, NGADISARI, "orang dengan gangguan jiwa (odgj)", 1234),
    ]
    assert fetch(settings, "select n_rows, n_warnings, periods from import_log") == [(3, 0, "2025")]


def test_ppks_kasus_date_forms(write_csv, import_one, settings, fetch):
    forms = ["2024-03-09", "09/03/2024", "09-03-2024", "45360", "9 Maret 2024"]
    stages = ["Asesmen", "Rencana Intervensi", "intervensi", "Terminasi", "MONITORING"]
    rows = [["ID KASUS", "KODE WILAYAH", "KATEGORI", "TGL LAPOR", "TAHAP"]] + [
        [f"K-{i}", NGADISARI if i % 2 else SUKAPURA, "Anak Jalanan", date, stage]
        for i, (date, stage) in enumerate(zip(forms, stages, strict=True), start=1)]
    path = write_csv("ppks_kasus.csv", rows)

    outcome = import_one(path)

    assert outcome.status == "imported", outcome.lines
    assert fetch(settings, "select id_kasus, tahun, tanggal_lapor, tahap, kategori from ppks_kasus order by 1") == [
        ("K-1", 2024, dt.date(2024, 3, 9), "asesmen", "anak jalanan"),
        ("K-2", 2024, dt.date(2024, 3, 9), "rencana_intervensi", "anak jalanan"),
        ("K-3", 2024, dt.date(2024, 3, 9), "intervensi", "anak jalanan"),
        ("K-4", 2024, dt.date(2024, 3, 9), "selesai", "anak jalanan"),
        ("K-5", 2024, dt.date(2024, 3, 9), "monitoring", "anak jalanan"),
    ]


def test_ppks_kasus_excel_serial_number_cell(write_xlsx, import_one, settings, fetch):
    sheet = [["ID KASUS", "KODE WILAYAH", "KATEGORI", "TGL LAPOR", "TAHAP"],
             ["K-1", NGADISARI, "Pengemis", 45360, "asesmen"],
             ["K-2", SUKAPURA, "Pemulung", "10/03/2024", "asesmen"]]
    path = write_xlsx("kasus.xlsx", {"Kasus": sheet})

    assert import_one(path).status == "imported"
    assert fetch(settings, "select id_kasus, tanggal_lapor from ppks_kasus order by 1") == [
        ("K-1", dt.date(2024, 3, 9)), ("K-2", dt.date(2024, 3, 10))]


def test_ppks_kasus_real_excel_date_cells(write_xlsx, import_one, settings, fetch):
    sheet = [["ID KASUS", "KODE WILAYAH", "KATEGORI", "TGL LAPOR", "TAHAP"],
             ["K-1", NGADISARI, "Pengemis", dt.datetime(2024, 3, 9), "asesmen"],
             ["K-2", SUKAPURA, "Pemulung", dt.datetime(2024, 3, 10), "asesmen"]]
    path = write_xlsx("kasus.xlsx", {"Kasus": sheet})

    outcome = import_one(path)

    assert outcome.status == "imported", outcome.lines
    assert fetch(settings, "select id_kasus, tanggal_lapor from ppks_kasus order by 1") == [
        ("K-1", dt.date(2024, 3, 9)), ("K-2", dt.date(2024, 3, 10))]


# ------------------------------------------------------------------------------------------------ psks


def test_psks_sumber(write_csv, import_one, settings, fetch):
    rows = [["JENIS", "NAMA", "KODE WILAYAH", "TAHUN"],
            ["Karang Taruna", "KT Tunas Muda", NGADISARI, "2025"],
            ["tksk", "Sri Hasan", SUMBERASIH, "2025"],
            ["Pekerja Sosial", "LKS Al Ikhlas", "35.13.21.2004", "2025"]]
    path = write_csv("psks_2025.csv", rows)

    assert import_one(path).status == "imported"
    assert fetch(settings, "select tahun, jenis, nama, kode_wilayah from psks_sumber order by nama") == [
        (2025, "Karang Taruna", "KT Tunas Muda", NGADISARI),
        (2025, "Pekerja Sosial", "LKS Al Ikhlas", "35.13.21.2004"),
        (2025, "TKSK", "Sri Hasan", SUMBERASIH),
    ]


def test_tksk_sample_months_from_sheet_names_and_missing_receipts(sample_file, import_one, settings, fetch):
    path = sample_file("psks_tksk_laporan_triwulan1_2025.xlsx")

    outcome = import_one(path)

    assert outcome.status == "imported", outcome.lines
    assert outcome.lines[-1] == ("Diimpor 72 baris psks dari psks_tksk_laporan_triwulan1_2025.xlsx "
                                 "(2025-01, 2025-02, 2025-03)")
    assert fetch(settings, "select tahun, bulan, count(*), count(distinct kode_kecamatan) from tksk_laporan "
                           "group by 1, 2 order by 1, 2") == [(2025, 1, 24, 24), (2025, 2, 24, 24), (2025, 3, 24, 24)]
    not_received = fetch(settings, "select bulan, kode_kecamatan, tanggal_terima from tksk_laporan "
                                   "where not is_diterima order by 1, 2")
    assert not_received == [(2, "35.13.08", None), (2, "35.13.12", None),           # Krucil, Paiton
                            (3, "35.13.02", None), (3, "35.13.06", None), (3, "35.13.23", None)]
    assert fetch(settings, "select count(*) from tksk_laporan where is_diterima and tanggal_terima is null") == [(0,)]
    assert fetch(settings, "select nama_tksk, tanggal_terima, jumlah_kasus, keterangan from tksk_laporan "
                           "where bulan = 1 and kode_kecamatan in ('35.13.01', '35.13.17') order by 1") == [
        ("Muhammad Rahman", dt.date(2025, 2, 14), 18, "terlambat"),   # Kec. Maron
        ("Sumiati Fauzi", dt.date(2025, 2, 4), 13, None),             # Kec. Sukapura
    ]
    assert fetch(settings, "select kode_kecamatan, jumlah_kasus from tksk_laporan where bulan = 3 "
                           "and kode_kecamatan = $k", {"k": SUMBERASIH}) == [(SUMBERASIH, 5)]
    assert fetch(settings, "select periods, period_first, period_last, n_periods from import_log") == [
        ("2025-01, 2025-02, 2025-03", "2025-01", "2025-03", 3)]


# ------------------------------------------------------------------------------------------------ target


def test_target_indikator_codes_and_numbers(write_csv, import_one, settings, fetch):
    rows = [["INDIKATOR", "KODE KECAMATAN", "TAHUN", "TARGET", "SATUAN", "REALISASI"],
            ["T-1 Verval DTKS", SUKAPURA, "2025", "1.234", "KK", ""],
            ["t2", "3513", "2025", "95,5", "persen", "80,25"],
            ["Cakupan PKH", SUMBERASIH, "2025", "500", "KPM", "450"]]
    path = write_csv("target_2025.csv", rows)

    assert import_one(path).status == "imported"
    assert fetch(settings, "select tahun, indikator, kode_wilayah, target, satuan, realisasi from target "
                           "order by indikator") == [
        (2025, "Cakupan PKH", SUMBERASIH, 500.0, "KPM", 450.0),
        (2025, "T1", SUKAPURA, 1234.0, "KK", None),
        (2025, "T2", "35.13", 95.5, "persen", 80.25),
    ]


def test_target_xlsx_decimal_cells_keep_their_value(write_xlsx, import_one, settings, fetch):
    sheet = [["INDIKATOR", "KODE WILAYAH", "TAHUN", "TARGET", "SATUAN"],
             ["T1", SUKAPURA, 2025, 12.125, "persen"], ["T2", SUMBERASIH, 2025, 7.375, "persen"]]
    path = write_xlsx("target.xlsx", {"Target": sheet})

    assert import_one(path).status == "imported"
    assert fetch(settings, "select indikator, target from target order by 1") == [("T1", 12.125), ("T2", 7.375)]


# ------------------------------------------------------------------------------------------------ anggaran


def test_anggaran_xlsx_levels_title_month_and_indonesian_numbers(write_xlsx, import_one, settings, fetch):
    sheet = [["LAPORAN REALISASI ANGGARAN"], ["s.d. Bulan : MARET 2025"], [],
             ["Kode Rekening", "Uraian", "Anggaran", "Realisasi Bulan Ini", "Realisasi s.d. Bulan Ini"],
             ["1.06.04", "PROGRAM REHABILITASI SOSIAL", "1.000.000,00", "150.000,50", "300.000,50"],
             ["1.06.04.2.01", "Kegiatan A", "600.000,00", "100.000,00", "200.000,00"],
             ["1.06.04.2.01.0001", "Sub kegiatan A1", "600.000,00", "100.000,00", "200.000,00"],
             ["1.06.04.2.02", "Kegiatan B", "400.000,00", "50.000,50", "100.000,50"],
             [None, "JUMLAH BELANJA", "1.000.000,00", "150.000,50", "300.000,50"]]
    path = write_xlsx("lra_maret.xlsx", {"LRA": sheet})

    outcome = import_one(path)

    assert outcome.status == "imported", outcome.lines
    assert fetch(settings, """
        select tahun, bulan, kode_rekening, level, pagu_rp, realisasi_bulan_rp, realisasi_kumulatif_rp
        from anggaran_realisasi order by kode_rekening""") == [
        (2025, 3, "1.06.04", "program", Decimal("1000000.00"), Decimal("150000.50"), Decimal("300000.50")),
        (2025, 3, "1.06.04.2.01", "kegiatan", Decimal("600000.00"), Decimal("100000.00"), Decimal("200000.00")),
        (2025, 3, "1.06.04.2.01.0001", "sub kegiatan", Decimal("600000.00"), Decimal("100000.00"),
         Decimal("200000.00")),
        (2025, 3, "1.06.04.2.02", "kegiatan", Decimal("400000.00"), Decimal("50000.50"), Decimal("100000.50")),
    ]
    assert fetch(settings, "select n_warnings, source, periods from import_log") == [(0, "SIPD", "2025-03")]


def test_anggaran_csv_english_numbers(write_csv, import_one, settings, fetch):
    rows = [["Kode Rekening", "Uraian", "Pagu", "Realisasi s.d. Bulan Ini"],
            ["1.06.05", "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL", "1,234,567.50", "617,283.75"],
            ["1.06.05.2.02", "Pengelolaan Data Fakir Miskin", "1,234,567.50", "617,283.75"]]
    path = write_csv("lra 2025-04.csv", rows)

    outcome = import_one(path)

    assert outcome.status == "imported", outcome.lines
    assert fetch(settings, "select tahun, bulan, kode_rekening, level, pagu_rp, realisasi_kumulatif_rp "
                           "from anggaran_realisasi order by 3") == [
        (2025, 4, "1.06.05", "program", Decimal("1234567.50"), Decimal("617283.75")),
        (2025, 4, "1.06.05.2.02", "kegiatan", Decimal("1234567.50"), Decimal("617283.75")),
    ]


def test_sipd_sample_title_month_levels_and_level_sum_warnings(sample_file, import_one, settings, fetch):
    path = sample_file("anggaran_sipd_lra_juni2025.xlsx")

    outcome = import_one(path)

    assert outcome.status == "imported", outcome.lines
    assert outcome.lines[-1] == "Diimpor 13 baris anggaran dari anggaran_sipd_lra_juni2025.xlsx (2025-06)"
    assert fetch(settings, "select tahun, bulan, level, count(*) from anggaran_realisasi group by all order by 3") == [
        (2025, 6, "kegiatan", 8), (2025, 6, "program", 5)]
    assert fetch(settings, "select pagu_rp, realisasi_bulan_rp, realisasi_kumulatif_rp, uraian "
                           "from anggaran_realisasi where kode_rekening = '1.06.04.2.01'") == [
        (Decimal("940000000.00"), Decimal("33941000.00"), Decimal("207144000.00"),
         "Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar, Anak Terlantar, Lanjut Usia Terlantar, "
         "serta Gelandangan Pengemis di Luar Panti Sosial")]
    assert fetch(settings, "select count(*) from anggaran_realisasi where uraian ilike '%jumlah%'") == [(0,)]
    (n_warnings, warnings, source), = fetch(settings, "select n_warnings, warnings, source from import_log")
    assert source == "SIPD"
    assert n_warnings > 0
    assert n_warnings == len(warnings.splitlines())
    assert ("PERINGATAN: anggaran_sipd_lra_juni2025.xlsx, lembar LRA SKPD, baris 7, kolom Anggaran: "
            "1.06.01 tertulis Rp 6.250.000.000, jumlah rincian di bawahnya = Rp 85.000.000") in warnings.splitlines()


def test_anggaran_year_and_month_from_csv_file_name_with_underscores(write_csv, import_one, settings, fetch):
    rows = [["Kode Rekening", "Uraian", "Anggaran", "Realisasi s.d. Bulan Ini"],
            ["1.06.04", "PROGRAM REHABILITASI SOSIAL", "1.000.000", "250.000"]]
    path = write_csv("lra_juni_2025.csv", rows)

    outcome = import_one(path)

    assert outcome.status == "imported", outcome.lines
    assert fetch(settings, "select tahun, bulan from anggaran_realisasi") == [(2025, 6)]


# ------------------------------------------------------------------------------------------------ penduduk


def test_penduduk_replaces_the_shipped_figure_for_that_code_and_year(write_csv, import_one, settings, fetch):
    assert fetch(settings, "select jumlah_penduduk from penduduk where kode_wilayah = '35.13' and tahun = 2025") == [
        (1200931,)]
    rows = [["KODE WILAYAH", "NAMA WILAYAH", "TAHUN", "JUMLAH PENDUDUK", "LAKI-LAKI", "PEREMPUAN"],
            ["35.13", "Kab. Probolinggo", "2025", "1.180.000", "590.000", "590.000"],
            [SUKAPURA, "Sukapura", "2025", "19.500", "9.700", "9.800"],
            [NGADISARI, "Ngadisari", "2025", "1.730", "860", "870"]]
    path = write_csv("penduduk_2025.csv", rows)

    assert import_one(path).status == "imported"
    assert fetch(settings, "select kode_wilayah, jumlah_penduduk, laki_laki, perempuan, sumber from penduduk "
                           "where kode_wilayah like '35.13%' order by 1") == [
        ("35.13", 1180000, 590000, 590000, "penduduk_2025.csv"),
        (SUKAPURA, 19500, 9700, 9800, "penduduk_2025.csv"),
        (NGADISARI, 1730, 860, 870, "penduduk_2025.csv"),
    ]
    # other kabupaten keep their shipped figures
    assert fetch(settings, "select count(*) from penduduk where import_id is null") == [(551,)]


# ------------------------------------------------------------------------------------------------ reader quirks
# Each was a bug when this suite was written (fixed in 0587683): what a real office file does must keep working.


def test_dtks_xlsx_numeric_status_and_flags(write_xlsx, import_one, settings, fetch):
    sheet = [["NIK", "NAMA", "KODE WILAYAH", "STATUS", "PKH"],
             [NIK_A1, "SUPARMAN", NGADISARI, 1, 1],
             [NIK_A2, "SITI AMINAH", NGADISARI, 0, None],
             [NIK_A3, "AHMAD FAUZI", NGADISARI, 1, 0]]
    path = write_xlsx("dtks.xlsx", {"DTKS": sheet})

    outcome = import_one(path, periode="2025-06")

    assert outcome.status == "imported", outcome.lines
    assert fetch(settings, "select nik_mask, is_aktif, flag_pkh from dtks_individu order by 1") == [
        ("351301******0001", True, True), ("351301******0002", False, None), ("351301******0003", True, False)]


def test_xlsx_with_a_wrong_dimension_tag(write_xlsx, import_one, settings, fetch, files_dir):
    sheet = [["INDIKATOR", "KODE WILAYAH", "TAHUN", "TARGET"], ["T1", SUKAPURA, 2025, 5], ["T2", SUKAPURA, 2025, 6]]
    good = write_xlsx("target_good.xlsx", {"Target": sheet})
    path = files_dir / "target.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', data)
            target.writestr(item, data)

    outcome = import_one(path)

    assert outcome.status == "imported", outcome.lines
    assert fetch(settings, "select indikator, target from target order by 1") == [("T1", 5.0), ("T2", 6.0)]


def test_csv_rows_without_trailing_empty_fields(files_dir, import_one, settings, fetch):
    path = files_dir / "target.csv"
    path.write_text("INDIKATOR,KODE WILAYAH,TAHUN,TARGET,SATUAN\nT1,35.13.01,2025,5\nT2,35.13.01,2025,6,KK\n",
                    encoding="utf-8")

    outcome = import_one(path)

    assert outcome.status == "imported", outcome.lines
    assert fetch(settings, "select indikator, target, satuan from target order by 1") == [
        ("T1", 5.0, None), ("T2", 6.0, "KK")]
