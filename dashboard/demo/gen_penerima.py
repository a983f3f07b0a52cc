"""Bansos recipient lists (PKH, BPNT, PBI-JK, ATENSI) with deliberate exclusion/inclusion/unmatched errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from .gen_dtks import Population, head_and_spouse
from .gen_io import (
    BOLD,
    const,
    day,
    exact_share,
    int_text,
    lookup,
    new_sheet,
    save_workbook,
    set_widths,
    text_cell,
    weighted_pick,
    write_csv,
)
from .gen_wilayah import Wilayah

INCL_SHARE, UNMATCHED_SHARE = 0.07, 0.02  # of KPM rows
REACH = 0.88  # share of eligible households in the programme base (before churn) ...
REACH_WEAK = 0.62  # ... and in the kecamatan with poor coverage
CHURN = 0.12  # share of base households entering late / leaving early over the 8 periods
# inclusion-error weights by desil (index 0 = empty); Nonaktif households weigh 1.2 whatever their desil
INCL_W = np.array([0.8, 0, 0, 0, 0, 1.0, 0.6, 0.35, 0.2, 0.1, 0.05])
STATUS = ("salur", "gagal", "belum")
PKH_HEADER = ("PROGRAM", "TAHUN", "TAHAP", "NIK", "NO KK", "NAMA PENERIMA", "KODE WILAYAH", "NOMINAL",
              "STATUS SALUR")
BPNT_HEADER = ("Program", "Tahun", "Periode", "NIK KPM", "Nomor KK", "Nama KPM", "Kode Desa", "Nilai Bantuan",
               "Status Penyaluran")
PBI_HEADER = ("program", "tahun", "periode", "nik", "no_kk", "nama", "kode_wilayah", "nominal", "status_salur")
ATENSI_HEADER = ("No", "Program", "Tahun", "Periode", "NIK", "No KK", "Nama", "Kode Wilayah", "Nominal",
                 "Status")


@dataclass
class Programs:
    """Programme base per household with an active window [t_in, t_out) over periods 0..7 (2025 T1..2026 T4)."""

    base: np.ndarray
    t_in: np.ndarray
    t_out: np.ndarray
    pkh: np.ndarray
    bpnt: np.ndarray
    pbi: np.ndarray
    pkh_person: np.ndarray  # person whose NIK is on the PKH list (head or wife)
    bpnt_person: np.ndarray

    def members(self, flag: np.ndarray, year: int, tahap: int) -> np.ndarray:
        """Household indices receiving a programme in one period, in desa order."""
        t = (year - 2025) * 4 + tahap - 1
        return np.flatnonzero(self.base & flag & (self.t_in <= t) & (t < self.t_out))


def eligible(pop: Population) -> np.ndarray:
    """Eligible = active DTKS household with desil 1..4 (the definition the dashboard checks against)."""
    return ~pop.hh_ghost & pop.hh_active & (pop.hh_desil >= 1) & (pop.hh_desil <= 4)


def _category(pop: Population, wil: Wilayah, rng: np.random.Generator) -> np.ndarray:
    """Category per household: 0 reached eligible, 1 inclusion error, 2 unmatched (ghost), 3 not in programmes.

    Exact counts per kecamatan and per category keep the designed shares stable even for small demos.
    """
    elig = eligible(pop)
    kec_reach = np.where(np.isin(wil.kec["nama"].to_numpy(), wil.profile.weak_coverage), REACH_WEAK, REACH)
    group = np.where(elig, pop.hh_kec.astype(np.int64), len(kec_reach))
    reached = elig & exact_share(rng, group, np.r_[kec_reach, 0.0])
    cat = np.where(reached, 0, 3)
    denom = 1 - INCL_SHARE - UNMATCHED_SHARE
    w = np.where(pop.hh_active, INCL_W[pop.hh_desil], 1.2) * (~elig & ~pop.hh_ghost)
    cat[weighted_pick(rng, w, round(INCL_SHARE / denom * reached.sum()))] = 1
    cat[weighted_pick(rng, pop.hh_ghost.astype(float), round(UNMATCHED_SHARE / denom * reached.sum()))] = 2
    return cat


def assign_programs(pop: Population, wil: Wilayah, rng: np.random.Generator) -> Programs:
    """Stable membership with small churn; every reached household gets PKH or BPNT (often both)."""
    cat = _category(pop, wil, rng)
    n = cat.size
    t_in = np.where(rng.random(n) < CHURN, rng.integers(1, 8, n), 0).astype(np.int8)
    t_out = np.where(rng.random(n) < CHURN, rng.integers(1, 8, n), 8).astype(np.int8)
    t_out = np.where(t_out <= t_in, 8, t_out).astype(np.int8)
    pkh = exact_share(rng, cat, np.full(4, 0.48))
    bpnt = exact_share(rng, cat, np.full(4, 0.625)) | ~pkh
    pbi = exact_share(rng, cat, np.full(4, 0.685))
    head, spouse = head_and_spouse(pop)
    wife = (spouse >= 0) & (pop.p_sex[np.maximum(spouse, 0)] == 1)
    pkh_person = np.where(wife & (rng.random(n) < 0.25), spouse, head)
    bpnt_person = np.where(wife & (rng.random(n) < 0.10), spouse, head)
    return Programs(cat < 3, t_in, t_out, pkh, bpnt, pbi, pkh_person, bpnt_person)


def pkh_nominal(pop: Population, year: int) -> np.ndarray:
    """PKH per tahap by household components (max 4), highest-value components first; 225.000-2.400.000."""
    age = pop.age_at(day(f"{year}-07-01"))
    comps = (
        (750_000, (age >= 0) & (age <= 6)), (600_000, age >= 60), (600_000, pop.p_dis > 0),
        (500_000, (age >= 16) & (age <= 18)), (375_000, (age >= 13) & (age <= 15)),
        (225_000, (age >= 7) & (age <= 12)),
    )
    h = pop.hh_size.size
    slots = np.full(h, 4, dtype=np.int64)
    total = np.zeros(h, dtype=np.int64)
    for value, mask in comps:
        take = np.minimum(np.bincount(pop.p_hh[mask], minlength=h), slots)
        total += take * value
        slots -= take
    # no listed component: a woman of child-bearing age stands for the ibu hamil component, else the minimum
    mother = np.bincount(pop.p_hh[(pop.p_sex == 1) & (age >= 18) & (age <= 40)], minlength=h) > 0
    return np.where(total == 0, np.where(mother, 750_000, 225_000), np.minimum(total, 2_400_000))


def _status(rng: np.random.Generator, n: int, belum: bool) -> np.ndarray:
    """Distribution status: ~1% gagal; the running tahap (2026 Tahap 4) ~40% not yet distributed."""
    s = np.where(rng.random(n) < 0.01, 1, 0)
    if belum:
        s = np.where(rng.random(n) < 0.40, 2, s)
    return s


def _rupiah(values: np.ndarray) -> pa.Array:
    """Nominal as the bank exports it: "Rp 750.000", quoted like Excel's CSV export of currency cells."""
    uniq, inv = np.unique(values, return_inverse=True)
    labels = ['"Rp ' + f"{int(v):,}".replace(",", ".") + '"' for v in uniq]
    return lookup(labels, inv)


