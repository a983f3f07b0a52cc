"""Anggaran queries (B1-B4) against pandas recomputed straight from the generated SIPD LRA and anggaran kas files.

The recomputation (tests/support/budget.py) reads the workbooks the way an analyst would.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.filters import MONTH, QUARTER, Filters
from dashboard.views.anggaran import load_anggaran
from tests.support.budget import MONEY, as_of_month, expected_by, expected_curve, expected_sub, lra_months


def _compare(actual: pd.DataFrame, expected: pd.DataFrame, columns: list[str]) -> None:
    for column in columns:
        got, want = actual[column].astype(float), expected[column].astype(float)
        assert list(got.index) == list(want.index), column
        assert got.to_numpy() == pytest.approx(want.to_numpy(), abs=0.005, nan_ok=True), column


CASES = [Filters(2026), Filters(2025), Filters(2026, QUARTER, 2), Filters(2026, MONTH, 11), Filters(2025, MONTH, 3)]


@pytest.mark.parametrize("filters", CASES, ids=str)
def test_absorption_by_bidang_matches_files(run, demo, settings, filters):
    bulan = as_of_month(demo.files, filters.tahun, filters.months[1])
    actual = run("absorption_pct_by_bidang", tahun=filters.tahun, bulan=filters.months[1]).set_index("bidang")
    expected = expected_by(demo.files, settings.bidang, filters.tahun, bulan, ["bidang"])
    assert set(actual["bulan"]) == {bulan}
    _compare(actual.sort_index(), expected.sort_index(), [*MONEY, "absorption_pct"])


def test_as_of_month_is_capped_at_the_last_lra(run, demo):
    assert run("absorption_pct_by_bidang", tahun=2026, bulan=12)["bulan"].unique().tolist() == [
        max(lra_months(demo.files, 2026))]
    assert run("absorption_pct_by_bidang", tahun=2024, bulan=12).empty


def test_longest_prefix_wins(run):
    """1.06.05.2.02 is Penanganan Fakir Miskin, the rest of programme 1.06.05 Perlindungan dan Jaminan Sosial."""
    program = run("absorption_pct_by_program", tahun=2026, bulan=10, bidang="")
    assert set(program[program["kode_program"] == "1.06.05"]["bidang"]) == {
        "Penanganan Fakir Miskin", "Perlindungan dan Jaminan Sosial"}


@pytest.mark.parametrize("bidang", ["", "Perlindungan dan Jaminan Sosial", "Rehabilitasi Sosial"])
def test_absorption_by_program_matches_files(run, demo, settings, bidang):
    actual = run("absorption_pct_by_program", tahun=2026, bulan=9, bidang=bidang).set_index(
        ["bidang", "kode_program"]).sort_index()
    expected = expected_by(demo.files, settings.bidang, 2026, 9, ["bidang", "kode_program"])
    if bidang:
        expected = expected.loc[[bidang]]
    _compare(actual, expected.sort_index(), [*MONEY, "absorption_pct"])
    assert actual["program"].str.startswith("PROGRAM").all()


@pytest.mark.parametrize("bidang", ["", "Penanganan Fakir Miskin"])
def test_absorption_by_subkegiatan_matches_files(run, demo, settings, bidang):
    actual = run("absorption_pct_by_subkegiatan", tahun=2025, bulan=6, bidang=bidang).set_index("kode_rekening")
    expected = expected_sub(demo.files, settings.bidang, 2025, 6).set_index("kode")
    if bidang:
        expected = expected[expected["bidang"] == bidang]
    _compare(actual, expected.sort_index(), [*MONEY, "absorption_pct"])
    assert list(actual["uraian"]) == list(expected.sort_index()["uraian"])


@pytest.mark.parametrize(("tahun", "last_month", "bidang"), [(2026, 12, ""), (2026, 6, "Rehabilitasi Sosial"),
                                                               (2025, 12, "Sekretariat")])
def test_cumulative_curve_matches_files(run, demo, settings, tahun, last_month, bidang):
    actual = run("realisasi_cumulative_by_month", tahun=tahun, bulan=last_month, bidang=bidang).set_index("bulan")
    expected = expected_curve(demo.files, settings.bidang, tahun, last_month, bidang)
    _compare(actual, expected, ["realisasi_kumulatif_rp", "anggaran_kas_kumulatif_rp"])


def test_yoy_matches_files(run, demo, settings):
    bulan = as_of_month(demo.files, 2026, 12)
    actual = run("absorption_yoy_by_bidang", tahun=2026, bulan=12).set_index("bidang").sort_index()
    now = expected_by(demo.files, settings.bidang, 2026, bulan, ["bidang"])
    before = expected_by(demo.files, settings.bidang, 2025, bulan, ["bidang"])
    _compare(actual, now.sort_index(), ["pagu_rp", "realisasi_rp", "absorption_pct"])
    assert actual["absorption_prev_pct"].to_numpy() == pytest.approx(
        before.sort_index()["absorption_pct"].to_numpy(), abs=0.005)
    # 2025 has no previous year in the demo: the comparison is empty, not zero
    assert run("absorption_yoy_by_bidang", tahun=2025, bulan=12)["absorption_prev_pct"].isna().all()


def test_loader_runs_every_query_with_its_parameters(run, demo):
    data = load_anggaran(run, Filters(2026, QUARTER, 4, "35.13.16", "PKH"), None, bidang="Sekretariat")
    assert data.bulan == as_of_month(demo.files, 2026, 12)
    assert set(data.by_program["bidang"]) == {"Sekretariat"}
    assert len(data.curve) == 12
