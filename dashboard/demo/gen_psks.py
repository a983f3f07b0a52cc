"""PSKS register (TKSK, PSM, LKS, Karang Taruna, Tagana, Puskesos) and monthly TKSK report recaps."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from . import names as N
from .gen_io import BOLD, BULAN, LAST_MONTH, new_sheet, save_workbook, set_widths, text_cell
from .gen_wilayah import Wilayah

JENIS = ("TKSK", "PSM", "LKS", "Karang Taruna", "Tagana", "Puskesos")
LAPORAN_HEADER = ("NO", "KECAMATAN", "NAMA TKSK", "TGL TERIMA LAPORAN", "JML KASUS DITANGANI", "KETERANGAN")


MAX_REDRAWS = 50


def person_names(rng: np.random.Generator, k: int) -> list[str]:
    """k distinct uppercase adult names (about 40% women), e.g. 'SITI ZAINAB', 'MOH. WAHYUNI'.

    Once the two-word names run short (a kabupaten of 400+ desa needs more than they hold), a name that keeps
    repeating gets a second given name ('SITI ZAINAB RAHAYU'), so large kabupaten never loop for ever.
    """
    out: list[str] = []
    seen: set[str] = set()
    redraws = 0
    while len(out) < k:
        female = rng.random() < 0.4
        pre, core = (N.FEMALE_PREFIX, N.FEMALE_CORE) if female else (N.MALE_PREFIX, N.MALE_CORE)
        parts = [pre[rng.integers(len(pre))]] if rng.random() < 0.5 else []
        parts.append(core[rng.integers(len(core))])
        if redraws >= MAX_REDRAWS:
            parts.append(core[rng.integers(len(core))])
        name = " ".join(parts)
        if name in seen:
            redraws += 1
            continue
        seen.add(name)
        out.append(name)
        redraws = 0
    return out


def title_name(name: str) -> str:
    """'MOH. MA'RUF' -> 'Moh. Ma'ruf' (str.title would capitalise after the apostrophe)."""
    return " ".join(w[:1] + w[1:].lower() for w in name.split(" "))


def register(wil: Wilayah, rng: np.random.Generator) -> dict[int, list[tuple[str, str, str]]]:
    """(jenis, nama, kode) rows for 2025 and 2026; 2026 keeps the TKSK and changes a few others."""
    desa = wil.desa
    n_desa = len(desa)
    tksk = [("TKSK", n, k) for n, k in zip(person_names(rng, len(wil.kec)), wil.kec["kode"], strict=True)]
    n_psm = 1 + (rng.random(n_desa) < 0.5)
    psm_names = person_names(rng, int(n_psm.sum()) + 60)
    psm_desa = np.repeat(np.arange(n_desa), n_psm)
    psm = [("PSM", psm_names[i], desa.at[d, "kode"]) for i, d in enumerate(psm_desa)]
    kt = [("Karang Taruna", f"Karang Taruna {N.KARANG_TARUNA_WORDS[rng.integers(7)]} {desa.at[d, 'nama']}",
           desa.at[d, "kode"]) for d in range(n_desa)]
    lks = _orgs(rng, desa, _per_desa(43, n_desa), "LKS", N.LKS_WORDS)
    pusk = _orgs(rng, desa, _per_desa(14, n_desa), "Puskesos", N.PUSKESOS_WORDS)
    upland = np.isin(wil.kec["nama"].to_numpy(), wil.profile.upland)[desa["kec_idx"].to_numpy()]
    w = np.where(upland, 3.0, 1.0)  # Tagana volunteers cluster where landslides and Bromo ash hit
    n_tg = _per_desa(33, n_desa)
    tg_desa = rng.choice(n_desa, n_tg, replace=False, p=w / w.sum())
    tagana = [("Tagana", nm, desa.at[d, "kode"]) for nm, d in zip(person_names(rng, n_tg), tg_desa, strict=True)]
    reg25 = tksk + psm + lks[:40] + kt + tagana[:30] + pusk[:12]
    spare = iter(psm_names[len(psm):])
    replaced = rng.random(len(psm)) < 0.08  # ~8% of PSM replaced by a new volunteer in 2026
    psm26 = [(j, next(spare, n) if replaced[i] else n, k) for i, (j, n, k) in enumerate(psm)]
    gone_lks = int(rng.integers(40))
    lks26 = [r for i, r in enumerate(lks) if i != gone_lks]
    gone_tg = set(rng.choice(30, 3, replace=False).tolist())
    tg26 = [r for i, r in enumerate(tagana) if i not in gone_tg]
    reg26 = tksk + psm26 + lks26 + kt + tg26 + pusk
    order = {j: i for i, j in enumerate(JENIS)}
    return {y: sorted(r, key=lambda t: (order[t[0]], t[2], t[1])) for y, r in ((2025, reg25), (2026, reg26))}


def _per_desa(k_probolinggo: int, n_desa: int) -> int:
    """Organisations in proportion to the desa count: Probolinggo's 330 desa have k_probolinggo of them."""
    return min(n_desa, max(1, round(k_probolinggo * n_desa / 330)))


