"""T1-T5 attainment and the PPKS case funnel recomputed from the generated demo files with pandas.

The expected side never touches the warehouse: it reads the target, DTKS, TKSK, recipient and PPKS case files as
an analyst would and counts (No. KK / NIK as plain numbers, within the test only).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.filters import Filters
from tests.support.expected import dotted, in_span, read_dtks, read_recipients

KABUPATEN = "35.13"
# the case stages in order, as docs/INDICATORS.md lists them for T5
STAGES = ["asesmen", "rencana_intervensi", "intervensi", "evaluasi", "monitoring", "selesai"]


@cache
def targets(files: Path) -> pd.DataFrame:
    frames = [pd.read_excel(p, dtype={"Kode Kecamatan": str}) for p in sorted(files.glob("*target_kinerja_*.xlsx"))]
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
    for path in sorted(files.glob("*tksk_laporan_*.xlsx")):
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
    frame = pd.read_csv(next(files.glob("*ppks_kasus_*.csv")), dtype=str)
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
    rows = in_span(rows, filters)
    rows = rows[rows["status"] != ""]
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
