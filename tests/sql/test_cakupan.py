"""Cakupan queries (C1-C6 and the follow-up lists) against pandas recomputed from the generated demo files.

The expected side never touches the warehouse: it reads the DTKS and recipient files as an analyst would,
matches recipients to DTKS households by No. KK first and then NIK (plain numbers, within the test only) and
counts. The helpers are shared with the AppTest and browser test of the page.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from dashboard.filters import MONTH, QUARTER, YEAR, Filters
from dashboard.views import cakupan
from tests.support.expected import dotted, read_dtks, read_recipients

KABUPATEN, KECAMATAN = "35.13", "35.13.01"
COUNT_COLUMNS = ["n_eligible", "n_eligible_kpm", "n_excluded", "n_kpm", "n_inclusion", "n_rows", "n_unmatched"]


@cache
def dtks_households(files: Path) -> pd.DataFrame:
    """One row per DTKS household (ID DTKS): desa, desil (NaN = not ranked), active, head's name."""
    people = dtks_people(files)
    households = people.groupby("ID DTKS").agg(kode=("kode", "first"), desil=("Desil", "first"),
                                               aktif=("aktif", "any"))
    households["desil"] = pd.to_numeric(households["desil"].replace("", None))
    return households


@cache
def dtks_people(files: Path) -> pd.DataFrame:
    people = read_dtks(files).copy()
    people["kode"] = people["Kode Desa"].map(dotted)
    people["aktif"] = people["Status"].str.lower() == "aktif"
    return people


@cache
def recipients(files: Path) -> pd.DataFrame:
    """Every recipient row of every list, with the DTKS household it matches (KK first, then NIK) or None."""
    rows = read_recipients(files)[["program", "tahun", "periode", "nik", "kk", "nama", "kode"]].copy()
    rows["kode"] = rows["kode"].map(dotted)
    people = dtks_people(files)
    by_kk = people.groupby("No. KK")["ID DTKS"].min()
    by_nik = people.groupby("NIK")["ID DTKS"].min()
    rows["hh"] = rows["kk"].map(by_kk).fillna(rows["nik"].map(by_nik))
    return rows


def expected_coverage(files: Path, filters: Filters, cutoff: int, parent: str = KABUPATEN) -> pd.DataFrame:
    """C3-C6 numerators and denominators per child wilayah of ``parent``, from the files alone."""
    child_len = 8 if parent == KABUPATEN else 13
    households = dtks_households(files)
    rows = recipients(files)
    rows = rows[(rows["tahun"] == filters.tahun) & rows["periode"].isin(filters.periode_labels)].copy()
    matched = rows["hh"].notna()
    rows["kode_desa"] = rows["hh"].map(households["kode"]).where(matched, rows["kode"])
    eligible = households[households["aktif"] & (households["desil"] <= cutoff)].copy()
    chosen = rows if filters.program is None else rows[rows["program"] == filters.program]
    eligible["kpm"] = eligible.index.isin(chosen["hh"].dropna())
    eligible["excluded"] = ~eligible.index.isin(rows["hh"].dropna())
    eligible["child"] = eligible["kode"].str[:child_len]
    own_key = ("kk:" + chosen["kk"]).where(chosen["kk"] != "", "nik:" + chosen["nik"])
    chosen = chosen.assign(key=chosen["hh"].fillna(own_key))
    hh = households.reindex(chosen["hh"])
    chosen["inclusion"] = chosen["hh"].notna().to_numpy() & (
        ~hh["aktif"].fillna(False).astype(bool) | hh["desil"].isna() | (hh["desil"] > cutoff)).to_numpy()
    kpm = chosen.groupby("key").agg(kode_desa=("kode_desa", "min"), inclusion=("inclusion", "any"),
                                    n_rows=("nik", "size"), n_unmatched=("hh", lambda s: s.isna().sum()))
    kpm["child"] = kpm["kode_desa"].str[:child_len]
    out = pd.concat([
        eligible.groupby("child").agg(n_eligible=("kpm", "size"), n_eligible_kpm=("kpm", "sum"),
                                      n_excluded=("excluded", "sum")),
        kpm.groupby("child").agg(n_kpm=("inclusion", "size"), n_inclusion=("inclusion", "sum"),
                                 n_rows=("n_rows", "sum"), n_unmatched=("n_unmatched", "sum")),
    ], axis=1).fillna(0).astype(int)
    return out[out.index.str.startswith(parent + ".")]


