"""Anggaran queries (B1-B4) against pandas recomputed straight from the generated SIPD LRA and anggaran kas files.

The recomputation reads the workbooks the way an analyst would: the sub kegiatan rows of the LRA of the as-of
month (codes with six segments), the cash plan rows summed up to that month, bidang by the longest configured
prefix. The helpers are imported by the page tests too.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.filters import MONTH, QUARTER, Filters
from dashboard.views.anggaran import load_anggaran

BULAN_ID = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
            "november", "desember")
MONEY = ["pagu_rp", "realisasi_rp", "anggaran_kas_rp", "deviation_rp", "sisa_rp"]


def lra_months(files: Path, tahun: int) -> list[int]:
    return sorted(int(p.stem.rsplit("_", 1)[1]) for p in files.glob(f"sipd_lra_{tahun}_*.xlsx"))


def as_of_month(files: Path, tahun: int, last_month: int) -> int | None:
    """The last month up to ``last_month`` that has an LRA file."""
    months = [m for m in lra_months(files, tahun) if m <= last_month]
    return max(months) if months else None


def read_lra_sub(files: Path, tahun: int, bulan: int) -> pd.DataFrame:
    """Sub kegiatan rows of one LRA workbook: kode, uraian, pagu, cumulative realisation."""
    sheet = pd.read_excel(files / f"sipd_lra_{tahun}_{bulan:02d}.xlsx", header=5, dtype={"Kode Rekening": str})
    sheet = sheet[sheet["Kode Rekening"].notna()]
    sub = sheet[sheet["Kode Rekening"].str.count(r"\.") == 5]
    return pd.DataFrame({"kode": sub["Kode Rekening"], "uraian": sub["Uraian"], "pagu_rp": sub["Anggaran"],
                         "realisasi_rp": sub["Realisasi s.d. Bulan Ini"]}).reset_index(drop=True)


def read_kas(files: Path, tahun: int) -> pd.DataFrame:
    sheet = pd.read_excel(files / f"anggaran_kas_{tahun}.xlsx", header=2, dtype={"Kode Rekening": str})
    return pd.DataFrame({"kode": sheet["Kode Rekening"], "bulan": sheet["Bulan"].str.lower().map(BULAN_ID.index) + 1,
                         "anggaran_kas_rp": sheet["Anggaran Kas"]})


def bidang_of(kode: str, mapping: dict[str, str]) -> str:
    matches = [p for p in mapping if kode == p or kode.startswith(p + ".")]
    return mapping[max(matches, key=len)] if matches else ""


def expected_sub(files: Path, mapping: dict[str, str], tahun: int, bulan: int) -> pd.DataFrame:
    """One row per sub kegiatan with bidang, program and B1-B3 as of ``bulan`` (an LRA month)."""
    sub = read_lra_sub(files, tahun, bulan)
    kas = read_kas(files, tahun)
    kas_to_date = kas[kas["bulan"] <= bulan].groupby("kode")["anggaran_kas_rp"].sum()
    sub["anggaran_kas_rp"] = sub["kode"].map(kas_to_date)
    sub["bidang"] = sub["kode"].map(lambda k: bidang_of(k, mapping))
    sub["kode_program"] = sub["kode"].str.split(".").str[:3].str.join(".")
    return _ratios(sub)


def _ratios(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["absorption_pct"] = 100 * frame["realisasi_rp"] / frame["pagu_rp"]
    frame["deviation_rp"] = frame["realisasi_rp"] - frame["anggaran_kas_rp"]
    frame["sisa_rp"] = frame["pagu_rp"] - frame["realisasi_rp"]
    return frame


def expected_by(files: Path, mapping: dict[str, str], tahun: int, bulan: int, keys: list[str]) -> pd.DataFrame:
    sub = expected_sub(files, mapping, tahun, bulan)
    summed = sub.groupby(keys)[["pagu_rp", "realisasi_rp", "anggaran_kas_rp"]].sum()
    return _ratios(summed)


def expected_curve(files: Path, mapping: dict[str, str], tahun: int, last_month: int, bidang: str) -> pd.DataFrame:
    """Per month 1-12: cumulative realisation (LRA months up to ``last_month``) and cumulative cash plan."""
    kas = read_kas(files, tahun)
    kas = kas[[bidang in ("", bidang_of(k, mapping)) for k in kas["kode"]]]
    plan = kas.groupby("bulan")["anggaran_kas_rp"].sum().reindex(range(1, 13)).cumsum()
    real = {}
    for month in (m for m in lra_months(files, tahun) if m <= last_month):
        sub = expected_sub(files, mapping, tahun, month)
        real[month] = sub[[bidang in ("", b) for b in sub["bidang"]]]["realisasi_rp"].sum()
    return pd.DataFrame({"realisasi_kumulatif_rp": pd.Series(real).reindex(range(1, 13)),
                         "anggaran_kas_kumulatif_rp": plan})


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
