"""Perencanaan figures on the demo database against pandas on the demo files: cost per beneficiary and its flags,
SPM achievement, C4/C5 per desa, caseload, the priority composite and how its rank answers a weight change."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.filters import Filters
from dashboard.views import perencanaan as plan
from dashboard.views.perencanaan import prioritas, spm
from tests.support.attainment import expected_attainment
from tests.support.coverage import expected_coverage
from tests.support.perencanaan import (
    expected_beban,
    expected_inputs,
    expected_keluaran,
    expected_ranking,
    expected_spm,
)

YEAR_2026 = Filters(2026)
AS_OF_2026 = 10  # the demo's data run to October 2026


@pytest.fixture(scope="module")
def data(run, settings):
    return plan.load_perencanaan(run, YEAR_2026, settings)


def test_cost_per_beneficiary_and_flags_match_the_files(data, demo, settings):
    budget = data.keluaran
    assert budget.bulan == AS_OF_2026
    expected = expected_keluaran(demo.files, settings.keluaran, 2026, AS_OF_2026)
    got = budget.rows[budget.rows["kode"] != ""].set_index("kode")
    shown = expected[(expected["realisasi"] > 0) | (expected["realisasi_prev"] > 0)
                     | (pd.to_numeric(expected["output"]).fillna(0) > 0)]
    assert sorted(got.index) == sorted(shown.index)
    for kode, row in shown.iterrows():
        assert got.loc[kode, "realisasi_rp"] == pytest.approx(row["realisasi"]), kode
        assert got.loc[kode, "realisasi_prev_rp"] == pytest.approx(row["realisasi_prev"]), kode
        if row["ukuran"]:
            assert got.loc[kode, "n_output"] == row["output"], kode
            assert got.loc[kode, "n_output_prev"] == row["output_prev"], kode
        for column, want in (("biaya_per_penerima_rp", row["biaya"]), ("biaya_per_penerima_prev_rp",
                                                                       row["biaya_prev"])):
            assert (pd.isna(got.loc[kode, column]) and pd.isna(want)) or got.loc[kode, column] == pytest.approx(want)
        assert bool(got.loc[kode, "tanpa_output"]) == bool(row["tanpa_output"]), kode
        assert bool(got.loc[kode, "tanpa_anggaran"]) == bool(row["tanpa_anggaran"]), kode
    # the demo makes each flag occur: disaster money spent with no victim served, KPM served with no budget line
    assert got["tanpa_output"].sum() >= 1 and got["tanpa_anggaran"].sum() >= 1
    assert got.loc["1.06.06", "tanpa_output"] and got.loc["1.06.05.2.02.0003", "tanpa_anggaran"]


def test_spm_achievement_matches_the_files(data, demo):
    expected = expected_spm(demo.files, 2026, data.scope.as_of_month)
    got = data.spm.set_index(["kode", "spm"])
    assert data.scope.as_of_month == AS_OF_2026
    assert len(got) == 24 * len(spm.STANDARDS)
    for (kode, key), row in got.iterrows():
        want = expected.loc[(kode, key)] if (kode, key) in expected.index else pd.Series(0, index=expected.columns)
        for column in ("n_butuh", "n_dilayani", "n_butuh_prev", "n_dilayani_prev"):
            assert row[column] == want[column], (kode, key, column)
    total = spm.summary(data.spm).set_index("spm")
    sums = expected.groupby(level="spm").sum()
    for key in spm.STANDARDS:
        assert total.loc[key, "capaian_pct"] == pytest.approx(100 * sums.loc[key, "n_dilayani"]
                                                               / sums.loc[key, "n_butuh"])
    assert total.loc["SPM5", "capaian_pct"] == 0  # the demo's 2026 disaster cases never get past asesmen


def test_inclusion_and_exclusion_per_desa_match_the_files(data, demo):
    expected = expected_coverage(demo.files, YEAR_2026, parent="35.13", child_len=13)
    rows = data.sasaran.rows.set_index("kode")
    expected = expected[(expected["n_eligible"] > 0) | (expected["n_kpm"] > 0)]
    assert sorted(rows.index) == sorted(expected.index)
    for kode, want in expected.iterrows():
        assert rows.loc[kode, "n_excluded"] == want["n_excluded"], kode
        assert rows.loc[kode, "n_inclusion"] == want["n_inclusion"], kode
        assert rows.loc[kode, "n_verval"] == want["n_excluded"] + want["n_inclusion"], kode
    verval = (expected["n_excluded"] + expected["n_inclusion"]).sort_values(ascending=False)
    assert rows["n_verval"].iloc[:10].tolist() == verval.iloc[:10].tolist()  # worst desa first
    last_year = expected_coverage(demo.files, Filters(2025), parent="35.13", child_len=13)
    kode = rows.index[0]
    want = 100 * last_year.loc[kode, "n_excluded"] / last_year.loc[kode, "n_eligible"]
    assert rows.loc[kode, "exclusion_pct_prev"] == pytest.approx(want)


def test_caseload_matches_the_files(data, demo):
    expected = expected_beban(demo.files, 2026)
    got = data.beban.set_index("kode")
    for kode, want in expected.iterrows():
        for column in ("n_ppks", "n_tksk", "n_lks_psm"):
            assert got.loc[kode, column] == want[column], (kode, column)
        assert got.loc[kode, "ppks_per_tksk"] == pytest.approx(want["ppks_per_tksk"], nan_ok=True)
        assert got.loc[kode, "ppks_per_lks_psm"] == pytest.approx(want["ppks_per_lks_psm"], nan_ok=True)
    heaviest = expected["ppks_per_tksk"].idxmax()
    assert plan.beban.ranked(data.beban)["kode"].iloc[0] == heaviest


@pytest.fixture(scope="module")
def inputs(data, demo):
    coverage = expected_coverage(demo.files, YEAR_2026)
    attainment = expected_attainment(demo.files, YEAR_2026, AS_OF_2026)
    return expected_inputs(demo.files, coverage, attainment, 2026)


def test_priority_inputs_match_the_files(data, inputs):
    got = data.inputs.set_index("kode")
    for column in ("desil_share_pct", "ppks_per_1000", "coverage_gap_pct", "attainment_pct"):
        assert got[column].to_dict() == pytest.approx(inputs[column].reindex(got.index).to_dict()), column


def test_priority_rank_follows_the_composite_and_changes_with_the_weights(data, inputs, settings):
    names = dict(zip(data.inputs["kode"], data.inputs["nama"], strict=True))
    default = dict(settings.bobot_prioritas)
    ranked = prioritas.composite(data.inputs, default)
    want = expected_ranking(inputs, names, default)
    assert ranked["kode"].tolist() == [k for k, _ in want]
    assert ranked["skor"].tolist() == pytest.approx([s for _, s in want])
    ppks_only = {key: (1.0 if key == "ppks" else 0.0) for key in default}
    reweighted = prioritas.composite(data.inputs, ppks_only)
    assert reweighted["kode"].tolist() == [k for k, _ in expected_ranking(inputs, names, ppks_only)]
    assert reweighted["kode"].tolist() == inputs["ppks_per_1000"].sort_values(ascending=False).index.tolist()
    assert reweighted["kode"].tolist()[:5] != ranked["kode"].tolist()[:5]  # the ranking visibly changes