def expected_counts(files: Path, parent: str = KABUPATEN) -> pd.DataFrame:
    """C1 active individuals and active households per child wilayah."""
    child_len = 8 if parent == KABUPATEN else 13
    people, households = dtks_people(files), dtks_households(files)
    out = pd.concat([people[people["aktif"]].groupby(people["kode"].str[:child_len]).size().rename("n_individu"),
                     households[households["aktif"]].groupby(households["kode"].str[:child_len]).size()
                     .rename("n_keluarga")], axis=1).fillna(0).astype(int)
    return out[out.index.str.startswith(parent + ".")]


def _actual(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    shown = frame.set_index("kode")[columns]
    return shown[shown.sum(axis=1) > 0].astype(int)


def _coverage_params(filters: Filters, cutoff: int = 4) -> dict[str, object]:
    return {"tahun": filters.tahun, "periods": filters.periode_labels, "program": filters.program, "cutoff": cutoff}


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
    expected = expected_coverage(demo.files, filters, 4, parent)
    pd.testing.assert_frame_equal(_actual(result, COUNT_COLUMNS), expected[COUNT_COLUMNS], check_names=False)
    row = result.set_index("kode").loc[expected.index[0]]
    assert row["coverage_pct"] == pytest.approx(100 * row["n_eligible_kpm"] / row["n_eligible"])
    assert row["unmatched_pct"] == pytest.approx(100 * row["n_unmatched"] / row["n_rows"])


def test_cutoff_is_a_parameter(run, demo):
    filters = Filters(2026, QUARTER, 3, None, "PKH")
    result = run("coverage_pct_by_wilayah", parent=KABUPATEN, child_len=8, **_coverage_params(filters, cutoff=6))
    expected = expected_coverage(demo.files, filters, 6)
    pd.testing.assert_frame_equal(_actual(result, COUNT_COLUMNS), expected[COUNT_COLUMNS], check_names=False)


def _list_params(filters: Filters) -> dict[str, object]:
    return {"kecamatan": KECAMATAN, "tahun": filters.tahun, "periods": filters.periode_labels}


def test_followup_lists_match_indicator_counts_and_files(run, demo):
    filters = Filters(2026, QUARTER, 2, KECAMATAN, "PKH")
    expected = expected_coverage(demo.files, filters, 4, KECAMATAN).sum()
    exclusion = run("followup_exclusion_by_desa", cutoff=4, **_list_params(filters))
    inclusion = run("followup_inclusion_by_desa", cutoff=4, program="PKH", **_list_params(filters))
    unmatched = run("followup_unmatched_by_desa", program="PKH", **_list_params(filters))
    assert len(exclusion) == expected["n_excluded"] > 0
    assert len(inclusion) == expected["n_inclusion"] > 0
    assert len(unmatched) > 0
    assert (exclusion["desil"] <= 4).all()
    # names on the exclusion list are the heads of the excluded households, per desa
    households, people = dtks_households(demo.files), dtks_people(demo.files)
    rows = recipients(demo.files)
    rows = rows[(rows["tahun"] == 2026) & rows["periode"].isin(filters.periode_labels)]
    excluded = households[households["aktif"] & (households["desil"] <= 4) & households["kode"].str.startswith(
        KECAMATAN + ".") & ~households.index.isin(rows["hh"].dropna())]
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
                        ("followup_inclusion_by_desa", {"cutoff": 4, "program": None}),
                        ("followup_unmatched_by_desa", {"program": None})):
        frame = run(name, **_list_params(filters), **extra)
        assert frame["nik_mask"].str.fullmatch(r"\d{6}\*{6}\d{4}").all(), name
        assert not any("hash" in column for column in frame.columns), name


def test_loader_and_excel_export(run, demo, settings):
    filters = Filters(2026, QUARTER, 2, KECAMATAN, "PKH")
    data = cakupan.load_cakupan(run, filters, settings)
    expected = expected_coverage(demo.files, filters, 4)
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
