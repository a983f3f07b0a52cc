"""PPKS (PMKS) yearly recap per desa and individual case-management records."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .gen_io import AS_OF, BOLD, day, new_sheet, save_workbook, set_widths, text_cell, write_small_csv
from .gen_wilayah import Wilayah

KATEGORI = (
    "anak terlantar", "anak jalanan", "anak yatim piatu", "lanjut usia terlantar", "penyandang disabilitas",
    "tuna susila", "gelandangan", "pengemis", "pemulung", "korban bencana alam", "fakir miskin",
    "orang dengan gangguan jiwa (ODGJ)", "korban tindak kekerasan",
)
# per category: cases per 1000 inhabitants, hotspot multiplier, number of hotspot kecamatan, candidates
# ("urban"/"upland": the profile's kecamatan of that kind)
RATES = (
    (0.8, 3, 3, None), (0.03, 15, 2, "urban"), (0.5, 2.5, 3, None), (2.0, 2.5, 3, None), (2.5, 2, 3, None),
    (0.01, 30, 2, "urban"), (0.02, 25, 2, "urban"), (0.04, 20, 3, "urban"), (0.05, 15, 3, "urban"),
    (0.15, 25, 3, "upland"), (25.0, 1, 0, None), (0.4, 3, 3, None), (0.15, 4, 3, None),
)
# case-management weights per category (fakir miskin is mostly handled by bansos, not case work)
KASUS_W = np.array([12, 3, 8, 20, 18, 1, 3, 4, 2, 6, 8, 10, 8], dtype=float)
TAHAP = ("asesmen", "rencana_intervensi", "intervensi", "evaluasi", "monitoring", "selesai")
STAGE_DAYS = np.array([21, 35, 60, 45, 75], dtype=float)  # mean days to reach the next tahap
# 2026: disaster victims are assessed, but no case is recorded past asesmen while the disaster budget is spent: the
# Perencanaan page's "dana terserap tanpa output" (and SPM 5 at 0 %) has a case to show
ASSESSED_ONLY = {2026: "korban bencana alam"}


def title(cat: str) -> str:
    """'orang dengan gangguan jiwa (ODGJ)' -> 'Orang Dengan Gangguan Jiwa (ODGJ)' (str.title would give Odgj)."""
    return " ".join(w[:1].upper() + w[1:] for w in cat.split(" "))


def _lambda(wil: Wilayah, desa_pop: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Expected counts (desa x category): few hotspot kecamatan per category, strong desa variation."""
    names = wil.kec["nama"].to_numpy()
    kec = wil.desa["kec_idx"].to_numpy()
    lam = np.empty((desa_pop.size, len(KATEGORI)))
    for j, (rate, mult, n_hot, cand) in enumerate(RATES):
        pool = np.flatnonzero(np.isin(names, getattr(wil.profile, cand))) if cand else np.arange(names.size)
        hot = np.zeros(names.size, dtype=bool)
        hot[rng.choice(pool, min(n_hot, pool.size), replace=False)] = True
        factor = np.where(hot, mult, 1.0)
        if KATEGORI[j] == "fakir miskin":
            factor = factor * wil.kec_factor(wil.profile.poverty)
            spread = rng.gamma(8.0, 1 / 8.0, desa_pop.size)
        else:
            spread = rng.gamma(1.2, 1 / 1.2, desa_pop.size)
        lam[:, j] = rate / 1000 * desa_pop * factor[kec] * spread
    return lam


def ppks_counts(wil: Wilayah, desa_pop: np.ndarray, rng: np.random.Generator) -> dict[int, np.ndarray]:
    """Recap counts for 2025 and 2026; 2026 follows 2025 with a small per-category drift."""
    c25 = rng.poisson(_lambda(wil, desa_pop, rng))
    drift = rng.lognormal(0.02, 0.08, len(KATEGORI))[None, :] * rng.lognormal(0, 0.05, c25.shape)
    return {2025: c25, 2026: rng.poisson(c25 * drift)}