def _kk_column(pop: Population, hh: np.ndarray, rng: np.random.Generator) -> pa.Array:
    """No. KK with ~5% left empty, as in bank lists; matching must then fall back to NIK."""
    return int_text(pop.hh_kk[hh], rng.random(hh.size) < 0.05)


def write_pkh(path: Path, year: int, pop: Population, wil: Wilayah, prog: Programs, rng) -> int:
    """penerima_pkh_<year>.csv: comma, Windows-1252; names keep the typographic apostrophe of Excel."""
    nominal = pkh_nominal(pop, year)
    dotted = wil.desa["kode"].tolist()
    pool = [s.replace("'", "\u2019") for s in pop.name_pool]  # cp1252 0x92: the encoding is visible

    def chunks():
        for tahap in range(1, 5):
            hh = prog.members(prog.pkh, year, tahap)
            who = prog.pkh_person[hh]
            st = _status(rng, hh.size, year == 2026 and tahap == 4)
            yield [const(hh.size, "PKH"), const(hh.size, str(year)), const(hh.size, f"Tahap {tahap}"),
                   int_text(pop.p_nik[who]), _kk_column(pop, hh, rng), lookup(pool, pop.p_name[who]),
                   lookup(dotted, pop.hh_desa[hh]), _rupiah(nominal[hh]), lookup(STATUS, st)]

    return write_csv(path, PKH_HEADER, chunks(), encoding="cp1252")


def write_bpnt(path: Path, year: int, pop: Population, wil: Wilayah, prog: Programs, rng) -> int:
    """penerima_bpnt_<year>.csv: semicolon, UTF-8 without BOM, undotted desa code, plain integer value."""
    kode10 = wil.desa["kode10"].tolist()

    def chunks():
        for tahap in range(1, 5):
            hh = prog.members(prog.bpnt, year, tahap)
            who = prog.bpnt_person[hh]
            st = _status(rng, hh.size, year == 2026 and tahap == 4)
            yield [const(hh.size, "BPNT"), const(hh.size, str(year)), const(hh.size, f"Tahap {tahap}"),
                   int_text(pop.p_nik[who]), _kk_column(pop, hh, rng), lookup(pop.name_pool, pop.p_name[who]),
                   lookup(kode10, pop.hh_desa[hh]), const(hh.size, "600000"), lookup(STATUS, st)]

    return write_csv(path, BPNT_HEADER, chunks(), sep=";")


