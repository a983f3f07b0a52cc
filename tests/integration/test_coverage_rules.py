"""C3-C5 on households built for each rule of docs/INDICATORS.md, imported through the real importers.

One kecamatan (35.13.01 Sukapura), one DTKS file and one recipient file; every household exercises one rule:

=====  =========================  ===============================  ==========================================
 hh    DTKS                       recipient rows (2025 Tahap 1)    what it tests
=====  =========================  ===============================  ==========================================
 H1    desil 3, aktif             PKH salur                        an eligible KPM
 H2    desil 3, aktif             PKH belum                        belum-only: pending, never KPM, excluded
 H3    desil 2, aktif             BPNT gagal                       gagal-only: pending, excluded
 H4    desil 7, aktif             PKH salur                        inclusion error (desil above 4)
 H5    desil empty, aktif         PKH salur                        not ranked: apart, not an error
 H6    desil 4, nonaktif          PKH salur                        inclusion error (inactive)
 H7    desil 5, aktif             PKH salur, PBI-JK (no status)    error for PKH (4), not for PBI-JK (5)
 H8    desil 1, aktif             none                             excluded, not pending
 U1    (not in DTKS)              PKH salur                        unmatched: C6 only, never in C5
=====  =========================  ===============================  ==========================================
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pytest

from dashboard.db import connect_readonly
from dashboard.filters import QUARTER, Filters
from dashboard.queries import run_query
from dashboard.views import cakupan

SUKAPURA, NGADISARI = "35.13.01", "35.13.01.2001"
DTKS_HEADER = ["ID DTKS", "NO KK", "NIK", "NAMA", "JENIS KELAMIN", "TGL LAHIR", "HUBUNGAN KELUARGA",
               "KODE WILAYAH", "DESIL", "STATUS", "TGL UPDATE"]
PENERIMA_HEADER = ["PROGRAM", "TAHUN", "TAHAP", "NIK", "NO KK", "NAMA", "KODE WILAYAH", "NOMINAL", "STATUS SALUR"]
HOUSEHOLDS = {"H1": ("3", "AKTIF"), "H2": ("3", "AKTIF"), "H3": ("2", "AKTIF"), "H4": ("7", "AKTIF"),
              "H5": ("", "AKTIF"), "H6": ("4", "NONAKTIF"), "H7": ("5", "AKTIF"), "H8": ("1", "AKTIF")}
RECEIVED = [("PKH", "H1", "SALUR"), ("PKH", "H2", "BELUM"), ("BPNT", "H3", "GAGAL"), ("PKH", "H4", "SALUR"),
            ("PKH", "H5", "SALUR"), ("PKH", "H6", "SALUR"), ("PKH", "H7", "SALUR"), ("PBI-JK", "H7", ""),
            ("PKH", "U1", "SALUR")]
CUTOFFS = {"default": 4, "PKH": 4, "BPNT": 4, "PBI-JK": 5}


def _kk(hh: str) -> str:
    return f"35130101{int(hh[1:]) + (50 if hh[0] == 'U' else 0):08d}"


def _nik(hh: str) -> str:
    return f"35130115038{int(hh[1:]) + (50 if hh[0] == 'U' else 0):05d}"


@pytest.fixture
def coverage_db(write_csv, import_one, settings):
    dtks = [DTKS_HEADER] + [
        [f"3513010000000{hh[1]}", _kk(hh), _nik(hh), f"KEPALA {hh}", "L", "1980-03-15", "KEPALA KELUARGA",
         NGADISARI, desil, status, "2025-01-10"] for hh, (desil, status) in HOUSEHOLDS.items()]
    recipients = [PENERIMA_HEADER] + [
        [program, "2025", "Tahap 1", _nik(hh), _kk(hh), f"KEPALA {hh}", NGADISARI, "750000", status]
        for program, hh, status in RECEIVED]
    for path in (write_csv("dtks_2025-01.csv", dtks), write_csv("penerima_2025.csv", recipients)):
        outcome = import_one(path)
        assert outcome.status == "imported", outcome.lines
    settings = replace(settings, desil_cutoff=CUTOFFS)
    con = connect_readonly(settings.database)
    yield partial(run_query, con), settings
    con.close()


def _sukapura(run, settings, program: str | None) -> dict[str, float]:
    data = cakupan.load_kecamatan_level(run, Filters(2025, QUARTER, 1, None, program), settings)
    return data.kabupaten.set_index("kode").loc[SUKAPURA].to_dict()


def test_pkh_counts_only_received_rows_and_ranked_matched_kpm(coverage_db):
    row = _sukapura(*coverage_db, "PKH")
    assert row["n_eligible"] == 4                 # H1 H2 H3 H8 (H6 inactive, H7 desil 5)
    assert row["n_eligible_kpm"] == 1             # H1; H2's row is 'belum'
    assert row["n_eligible_pending"] == 1         # H2
    assert row["n_excluded"] == 3                 # H2 H3 H8: nothing received
    assert row["n_excluded_pending"] == 2         # H2 H3
    assert row["n_kpm"] == 5                      # H1 H4 H5 H6 H7 (U1 unmatched, H2 pending)
    assert row["n_kpm_pending"] == 1              # H2
    assert row["n_no_desil"] == 1                 # H5: apart
    assert row["n_kpm_ranked"] == 4
    assert row["n_inclusion"] == 3                # H4 desil 7, H6 inactive, H7 desil 5 > 4
    assert row["inclusion_pct"] == pytest.approx(75.0)
    assert (row["n_rows"], row["n_unmatched"], row["n_unmatched_kpm"]) == (7, 1, 1)


def test_all_programmes_use_each_programmes_cutoff(coverage_db):
    row = _sukapura(*coverage_db, None)
    assert (row["n_eligible"], row["n_eligible_kpm"], row["n_eligible_pending"]) == (4, 1, 2)  # H3 pending BPNT
    assert row["n_kpm"] == 5
    assert row["n_inclusion"] == 3                # H7: PBI-JK allows desil 5, PKH does not
    assert row["n_kpm_ranked"] == 4


def test_pbi_jk_without_status_counts_as_received_and_desil_5_is_eligible(coverage_db):
    row = _sukapura(*coverage_db, "PBI-JK")
    assert row["n_eligible"] == 5                 # desil <= 5: H1 H2 H3 H7 H8
    assert (row["n_eligible_kpm"], row["n_kpm"], row["n_inclusion"]) == (1, 1, 0)
    assert row["inclusion_pct"] == 0


def test_followup_lists_follow_the_same_rules(coverage_db):
    run, settings = coverage_db
    data = cakupan.load_cakupan(run, Filters(2025, QUARTER, 1, SUKAPURA, None), settings)
    inclusion = data.lists["inclusion"].set_index("nama")
    assert sorted(inclusion.index) == ["KEPALA H4", "KEPALA H6", "KEPALA H7"]
    assert inclusion.loc["KEPALA H7", "cutoff"] == 4 and inclusion.loc["KEPALA H6", "reason_code"] == "nonaktif"
    exclusion = data.lists["exclusion"].set_index("nama")
    assert sorted(exclusion.index) == ["KEPALA H2", "KEPALA H3", "KEPALA H8"]
    reasons = dict(zip(cakupan.followup_table(data, "exclusion")["Nama"],
                       cakupan.followup_table(data, "exclusion")["Alasan"], strict=True))
    assert reasons["KEPALA H3"] == "Layak (desil 2); BPNT belum/gagal salur"
    assert reasons["KEPALA H8"] == "Layak (desil 1) tetapi tidak menerima program apa pun"
    assert cakupan.side_note(data, "C3") == "+2 keluarga layak menunggu salur/gagal salur (tidak dihitung sebagai KPM)"
    assert cakupan.side_note(data, "C5") == "1 KPM tanpa desil (belum diperingkat) dihitung terpisah"
    assert list(data.lists["unmatched"]["nama"]) == ["KEPALA U1"]