def write_rekap(path: Path, year: int, counts: np.ndarray, wil: Wilayah) -> int:
    """ppks_rekap_<year>.xlsx: one row per desa per category with a nonzero count, JUMLAH at the end."""
    wb, ws = new_sheet("REKAP PPKS")
    ws["A1"] = f"REKAPITULASI DATA PPKS {wil.nama.upper()} TAHUN {year}"
    ws["A1"].font = BOLD
    for c, h in enumerate(("No", "Kode Desa", "Desa/Kelurahan", "Kecamatan", "Kategori PPKS", "Jumlah"), 1):
        ws.cell(row=3, column=c, value=h).font = BOLD
    kec_names = wil.kec["nama"].tolist()
    r = 3
    for d, j in zip(*np.nonzero(counts), strict=True):
        r += 1
        ws.cell(row=r, column=1, value=r - 3)
        text_cell(ws, r, 2, wil.desa.at[d, "kode"])
        ws.cell(row=r, column=3, value=wil.desa.at[d, "nama"])
        ws.cell(row=r, column=4, value=kec_names[wil.desa.at[d, "kec_idx"]])
        ws.cell(row=r, column=5, value=title(KATEGORI[j]))
        ws.cell(row=r, column=6, value=int(counts[d, j]))
    ws.cell(row=r + 1, column=1, value="JUMLAH").font = BOLD
    ws.cell(row=r + 1, column=6, value=int(counts.sum())).font = BOLD
    set_widths(ws, (6, 16, 22, 16, 36, 10))
    save_workbook(wb, path)
    return r - 3


def _stages(report_day: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Funnel: each case passes tahap in order; older cases are further along, some stall for good."""
    n = report_day.size
    age = int(AS_OF.astype(np.int64)) - report_day
    reach = np.cumsum(rng.exponential(STAGE_DAYS, (n, STAGE_DAYS.size)), axis=1)
    stall_at = rng.geometric(0.15, n) - 1  # number of transitions before the case gets stuck
    done = (reach <= age[:, None]) & (np.arange(STAGE_DAYS.size)[None, :] < stall_at[:, None])
    return np.cumprod(done, axis=1).sum(axis=1)


def kasus_rows(counts25: np.ndarray, wil: Wilayah, rng: np.random.Generator) -> list[tuple]:
    """~2,500 cases over 2025-2026, placed in desa where that category is recorded in the recap."""
    spans = {2025: (day("2025-01-01"), day("2025-12-31"), 1380), 2026: (day("2026-01-01"), day("2026-10-31"), 1120)}
    rows = []
    for year, (lo, hi, n) in spans.items():
        when = np.sort(rng.integers(lo, hi + 1, n))
        cat = rng.choice(len(KATEGORI), n, p=KASUS_W / KASUS_W.sum())
        desa = np.empty(n, dtype=np.int64)
        for j in range(len(KATEGORI)):
            idx = np.flatnonzero(cat == j)
            w = counts25[:, j] + 0.2
            desa[idx] = rng.choice(w.size, idx.size, p=w / w.sum())
        stage = _stages(when, rng)
        if year in ASSESSED_ONLY:  # after every draw, so the other cases stay as they were
            stage[cat == KATEGORI.index(ASSESSED_ONLY[year])] = 0
        dates = when.astype("datetime64[D]").astype(object)
        for i in range(n):
            rows.append((f"KS-{year}-{i + 1:05d}", wil.desa.at[int(desa[i]), "kode"], KATEGORI[cat[i]],
                         dates[i].strftime("%d-%m-%Y"), TAHAP[stage[i]]))
    return rows


def write_kasus(path: Path, counts25: np.ndarray, wil: Wilayah, rng: np.random.Generator) -> int:
    """ppks_kasus_2025_2026.csv: comma, UTF-8, dd-mm-yyyy dates."""
    header = ("id_kasus", "kode_wilayah", "kategori", "tanggal_lapor", "tahap")
    return write_small_csv(path, header, kasus_rows(counts25, wil, rng))