def write_pbi(path: Path, year: int, pop: Population, wil: Wilayah, prog: Programs) -> int:
    """penerima_pbi_<year>.csv: one row per covered individual per triwulan; status left empty."""
    dotted = wil.desa["kode"].tolist()

    def chunks():
        for tw in range(1, 5):
            member = np.zeros(pop.hh_size.size, dtype=bool)
            member[prog.members(prog.pbi, year, tw)] = True
            p = np.flatnonzero(member[pop.p_hh])
            h = pop.p_hh[p]
            yield [const(p.size, "PBI-JK"), const(p.size, str(year)), const(p.size, f"Triwulan {tw}"),
                   int_text(pop.p_nik[p]), int_text(pop.hh_kk[h]), lookup(pop.name_pool, pop.p_name[p]),
                   lookup(dotted, pop.hh_desa[h]), const(p.size, "126000"), const(p.size, "")]

    return write_csv(path, PBI_HEADER, chunks())


def kpm_last_tahap(pop: Population, prog: Programs, year: int, n_kec: int) -> np.ndarray:
    """PKH + BPNT KPM per kecamatan in the year's Tahap 4: the allocation behind target T4."""
    hh = np.concatenate([prog.members(prog.pkh, year, 4), prog.members(prog.bpnt, year, 4)])
    return np.bincount(pop.hh_kec[hh], minlength=n_kec)


def _atensi_rows(pop: Population, wil: Wilayah, rng: np.random.Generator) -> list[tuple]:
    """~400 ATENSI rows for elderly and disabled DTKS members; fixed size whatever the DTKS size."""
    age = pop.age_at(day("2026-01-01"))
    pool = np.flatnonzero(~pop.hh_ghost[pop.p_hh] & ((pop.p_dis > 0) | (age >= 65)))
    chosen = np.sort(rng.choice(pool, min(260, pool.size), replace=False))
    nominal = rng.choice([250_000, 300_000, 500_000, 750_000, 1_000_000, 1_500_000], chosen.size,
                         p=[.25, .25, .2, .15, .1, .05])
    rows = []
    for tahap in (1, 2):
        take = rng.random(chosen.size) < 0.78
        gagal = rng.random(chosen.size) < 0.03
        for i in np.flatnonzero(take):
            p, h = chosen[i], pop.p_hh[chosen[i]]
            rows.append((f"Tahap {tahap}", str(pop.p_nik[p]), str(pop.hh_kk[h]), pop.name_pool[pop.p_name[p]],
                         wil.desa.at[int(pop.hh_desa[h]), "kode"], int(nominal[i]),
                         "gagal" if gagal[i] else "salur"))
    return rows


def write_atensi(path: Path, pop: Population, wil: Wilayah, rng: np.random.Generator) -> int:
    """penerima_atensi_2026.xlsx: two title rows, header in row 4, NIK/KK as text, JUMLAH row at the end."""
    wb, ws = new_sheet("ATENSI")
    ws["A1"], ws["A2"] = "DAFTAR PENERIMA ATENSI TAHUN 2026", wil.office
    ws["A1"].font = ws["A2"].font = BOLD
    for c, h in enumerate(ATENSI_HEADER, start=1):
        ws.cell(row=4, column=c, value=h).font = BOLD
    rows = _atensi_rows(pop, wil, rng)
    for i, (periode, nik, kk, nama, kode, nominal, status) in enumerate(rows, start=1):
        r = 4 + i
        for c, v in enumerate((i, "ATENSI", 2026, periode), start=1):
            ws.cell(row=r, column=c, value=v)
        text_cell(ws, r, 5, nik)
        text_cell(ws, r, 6, kk)
        ws.cell(row=r, column=7, value=nama)
        text_cell(ws, r, 8, kode)
        ws.cell(row=r, column=9, value=nominal).number_format = "#,##0"
        ws.cell(row=r, column=10, value=status)
    last = 5 + len(rows)
    ws.cell(row=last, column=1, value="JUMLAH").font = BOLD
    total = ws.cell(row=last, column=9, value=sum(r[5] for r in rows))
    total.font, total.number_format = BOLD, "#,##0"
    set_widths(ws, (6, 10, 8, 10, 20, 20, 28, 16, 14, 10))
    save_workbook(wb, path)
    return len(rows)
