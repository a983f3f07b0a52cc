"""Budget figures (B1-B4) recomputed straight from the generated SIPD LRA and anggaran kas files with pandas.

The recomputation reads the workbooks the way an analyst would: the sub kegiatan rows of the LRA of the as-of
month (codes with six segments), the cash plan rows summed up to that month, bidang by the longest configured
prefix.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

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
