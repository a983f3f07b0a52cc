"""Capaian queries (T1-T5 attainment, PPKS funnel, as-of month) against pandas recomputed from the demo files.

The expected side (tests/support/attainment.py) never touches the warehouse: it reads the target, DTKS, TKSK,
recipient and PPKS case files as an analyst would and counts.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.filters import QUARTER, YEAR, Filters
from dashboard.views import capaian
from tests.support.attainment import KABUPATEN, STAGES, expected_attainment, expected_funnel

SCENARIOS = [Filters(2026, YEAR), Filters(2025, QUARTER, 2, None, "PKH"), Filters(2026, QUARTER, 4, None, "BPNT")]


def test_last_month_by_source(run):
    assert run("last_month_by_source", tahun=2026).set_index("source")["last_month"].to_dict() == {
        "dtks": 10, "psks": 10, "ppks": 10}
    assert run("last_month_by_source", tahun=2025)["last_month"].tolist() == [12, 12, 12]


@pytest.mark.parametrize("filters", SCENARIOS, ids=str)
def test_attainment_by_wilayah(run, demo, filters):
    as_of = capaian.as_of_month(filters, run("last_month_by_source", tahun=filters.tahun))
    result = run("attainment_by_wilayah", parent=KABUPATEN, child_len=8, tahun=filters.tahun, as_of_month=as_of,
                 periods=filters.periode_labels, program=filters.program)
    assert len(result) == 24 * 5  # every kecamatan x indicator, with or without a target
    got = result.set_index(["kode", "indikator"]).sort_index()
    expected = expected_attainment(demo.files, filters, as_of)
    assert got.index.equals(expected.index)
    for column in ("target", "realisasi", "basis", "attainment_pct", "attainment_prorata_pct"):
        pd.testing.assert_series_equal(got[column].astype(float), expected[column].astype(float), check_names=False,
                                       rtol=1e-9)


def test_missing_target_is_grey_not_zero(run, demo):
    result = run("attainment_by_wilayah", parent=KABUPATEN, child_len=8, tahun=2026, as_of_month=10,
                 periods=Filters(2026).periode_labels, program=None)
    no_target = result[result["target"].isna()]
    assert len(no_target) == 2 and set(no_target["indikator"]) == {"T5"}  # the demo leaves two T5 targets open
    assert no_target["attainment_pct"].isna().all()
    assert {capaian.rag_status(v, 90, 70) for v in no_target["attainment_pct"]} == {"abu"}


@pytest.mark.parametrize(("tahun", "as_of", "kecamatan"), [(2026, 10, None), (2025, 6, "35.13.01"),
                                                            (2026, 3, "35.13.16")])
def test_ppks_funnel_by_stage(run, demo, tahun, as_of, kecamatan):
    result = run("ppks_funnel_by_stage", tahun=tahun, as_of_month=as_of, kecamatan=kecamatan)
    assert result["stage"].tolist() == STAGES
    assert result["n_kasus"].tolist() == expected_funnel(demo.files, tahun, as_of, kecamatan)
    assert result["n_kasus"].is_monotonic_decreasing


def test_loader_trend_is_ratio_of_sums(run, demo, settings):
    data = capaian.load_capaian(run, Filters(2026), settings)
    assert data.as_of_month == 10
    trend = capaian.compute_trend(data, prorata=False).set_index("indikator")
    now = expected_attainment(demo.files, Filters(2026), 10)
    before = expected_attainment(demo.files, Filters(2025), 10)
    for key in capaian.INDICATORS:
        rows, prev = now.xs(key, level="indikator"), before.xs(key, level="indikator")
        rows, prev = rows[rows["target"].notna()], prev[prev["target"].notna()]
        pct = 100 * rows["realisasi"].sum() / rows["basis"].sum()
        prev_pct = 100 * prev["realisasi"].sum() / prev["basis"].sum()
        assert trend.loc[key, "pct"] == pytest.approx(pct)
        assert trend.loc[key, "change_pp"] == pytest.approx(pct - prev_pct)