def _orgs(rng: np.random.Generator, desa, k: int, prefix: str, words) -> list[tuple[str, str, str]]:
    """k organisations in distinct desa, named like 'LKS Bina Sejahtera Ngadisari'."""
    picks = rng.choice(len(desa), k, replace=False)
    return [(prefix, f"{prefix} {words[rng.integers(len(words))]} {desa.at[d, 'nama']}", desa.at[d, "kode"])
            for d in picks]


def write_sumber_daya(path: Path, year: int, rows: list[tuple[str, str, str]]) -> int:
    """psks_sumber_daya_<year>.xlsx: header in row 1, kode wilayah as dotted text."""
    wb, ws = new_sheet("PSKS")
    for c, h in enumerate(("Jenis", "Nama", "Kode Wilayah", "Tahun"), start=1):
        ws.cell(row=1, column=c, value=h).font = BOLD
    for r, (jenis, nama, kode) in enumerate(rows, start=2):
        ws.cell(row=r, column=1, value=jenis)
        ws.cell(row=r, column=2, value=nama)
        text_cell(ws, r, 3, kode)
        ws.cell(row=r, column=4, value=year)
    set_widths(ws, (16, 44, 16, 8))
    save_workbook(wb, path)
    return len(rows)


def _missing(wil: Wilayah, months: int, rng: np.random.Generator) -> np.ndarray:
    """(kecamatan x month) reports never received: exactly ~27% for the weak TKSK, ~8% overall."""
    weak = np.isin(wil.kec["nama"].to_numpy(), wil.profile.tksk_weak)
    miss = np.zeros((len(weak), months), dtype=bool)
    per_weak = round(0.27 * months)
    for k in np.flatnonzero(weak):
        miss[k, rng.choice(months, per_weak, replace=False)] = True
    rest = max(0, round(0.08 * miss.size) - per_weak * int(weak.sum()))
    others = np.flatnonzero(~weak)
    takers = np.concatenate([rng.permutation(others), rng.permutation(others)])[:rest]  # at most 2 each
    for k in np.unique(takers):
        miss[k, rng.choice(months, int((takers == k).sum()), replace=False)] = True
    return miss


def _laporan_sheet(wb, year: int, month: int, wil: Wilayah, tksk: list[str], missing: np.ndarray,
                   rng: np.random.Generator, with_codes: bool) -> None:
    """One month: received date (text) in the next month, empty when the report never came in."""
    ws = wb.create_sheet(BULAN[month - 1])
    ws["A1"] = f"REKAP LAPORAN BULANAN TKSK BULAN {BULAN[month - 1]} {year}"
    ws["A1"].font = BOLD
    for c, h in enumerate(LAPORAN_HEADER + (("KODE KECAMATAN",) if with_codes else ()), start=1):
        ws.cell(row=3, column=c, value=h).font = BOLD
    n = len(wil.kec)
    days = rng.choice(np.arange(1, 16), n, p=np.r_[np.full(10, 1.0), np.full(5, 0.5)] / 12.5)
    kasus = np.minimum(rng.poisson(rng.uniform(3, 12, n)), 25)
    ny, nm = (year, month + 1) if month < 12 else (year + 1, 1)
    for i in range(n):
        r = 4 + i
        ws.cell(row=r, column=1, value=i + 1)
        ws.cell(row=r, column=2, value=f"Kec. {wil.kec.at[i, 'nama']}")
        ws.cell(row=r, column=3, value=tksk[i])
        if not missing[i]:
            text_cell(ws, r, 4, f"{days[i]:02d}/{nm:02d}/{ny}")
            ws.cell(row=r, column=5, value=int(kasus[i]))
            if days[i] > 10:
                ws.cell(row=r, column=6, value="terlambat")
        if with_codes:
            text_cell(ws, r, 7, wil.kec.at[i, "kode"])
    set_widths(ws, (5, 20, 26, 20, 20, 14, 16))


def write_laporan(path: Path, year: int, wil: Wilayah, tksk: list[str], rng: np.random.Generator,
                  with_codes: bool = False) -> int:
    """tksk_laporan_<year>.xlsx: one sheet per month (JANUARI..), one row per kecamatan each; ``with_codes`` adds
    the kecamatan code (a provinsi's files: kecamatan names repeat across its kab/kota, e.g. Sawahan)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    missing = _missing(wil, LAST_MONTH[year], rng)
    for month in range(1, LAST_MONTH[year] + 1):
        _laporan_sheet(wb, year, month, wil, tksk, missing[:, month - 1], rng, with_codes)
    save_workbook(wb, path)
    return len(wil.kec) * LAST_MONTH[year]
