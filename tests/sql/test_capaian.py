"""Capaian queries (T1-T5 attainment, PPKS funnel, as-of month) against pandas recomputed from the demo files.

The expected side never touches the warehouse: it reads the target, DTKS, TKSK, recipient and PPKS case files as
an analyst would and counts (No. KK / NIK as plain numbers, within the test only). The helpers are shared with the
AppTest and browser test of the page.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.filters import QUARTER, YEAR, Filters
from dashboard.views import capaian
from tests.support.expected import dotted, read_dtks, read_recipients

KABUPATEN = "35.13"
STAGES = list(capaian.STAGES)


@cache
def targets(files: Path) -> pd.DataFrame:
    frames = [pd.read_excel(p, dtype={"Kode Kecamatan": str}) for p in sorted(files.glob("target_kinerja_*.xlsx"))]
    frame = pd.concat(frames, ignore_index=True)
    return frame.rename(columns={"Indikator": "indikator", "Kode Kecamatan": "kode", "Kecamatan": "nama",
                                 "Tahun": "tahun", "Target": "target", "Realisasi": "realisasi_imported"})


@cache
def households(files: Path) -> pd.DataFrame:
    hh = read_dtks(files).groupby("ID DTKS").agg(desa=("Kode Desa", "first"), update=("Tgl Update", "first"))
    hh["kode"] = hh["desa"].str[:6].map(dotted)
    hh["update"] = pd.to_datetime(hh["update"], format="%Y-%m-%d")
    return hh


@cache
def tksk_reports(files: Path) -> pd.DataFrame:
    names = targets(files).drop_duplicates("nama").set_index("nama")["kode"]
    frames = []
    for path in sorted(files.glob("tksk_laporan_*.xlsx")):
        tahun = int(path.stem.rsplit("_", 1)[1])
        for month, (_, sheet) in enumerate(pd.read_excel(path, sheet_name=None, header=2, dtype=str).items(), 1):
            sheet = sheet[sheet["KECAMATAN"].notna()]
            frames.append(pd.DataFrame({"tahun": tahun, "bulan": month,
                                        "kode": sheet["KECAMATAN"].str.removeprefix("Kec. ").map(names),
                                        "received": sheet["TGL TERIMA LAPORAN"].notna()}))
    return pd.concat(frames, ignore_index=True)


@cache
def recipients(files: Path) -> pd.DataFrame:
    rows = read_recipients(files).copy()
    rows["kecamatan"] = rows["kode"].map(dotted).str[:8]
    rows["status"] = rows["status"].str.strip().str.lower()
    rows["kpm"] = np.where(rows["kk"].str.strip() != "", "kk" + rows["kk"], "nik" + rows["nik"])
    return rows


@cache
def cases(files: Path) -> pd.DataFrame:
    frame = pd.read_csv(next(files.glob("ppks_kasus_*.csv")), dtype=str)
    frame["tanggal"] = pd.to_datetime(frame["tanggal_lapor"], format="%d-%m-%Y")
    frame["kecamatan"] = frame["kode_wilayah"].str[:8]
    return frame


def expected_attainment(files: Path, filters: Filters, as_of: int) -> pd.DataFrame:
    """Realisation, basis and attainment per (kecamatan, indicator), independently of the warehouse."""
    tahun = filters.tahun
    grid = targets(files)
    grid = grid[grid["tahun"] == tahun].set_index(["kode", "indikator"])
    hh = households(files)
    t1 = hh[(hh["update"].dt.year == tahun) & (hh["update"].dt.month <= as_of)].groupby("kode").size()
    reports = tksk_reports(files)
    reports = reports[(reports["tahun"] == tahun) & (reports["bulan"] <= as_of)]
    months = min(as_of, reports["bulan"].max())
    t3_real = reports.groupby("kode")["received"].sum()
    t3_expected = reports.groupby(["kode", "bulan"]).size().groupby("kode").max() * months
    rows = recipients(files)
    rows = rows[(rows["tahun"] == tahun) & rows["periode"].isin(filters.periode_labels) & (rows["status"] != "")]
    if filters.program:
        rows = rows[rows["program"] == filters.program]
    kpm = rows.groupby(["program", "periode", "kpm"]).agg(kode=("kecamatan", "min"),
                                                         salur=("status", lambda s: (s == "salur").any()))
    t4_real, t4_alloc = kpm.groupby("kode")["salur"].sum(), kpm.groupby("kode").size()
    ks = cases(files)
    ks = ks[(ks["tanggal"].dt.year == tahun) & (ks["tanggal"].dt.month <= as_of)]
    t5 = ks[ks["tahap"].isin(["monitoring", "selesai"])].groupby("kecamatan").size()
    out = []
    for (kode, ind), row in grid.iterrows():
        real = {"T1": t1.get(kode, 0), "T2": row["realisasi_imported"], "T3": t3_real.get(kode, 0),
                "T4": t4_real.get(kode, 0), "T5": t5.get(kode, 0)}[ind]
        basis = {"T3": t3_expected.get(kode, 0), "T4": t4_alloc.get(kode, 0)}.get(ind, row["target"])
        prorata = basis if ind in ("T3", "T4") else row["target"] * as_of / 12
        has_target = pd.notna(row["target"])
        out.append({"kode": kode, "indikator": ind, "target": row["target"], "realisasi": float(real),
                    "basis": float(basis), "attainment_pct": 100 * real / basis if has_target and basis else np.nan,
                    "attainment_prorata_pct": 100 * real / prorata if has_target and prorata else np.nan})
    return pd.DataFrame(out).set_index(["kode", "indikator"]).sort_index()


def expected_funnel(files: Path, tahun: int, as_of: int, kecamatan: str | None) -> list[int]:
    ks = cases(files)
    ks = ks[(ks["tanggal"].dt.year == tahun) & (ks["tanggal"].dt.month <= as_of)]
    if kecamatan:
        ks = ks[ks["kecamatan"] == kecamatan]
    stage = ks["tahap"].map(STAGES.index)
    return [int((stage >= k).sum()) for k in range(len(STAGES))]


SCENARIOS = [Filters(2026, YEAR), Filters(2025, QUARTER, 2, None, "PKH"), Filters(2026, QUARTER, 4, None, "BPNT")]


def test_last_month_by_source(run):
    assert run("last_month_by_source", tahun=2026).set_index("source")["last_month"].to_dict() == {
        "dtks": 10, "psks": 10, "ppks": 10}
    assert run("last_month_by_source", tahun=2025)["last_month"].tolist() == [12, 12, 12]


@pytest.mark.parametrize("filters", SCENARIOS, ids=str)
def test_attainment_by_kecamatan(run, demo, filters):
    as_of = capaian.as_of_month(filters, run("last_month_by_source", tahun=filters.tahun))
    result = run("attainment_by_kecamatan", kabupaten=KABUPATEN, tahun=filters.tahun, as_of_month=as_of,
                 periods=filters.periode_labels, program=filters.program)
    assert len(result) == 24 * 5  # every kecamatan x indicator, with or without a target
    got = result.set_index(["kode", "indikator"]).sort_index()
    expected = expected_attainment(demo.files, filters, as_of)
    assert got.index.equals(expected.index)
    for column in ("target", "realisasi", "basis", "attainment_pct", "attainment_prorata_pct"):
        pd.testing.assert_series_equal(got[column].astype(float), expected[column].astype(float), check_names=False,
                                       rtol=1e-9)


def test_missing_target_is_grey_not_zero(run, demo):
    result = run("attainment_by_kecamatan", kabupaten=KABUPATEN, tahun=2026, as_of_month=10,
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
