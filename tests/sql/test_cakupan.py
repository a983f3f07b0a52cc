"""Cakupan queries (C1-C6 and the follow-up lists) against pandas recomputed from the generated demo files.

The expected side (tests/support/coverage.py) never touches the warehouse: it reads the DTKS and recipient files as
an analyst would and applies the rules of docs/INDICATORS.md. The rules' corner cases (belum-only, gagal-only,
unmatched, no desil, inactive, PKH + PBI-JK at desil 5) are tested on built households in
tests/integration/test_coverage_rules.py.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from dashboard.filters import MONTH, QUARTER, YEAR, Filters
from dashboard.views import cakupan
from tests.support.coverage import (
    COUNT_COLUMNS,
    KABUPATEN,
    KECAMATAN,
    dtks_households,
    dtks_people,
    expected_counts,
    expected_coverage,
    rows_in_span,
)


def _actual(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    shown = frame.set_index("kode")[columns]
    return shown[shown.sum(axis=1) > 0].astype(int)


def _coverage_params(filters: Filters, cutoff: int = 4) -> dict[str, object]:
    return {"tahun": filters.tahun, "periods": filters.periode_labels, "program": filters.program, "cutoff": cutoff,
            "cutoff_programs": [], "cutoff_values": []}


def test_dtks_count_by_wilayah_matches_files(run, demo):
    for parent, child_len in ((KABUPATEN, 8), (KECAMATAN, 13)):
        result = run("dtks_count_by_wilayah", parent=parent, child_len=child_len)
        expected = expected_counts(demo.files, parent)
        pd.testing.assert_frame_equal(_actual(result, ["n_individu", "n_keluarga"]), expected, check_names=False)


def test_dtks_share_uses_newest_population(run, demo):
    result = run("dtks_count_by_wilayah", parent=KABUPATEN, child_len=8).set_index("kode")
    population = pd.read_csv(next(demo.files.glob("penduduk_*.csv")), dtype={"kode_wilayah": str})
    population = population.set_index("kode_wilayah")["jumlah_penduduk"]
    kecamatan = result.index
    assert (result["tahun_penduduk"] == 2026).all()
    pd.testing.assert_series_equal(result["n_penduduk"].astype(int), population.reindex(kecamatan).astype(int),
                                   check_names=False)
    share = 100.0 * result["n_individu"] / population.reindex(kecamatan)
    assert (result["dtks_share_pct"] - share).abs().max() < 1e-9


CASES = [
    Filters(2026, YEAR, None, None, None),
    Filters(2026, QUARTER, 2, None, "PKH"),
    Filters(2025, QUARTER, 4, None, "PBI-JK"),
    Filters(2026, QUARTER, 1, KECAMATAN, "BPNT"),
    Filters(2026, MONTH, 5, KECAMATAN, None),
]


@pytest.mark.parametrize("filters", CASES, ids=lambda f: f"{f.tahun}-{f.granularity}{f.period}-{f.program}")
def test_coverage_pct_by_wilayah_matches_files(run, demo, filters):
    parent = filters.kecamatan or KABUPATEN
    result = run("coverage_pct_by_wilayah", parent=parent, child_len=13 if filters.kecamatan else 8,
                 **_coverage_params(filters))
    expected = expected_coverage(demo.files, filters, parent=parent)
    pd.testing.assert_frame_equal(_actual(result, COUNT_COLUMNS), expected, check_names=False)
    row = result.set_index("kode").loc[expected.index[0]]
    assert row["coverage_pct"] == pytest.approx(100 * row["n_eligible_kpm"] / row["n_eligible"])
    assert row["inclusion_pct"] == pytest.approx(100 * row["n_inclusion"] / row["n_kpm_ranked"])
    assert row["unmatched_pct"] == pytest.approx(100 * row["n_unmatched"] / row["n_rows"])


def test_demo_holds_every_case_the_rules_separate(run, demo):
    """The demo exercises pending, unranked and unmatched recipients, so the page shows what the rules are for."""
    total = expected_coverage(demo.files, Filters(2026, YEAR)).sum()
    assert total["n_eligible_pending"] > 0 and total["n_excluded_pending"] > 0 and total["n_kpm_pending"] > 0
    assert total["n_unmatched_kpm"] > 0 and total["n_inclusion"] > 0


def test_cutoff_is_a_parameter(run, demo):
    filters = Filters(2026, QUARTER, 3, None, "PKH")
    result = run("coverage_pct_by_wilayah", parent=KABUPATEN, child_len=8, **_coverage_params(filters, cutoff=6))
    expected = expected_coverage(demo.files, filters, {"default": 6})
    pd.testing.assert_frame_equal(_actual(result, COUNT_COLUMNS), expected, check_names=False)


def test_each_programmes_cutoff_applies_with_all_programmes(run, demo):
    filters = Filters(2026, YEAR, None, None, None)
    cutoffs = {"default": 4, "PBI-JK": 5, "ATENSI": 6}
    params = _coverage_params(filters) | {"cutoff_programs": ["PBI-JK", "ATENSI"], "cutoff_values": [5, 6]}
    result = run("coverage_pct_by_wilayah", parent=KABUPATEN, child_len=8, **params)
    expected = expected_coverage(demo.files, filters, cutoffs)
    pd.testing.assert_frame_equal(_actual(result, COUNT_COLUMNS), expected, check_names=False)


def _list_params(filters: Filters) -> dict[str, object]:
    return {"kecamatan": KECAMATAN, "tahun": filters.tahun, "periods": filters.periode_labels}


def test_followup_lists_match_indicator_counts_and_files(run, demo):
    filters = Filters(2026, QUARTER, 2, KECAMATAN, "PKH")
    expected = expected_coverage(demo.files, filters, parent=KECAMATAN).sum()
    exclusion = run("followup_exclusion_by_desa", cutoff=4, **_list_params(filters))
    inclusion = run("followup_inclusion_by_desa", kecamatan=KECAMATAN, **_coverage_params(filters))
    unmatched = run("followup_unmatched_by_desa", program="PKH", **_list_params(filters))
    assert len(exclusion) == expected["n_excluded"] > 0
    assert exclusion["pending_programs"].notna().sum() == expected["n_excluded_pending"]
    assert len(inclusion) == expected["n_inclusion"] > 0
    assert len(unmatched) > 0
    assert (exclusion["desil"] <= 4).all()
    # names on the exclusion list are the heads of the excluded households, per desa
    households, people = dtks_households(demo.files), dtks_people(demo.files)
    rows = rows_in_span(demo.files, filters)
    served = rows.loc[rows["received"], "hh"].dropna()
    excluded = households[households["aktif"] & (households["desil"] <= 4) & households["kode"].str.startswith(
        KECAMATAN + ".") & ~households.index.isin(served)]
    heads = people[people["Hubungan Keluarga"].str.upper() == "KEPALA KELUARGA"].set_index("ID DTKS")["Nama"]
    assert sorted(zip(exclusion["kode_desa"], exclusion["nama"], strict=True)) == sorted(
        zip(excluded["kode"], heads.reindex(excluded.index), strict=True))
    # unmatched people: names of the PKH rows of the kecamatan that match no household
    pkh = rows[(rows["program"] == "PKH") & rows["hh"].isna() & rows["kode"].str.startswith(KECAMATAN + ".")]
    assert sorted(unmatched["nama"]) == sorted(pkh.drop_duplicates(["nik", "kk"])["nama"])
    assert unmatched["n_rows"].sum() == len(pkh) == expected["n_unmatched"]


def test_followup_masked_nik_only(run, demo):
    filters = Filters(2026, YEAR, None, KECAMATAN, None)
    for name, extra in (("followup_exclusion_by_desa", {"cutoff": 4}),
                        ("followup_inclusion_by_desa", {"cutoff": 4, "program": None, "cutoff_programs": [],
                                                        "cutoff_values": []}),
                        ("followup_unmatched_by_desa", {"program": None})):
        frame = run(name, **_list_params(filters), **extra)
        assert frame["nik_mask"].str.fullmatch(r"\d{6}\*{6}\d{4}").all(), name
        assert not any("hash" in column for column in frame.columns), name


def test_loader_and_excel_export(run, demo, settings):
    filters = Filters(2026, QUARTER, 2, KECAMATAN, "PKH")
    data = cakupan.load_cakupan(run, filters, settings)
    expected = expected_coverage(demo.files, filters)
    table = cakupan.coverage_table(data)
    assert table.index[0] == "KEC. SUKAPURA"
    total = expected.loc[KECAMATAN]
    assert table.iloc[0]["C3 Cakupan"] == cakupan.format_pct(
        100 * total["n_eligible_kpm"] / total["n_eligible"])
    sheet = cakupan.followup_table(data, "exclusion")
    workbook = cakupan.followup_xlsx(sheet, cakupan.excel_title(data, "exclusion"))
    back = pd.read_excel(io.BytesIO(workbook), header=2, dtype=str)
    assert list(back.columns) == ["Desa", "NIK (disamarkan)", "Nama", "Alasan"]
    assert len(back) == total["n_excluded"]
    name = cakupan.followup_file_name(data, "exclusion")
    assert name == "cakupan_salah_eksklusi_kec_sukapura_2026_triwulan_2_pkh.xlsx"
    figure = cakupan.indicator_bar(data, "C3").to_dict()
    assert figure["data"][0]["type"] == "bar" and figure["data"][0]["orientation"] == "h"
    assert "C3" in figure["layout"]["title"]["text"] and "Triwulan/Tahap 2 2026" in figure["layout"]["title"]["text"]
