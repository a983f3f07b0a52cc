"""Reference areas of the demo's kabupaten/kota (default Kabupaten Probolinggo, 35.13) and the desa-level
population estimate."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.paths import REFERENCE_DIR

from .gen_io import split_integer, stream, write_small_csv

KAB = "35.13"  # the default demo: Kabupaten Probolinggo, with hand-named kecamatan patterns below
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
TKSK_WEAK = ("Tiris", "Kotaanyar", "Tongas")  # kecamatan whose TKSK often report late or not at all


@dataclass(frozen=True)
class Profile:
    """Named kecamatan patterns: poverty multipliers, upland and urban kecamatan, weak programme coverage and
    weak TKSK reporting. Hand-named for 35.13; drawn from the seed for any other kabupaten/kota."""

    poverty: dict[str, float]
    upland: tuple[str, ...]
    urban: tuple[str, ...]
    weak_coverage: tuple[str, ...]
    tksk_weak: tuple[str, ...]


PROBOLINGGO = Profile(POVERTY_FACTOR, UPLAND, URBAN, WEAK_COVERAGE, TKSK_WEAK)


def derived_profile(names: list[str], seed: int) -> Profile:
    """The same kinds of patterns as Probolinggo's, for any kecamatan list: about a third of the kecamatan
    poorer (1.1-1.7) and a few richer (0.7-0.9), a fifth upland, a third urban (not the poorest), an eighth with
    weak coverage and with weak TKSK reporting (at least one each), chosen from the seed and kecamatan order."""
    rng = stream(seed, "kecamatan")
    n = len(names)
    order = rng.permutation(n)

    def share(frac: float, lo: int = 1) -> int:
        return min(n, max(lo, round(frac * n)))

    n_poor, n_rich = share(0.4), min(share(0.15, 0), n - share(0.4))
    poor, rich = order[:n_poor], order[n_poor:n_poor + n_rich]
    poverty = {names[i]: round(float(rng.uniform(1.1, 1.7)), 1) for i in poor}
    poverty |= {names[i]: round(float(rng.uniform(0.7, 0.9)), 1) for i in rich}
    upland = [names[i] for i in sorted(poor[: share(0.2)])]
    urban = [names[i] for i in sorted(np.r_[rich, order[n_poor + n_rich:]][: share(0.33)])]
    weak = [names[i] for i in sorted(poor[: share(0.125)])]  # weak coverage where the poor are: red cells
    tksk = [names[i] for i in sorted(rng.choice(n, share(0.125), replace=False))]
    return Profile(poverty, tuple(upland), tuple(urban or [names[order[-1]]]), tuple(weak), tuple(tksk))


@dataclass(frozen=True)
class Wilayah:
    """Kecamatan and desa of one kabupaten/kota in code order; desa rows know their kecamatan index."""

    kec: pd.DataFrame  # kode, nama, num
    desa: pd.DataFrame  # kode, nama, jenis, kec_idx, kode10
    kab: str = KAB
    nama: str = "Kabupaten Probolinggo"
    profile: Profile = field(default=PROBOLINGGO)

    @property
    def kab4(self) -> int:
        """The kabupaten code as a number (3513), the first digits of NIK, No. KK and ID DTKS."""
        return int(self.kab.replace(".", ""))

    @property
    def office(self) -> str:
        """'DINAS SOSIAL KABUPATEN PROBOLINGGO' as office titles write it."""
        return f"DINAS SOSIAL {self.nama.upper()}"

    @property
    def slug(self) -> str:
        """'probolinggo', 'tanah_bumbu', 'kota_malang': the wilayah in a file name."""
        name = self.nama.removeprefix("Kabupaten ").lower()
        return "_".join("".join(c if c.isalnum() else " " for c in name).split())

    @property
    def kec6(self) -> np.ndarray:
        """Six-digit kecamatan prefix used by NIK and No. KK (351301...)."""
        return (self.kab4 * 100 + self.kec["num"].to_numpy()).astype(np.int64)

    def kec_factor(self, table: dict[str, float], default: float = 1.0) -> np.ndarray:
        """Per-kecamatan multiplier looked up by name, in kecamatan order."""
        return np.array([table.get(n, default) for n in self.kec["nama"]], dtype=float)


def kabupaten_codes(tingkat: str = "2") -> dict[str, str]:
    """Every kabupaten/kota of wilayah.csv (or, with ``tingkat`` "1", every provinsi): code -> name ('63.10' ->
    'Kabupaten Tanah Bumbu', '75' -> 'Gorontalo')."""
    df = pd.read_csv(REFERENCE_DIR / "wilayah.csv", dtype=str, keep_default_na=False)
    df = df[df["tingkat"] == tingkat]
    return dict(zip(df["kode"], df["nama"], strict=True))


def load_wilayah(kab: str = KAB, seed: int | None = None) -> Wilayah:
    """Read wilayah.csv and keep the kecamatan and desa/kelurahan of one kabupaten/kota (35.13: 24 and 330).

    Kecamatan without any desa in wilayah.csv are left out (no household can live there)."""
    df = pd.read_csv(REFERENCE_DIR / "wilayah.csv", dtype=str, keep_default_na=False)
    names = df[(df["tingkat"] == "2") & (df["kode"] == kab)]["nama"]
    if names.empty:
        raise ValueError(f"wilayah.csv: no kabupaten/kota {kab}")
    df = df[df["kode"].str.startswith(kab + ".")].sort_values("kode", kind="stable")
    df = df[(df["tingkat"] != "3") | df["kode"].isin(df.loc[df["tingkat"] == "4", "induk"])]
    kec = df[df["tingkat"] == "3"][["kode", "nama"]].reset_index(drop=True)
    kec["num"] = kec["kode"].str[6:8].astype(int)
    desa = df[df["tingkat"] == "4"][["kode", "nama", "jenis", "induk"]].reset_index(drop=True)
    desa["kec_idx"] = desa["induk"].map(dict(zip(kec["kode"], kec.index, strict=True))).astype(int)
    desa["kode10"] = desa["kode"].str.replace(".", "", regex=False)
    if kab == KAB and (len(kec) != 24 or len(desa) != 330):
        raise ValueError(f"wilayah.csv: expected 24 kecamatan and 330 desa for {KAB}, got {len(kec)}/{len(desa)}")
    if kec.empty:
        raise ValueError(f"wilayah.csv: no kecamatan with desa under {kab}")
    seed = int(kab.replace(".", "")) if seed is None else seed
    profile = PROBOLINGGO if kab == KAB else derived_profile(kec["nama"].tolist(), seed)
    return Wilayah(kec=kec, desa=desa.drop(columns="induk"), kab=kab, nama=names.iloc[0], profile=profile)


def kab_penduduk(kab: str = KAB) -> tuple[int, int, int]:
    """(total, pria, wanita) of the kabupaten from penduduk.csv."""
    df = pd.read_csv(REFERENCE_DIR / "penduduk.csv", dtype=str, keep_default_na=False)
    match = df[df["kode"] == kab]
    if match.empty:
        raise ValueError(f"penduduk.csv: no population for {kab}")
    row = match.iloc[0]
    return int(row["total"]), int(row["pria"]), int(row["wanita"])


def estimate_penduduk(wil: Wilayah, rng: np.random.Generator) -> pd.DataFrame:
    """Spread the kabupaten population over desa.

    This is an ESTIMATE: the real source (penduduk.csv) only has the kabupaten total, so desa figures are
    random weights (kelurahan bigger, some kecamatan denser) scaled to match the kabupaten totals exactly.
    """
    total, pria, _ = kab_penduduk(wil.kab)
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
