"""Reference areas of Kabupaten Probolinggo and the desa-level population estimate."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.paths import REFERENCE_DIR

from .gen_io import split_integer, write_small_csv

KAB = "35.13"
# Upland/remote kecamatan with more poor households per capita (Bromo-Tengger slopes and the Argopuro side).
POVERTY_FACTOR = {
    "Tiris": 1.7, "Krucil": 1.7, "Lumbang": 1.6, "Sukapura": 1.6, "Sumber": 1.4, "Gading": 1.3,
    "Pakuniran": 1.3, "Kotaanyar": 1.2, "Kuripan": 1.2, "Bantaran": 1.1, "Kraksaan": 0.7, "Paiton": 0.9,
    "Dringu": 0.9, "Sumberasih": 0.9,
}
UPLAND = ("Sukapura", "Lumbang", "Tiris", "Krucil", "Sumber")
URBAN = ("Kraksaan", "Dringu", "Tongas", "Paiton", "Leces", "Sumberasih", "Gending", "Pajarakan")
# Kecamatan where programme coverage is deliberately worse (exclusion errors) in the demo.
WEAK_COVERAGE = ("Krucil", "Tiris", "Gading")


@dataclass(frozen=True)
class Wilayah:
    """Kecamatan and desa of 35.13 in code order; desa rows know their kecamatan index."""

    kec: pd.DataFrame  # kode, nama, num
    desa: pd.DataFrame  # kode, nama, jenis, kec_idx, kode10

    @property
    def kec6(self) -> np.ndarray:
        """Six-digit kecamatan prefix used by NIK and No. KK (351301...)."""
        return (351300 + self.kec["num"].to_numpy()).astype(np.int64)

    def kec_factor(self, table: dict[str, float], default: float = 1.0) -> np.ndarray:
        """Per-kecamatan multiplier looked up by name, in kecamatan order."""
        return np.array([table.get(n, default) for n in self.kec["nama"]], dtype=float)


def load_wilayah() -> Wilayah:
    """Read wilayah.csv and keep the 24 kecamatan and 330 desa/kelurahan of Kabupaten Probolinggo."""
    df = pd.read_csv(REFERENCE_DIR / "wilayah.csv", dtype=str, keep_default_na=False)
    df = df[df["kode"].str.startswith(KAB + ".")].sort_values("kode", kind="stable")
    kec = df[df["tingkat"] == "3"][["kode", "nama"]].reset_index(drop=True)
    kec["num"] = kec["kode"].str[6:8].astype(int)
    desa = df[df["tingkat"] == "4"][["kode", "nama", "jenis", "induk"]].reset_index(drop=True)
    desa["kec_idx"] = desa["induk"].map(dict(zip(kec["kode"], kec.index, strict=True))).astype(int)
    desa["kode10"] = desa["kode"].str.replace(".", "", regex=False)
    if len(kec) != 24 or len(desa) != 330:
        raise ValueError(f"wilayah.csv: expected 24 kecamatan and 330 desa for {KAB}, got {len(kec)}/{len(desa)}")
    return Wilayah(kec=kec, desa=desa.drop(columns="induk"))


def kab_penduduk() -> tuple[int, int, int]:
    """(total, pria, wanita) of the kabupaten from penduduk.csv."""
    df = pd.read_csv(REFERENCE_DIR / "penduduk.csv", dtype=str, keep_default_na=False)
    row = df[df["kode"] == KAB].iloc[0]
    return int(row["total"]), int(row["pria"]), int(row["wanita"])


def estimate_penduduk(wil: Wilayah, rng: np.random.Generator) -> pd.DataFrame:
    """Spread the kabupaten population over desa.

    This is an ESTIMATE: the real source (penduduk.csv) only has the kabupaten total, so desa figures are
    random weights (kelurahan bigger, some kecamatan denser) scaled to match the kabupaten totals exactly.
    """
    total, pria, _ = kab_penduduk()
    kec_w = rng.lognormal(0.0, 0.2, len(wil.kec))
    w = rng.gamma(4.0, 1.0, len(wil.desa)) * kec_w[wil.desa["kec_idx"]]
    w = w * np.where(wil.desa["jenis"] == "kelurahan", 2.2, 1.0)
    jumlah = split_integer(total, w)
    share = np.clip(rng.normal(pria / total, 0.008, len(jumlah)), 0.45, 0.55)
    laki = split_integer(pria, jumlah * share)
    laki = np.minimum(laki, jumlah)
    laki[np.argmax(jumlah)] += pria - laki.sum()  # keep exact kabupaten total after the clamp
    return pd.DataFrame({"jumlah": jumlah, "laki": laki, "perempuan": jumlah - laki})


def write_penduduk(path: Path, wil: Wilayah, pop: pd.DataFrame) -> int:
    """penduduk_estimasi_2026.csv: kecamatan rows (exact sums of their desa) followed by their desa."""
    rows = []
    sums = pop.groupby(wil.desa["kec_idx"]).sum()
    for k, kec in wil.kec.iterrows():
        s = sums.loc[k]
        rows.append((kec["kode"], kec["nama"], 2026, int(s["jumlah"]), int(s["laki"]), int(s["perempuan"])))
        for d in np.flatnonzero(wil.desa["kec_idx"].to_numpy() == k):
            p = pop.iloc[d]
            rows.append((wil.desa.at[d, "kode"], wil.desa.at[d, "nama"], 2026, int(p["jumlah"]),
                         int(p["laki"]), int(p["perempuan"])))
    header = ("kode_wilayah", "nama_wilayah", "tahun", "jumlah_penduduk", "laki_laki", "perempuan")
    return write_small_csv(path, header, rows)
