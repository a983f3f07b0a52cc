"""Synthetic DTKS population: households and members with consistent NIK, No. KK, ages and names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import names as N
from .gen_io import AS_OF, date_text, day, int_text, lookup, write_csv
from .gen_wilayah import Wilayah

SIZE_P = np.array([0.12, 0.22, 0.23, 0.21, 0.12, 0.06, 0.025, 0.015])  # household size 1..8, mean 3.345
MEAN_SIZE = float(SIZE_P @ np.arange(1, 9))
# index 0 = empty desil, then desil 1..10; skewed poor (1-4 ~55%, 5-10 ~42%, empty 3%)
DESIL_P = np.array([0.03, 0.16, 0.15, 0.13, 0.11, 0.10, 0.09, 0.08, 0.07, 0.05, 0.03])
DESIL_P_POOR = np.array([0.03, 0.20, 0.17, 0.14, 0.11, 0.09, 0.08, 0.07, 0.05, 0.03, 0.03])
GHOST_SHARE = 0.03  # people known to Dukcapil but not in DTKS: the source of "unmatched" KPM

HEAD, SPOUSE, CHILD, PARENT, OTHER = range(5)
# label index = role * 2 + sex (sex 0 = L, 1 = P)
HUBUNGAN = ("KEPALA KELUARGA", "KEPALA KELUARGA", "SUAMI", "ISTRI", "ANAK", "ANAK",
            "ORANG TUA", "ORANG TUA", "FAMILI LAIN", "FAMILI LAIN")
DISABILITAS = ("", "Disabilitas Fisik", "Disabilitas Intelektual", "Disabilitas Mental", "Disabilitas Sensorik")
DTKS_HEADER = ("ID DTKS", "No. KK", "NIK", "Nama", "Jenis Kelamin", "Tgl Lahir", "Hubungan Keluarga",
               "Kode Desa", "Desil", "Status", "Disabilitas", "Tgl Update")


@dataclass
class Population:
    """Column arrays for households (hh_*) and persons (p_*); ghosts exist in Dukcapil but not in DTKS."""

    hh_desa: np.ndarray
    hh_kec: np.ndarray
    hh_size: np.ndarray
    hh_start: np.ndarray
    hh_desil: np.ndarray  # 0 = empty
    hh_active: np.ndarray
    hh_update: np.ndarray  # day number
    hh_ghost: np.ndarray
    hh_kk: np.ndarray
    hh_id: np.ndarray  # 0 for ghosts
    p_hh: np.ndarray
    p_role: np.ndarray
    p_sex: np.ndarray
    p_birth: np.ndarray  # day number
    p_nik: np.ndarray
    p_name: np.ndarray  # index into name_pool
    p_dis: np.ndarray  # index into DISABILITAS
    name_pool: list[str]

    def age_at(self, day_no: int) -> np.ndarray:
        """Completed years at a day (approximate: 365.25-day years are precise enough for bands)."""
        return np.floor((day_no - self.p_birth) / 365.25).astype(np.int16)


def _households(wil: Wilayah, desa_pop: np.ndarray, n: int, rng: np.random.Generator) -> dict:
    """Households spread over desa by population, with more per capita in poorer kecamatan."""
    n_hh = max(1, round(n / MEAN_SIZE))
    n_all = n_hh + max(30, round(GHOST_SHARE * n_hh))
    kec_of_desa = wil.desa["kec_idx"].to_numpy()
    factor = wil.kec_factor(wil.profile.poverty)[kec_of_desa]
    w = desa_pop * factor
    desa = np.repeat(np.arange(len(w)), _at_least_one(rng.multinomial(n_all, w / w.sum()))).astype(np.int16)
    kec = kec_of_desa[desa].astype(np.int8 if len(wil.kec) < 128 else np.int16)
    size = (rng.choice(8, n_all, p=SIZE_P) + 1).astype(np.int8)
    poor = (wil.kec_factor(wil.profile.poverty) >= 1.3)[kec]
    desil = np.where(poor, rng.choice(11, n_all, p=DESIL_P_POOR), rng.choice(11, n_all, p=DESIL_P))
    ghost = np.zeros(n_all, dtype=bool)
    ghost[rng.permutation(n_all)[: n_all - n_hh]] = True
    _real_in_every_desa(desa, ghost)
    return {
        "desa": desa, "kec": kec, "size": size, "desil": desil.astype(np.int8),
        "active": rng.random(n_all) < 0.95, "update": _update_days(rng, n_all), "ghost": ghost,
    }


def _at_least_one(counts: np.ndarray) -> np.ndarray:
    """Households per desa with none empty: a small demo of a big kabupaten still gives every desa data (one
    household moves from the fullest desa; a demo where no desa is empty is left as drawn)."""
    counts = counts.copy()
    for d in np.flatnonzero(counts == 0):
        fullest = int(np.argmax(counts))
        if counts[fullest] > 1:
            counts[fullest] -= 1
            counts[d] += 1
    return counts


def _real_in_every_desa(desa: np.ndarray, ghost: np.ndarray) -> None:
    """Swap ghost flags so every desa has a DTKS (non-ghost) household; no-op when each already has one."""
    real_per_desa = np.bincount(desa[~ghost], minlength=int(desa.max()) + 1)
    for d in np.flatnonzero(real_per_desa == 0):
        mine = np.flatnonzero(desa == d)
        if mine.size == 0:
            continue
        donor_desa = int(np.argmax(real_per_desa))
        donor = np.flatnonzero((desa == donor_desa) & ~ghost)[-1]
        ghost[mine[0]], ghost[donor] = False, True
        real_per_desa[d] += 1
        real_per_desa[donor_desa] -= 1


def _update_days(rng: np.random.Generator, n: int) -> np.ndarray:
    """Last verval date: ~35% in 2026 (to the as-of date), ~30% in 2025, the rest 2023-2024."""
    bucket = rng.choice(3, n, p=[0.35, 0.30, 0.35])
    lo = np.array([day("2026-01-01"), day("2025-01-01"), day("2023-01-01")])[bucket]
    hi = np.array([int(AS_OF.astype(np.int64)), day("2025-12-31"), day("2024-12-31")])[bucket]
    return (lo + np.floor(rng.random(n) * (hi - lo + 1))).astype(np.int32)


def _roles(size: np.ndarray, head_female: np.ndarray, rng: np.random.Generator):
    """Member roles ordered head, spouse, children, parents, other relatives within each household."""
    start = np.concatenate(([0], np.cumsum(size, dtype=np.int64)[:-1]))
    p_hh = np.repeat(np.arange(size.size, dtype=np.int32), size)
    pos = np.arange(p_hh.size) - start[p_hh]
    has_spouse = (size >= 2) & (rng.random(size.size) < np.where(head_female, 0.08, 0.9))
    extra = rng.choice([CHILD, PARENT, OTHER], p_hh.size, p=[0.9, 0.06, 0.04])
    role = np.where(pos == 0, HEAD, np.where((pos == 1) & has_spouse[p_hh], SPOUSE, extra)).astype(np.int8)
    order = np.argsort(p_hh.astype(np.int64) * 8 + role, kind="stable")
    return start, p_hh, role[order], has_spouse


def _sex_and_age(hh: dict, p_hh, role, has_spouse, rng: np.random.Generator):
    """Sex and age (years, float) by role: spouses near the head's age, children younger than parents."""
    n = p_hh.size
    head_age = 20 + 59.99 * rng.beta(2.2, 2.8, hh["size"].size)
    head_f = hh["head_female"]
    spouse_age = np.clip(head_age + np.where(head_f, 3, -4) + rng.normal(0, 4, head_age.size), 17, 90)
    ref = np.where(has_spouse, np.minimum(head_age, spouse_age), head_age)[p_hh]
    old_head = head_age[p_hh] > 62
    role = np.where((role == PARENT) & old_head, OTHER, role).astype(np.int8)
    age = np.select(
        [role == HEAD, role == SPOUSE, role == CHILD, role == PARENT],
        [head_age[p_hh], spouse_age[p_hh], (ref - 17) * rng.random(n) ** 1.3,
         np.minimum(head_age[p_hh] + rng.uniform(18, 35, n), 97.5)],
        rng.uniform(0, 75, n),
    )
    head_sex = head_f.astype(np.int8)[p_hh]
    sex = np.select(
        [role == HEAD, role == SPOUSE, role == PARENT],
        [head_sex, 1 - head_sex, (rng.random(n) < 0.7).astype(np.int8)],
        (rng.random(n) < 0.49).astype(np.int8),
    ).astype(np.int8)
    return role, sex, age


def _ddmmyy(days: np.ndarray, female: np.ndarray | None = None) -> np.ndarray:
    """DDMMYY as an integer, with DD+40 for women as in the NIK."""
    d = days.astype("datetime64[D]")
    month_start = d.astype("datetime64[M]")
    dd = (d - month_start).astype(np.int64) + 1
    mm = month_start.astype(np.int64) % 12 + 1
    yy = (d.astype("datetime64[Y]").astype(np.int64) + 1970) % 100
    if female is not None:
        dd = dd + 40 * female
    return dd * 10_000 + mm * 100 + yy


def serial_within(keys: np.ndarray, limit: int | None = 9999) -> np.ndarray:
    """1-based running number within equal keys (in array order): the last 4 digits of NIK and No. KK."""
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    idx = np.arange(sk.size)
    first = np.r_[True, sk[1:] != sk[:-1]] if sk.size else np.zeros(0, bool)
    serial = idx - np.maximum.accumulate(np.where(first, idx, 0))
    out = np.empty_like(serial)
    out[order] = serial + 1
    if limit is not None and out.size and out.max() > limit:
        raise ValueError("more than 9999 identical NIK/KK prefixes; population too large for one kabupaten")
    return out


def _name_pool() -> tuple[list[str], int]:
    """All prefix/core/suffix combinations (male then female); persons store an index into this pool."""
    pool = []
    for pre, core, suf in ((N.MALE_PREFIX, N.MALE_CORE, N.MALE_SUFFIX),
                           (N.FEMALE_PREFIX, N.FEMALE_CORE, N.FEMALE_SUFFIX)):
        for p in ("",) + pre:
            for c in core:
                pool.extend(" ".join(x for x in (p, c, s) if x) for s in ("",) + suf)
    n_male = (len(N.MALE_PREFIX) + 1) * len(N.MALE_CORE) * (len(N.MALE_SUFFIX) + 1)
    return pool, n_male


def _names(sex: np.ndarray, birth: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, list[str]]:
    """Gender-appropriate names; people born after 1995 more often carry a modern second name."""
    pool, n_male = _name_pool()
    n = sex.size
    young = birth > day("1995-01-01")
    female = sex == 1
    n_pre = np.where(female, len(N.FEMALE_PREFIX), len(N.MALE_PREFIX))
    n_core = np.where(female, len(N.FEMALE_CORE), len(N.MALE_CORE))
    n_suf = np.where(female, len(N.FEMALE_SUFFIX), len(N.MALE_SUFFIX))
    pre = np.where(rng.random(n) < 0.4, 1 + (rng.random(n) * n_pre).astype(np.int64), 0)
    core = (rng.random(n) * n_core).astype(np.int64)
    suf_p = np.where(young, 0.45, 0.12)
    suf = np.where(rng.random(n) < suf_p, 1 + (rng.random(n) * n_suf).astype(np.int64), 0)
    code = (pre * n_core + core) * (n_suf + 1) + suf + np.where(female, n_male, 0)
    return code.astype(np.int32), pool


def build_population(wil: Wilayah, desa_pop: np.ndarray, n: int, rng: np.random.Generator) -> Population:
    """Households, then members with roles, sexes, birth dates, NIK, No. KK, names and disabilities."""
    hh = _households(wil, desa_pop, n, rng)
    hh["head_female"] = rng.random(hh["size"].size) < np.where(hh["size"] == 1, 0.45, 0.12)
    start, p_hh, role, has_spouse = _roles(hh["size"], hh["head_female"], rng)
    role, sex, age = _sex_and_age(hh, p_hh, role, has_spouse, rng)
    asof = int(AS_OF.astype(np.int64))
    birth = asof - np.floor(age * 365.25).astype(np.int64) - rng.integers(0, 365, p_hh.size)
    birth = np.minimum(birth, hh["update"][p_hh] - 1)  # everybody listed was born before the last update
    kec6 = wil.kec6
    p_kec6 = kec6[hh["kec"][p_hh]]
    nik_key = p_kec6 * 1_000_000 + _ddmmyy(birth, sex)
    nik = nik_key * 10_000 + serial_within(nik_key)
    issued = day("2005-01-01") + np.floor(rng.random(start.size) * (hh["update"] - day("2005-01-01")))
    kk_key = kec6[hh["kec"]] * 1_000_000 + _ddmmyy(issued.astype(np.int64))
    kk = kk_key * 10_000 + serial_within(kk_key)
    real = ~hh["ghost"]
    kec_serial = serial_within(np.where(real, hh["kec"].astype(np.int64), -1 - np.arange(start.size)), None)
    hh_id = np.where(real, wil.kab4 * 10**10 + wil.kec["num"].to_numpy()[hh["kec"]] * 10**8 + kec_serial, 0)
    dis_p = np.where(age >= 60, 0.06, 0.012)
    dis = np.where(rng.random(p_hh.size) < dis_p, rng.choice([1, 2, 3, 4], p_hh.size, p=[.45, .15, .15, .25]), 0)
    name, pool = _names(sex, birth, rng)
    return Population(
        hh_desa=hh["desa"], hh_kec=hh["kec"], hh_size=hh["size"], hh_start=start, hh_desil=hh["desil"],
        hh_active=hh["active"], hh_update=hh["update"], hh_ghost=hh["ghost"], hh_kk=kk, hh_id=hh_id,
        p_hh=p_hh, p_role=role, p_sex=sex, p_birth=birth.astype(np.int32), p_nik=nik, p_name=name,
        p_dis=dis.astype(np.int8), name_pool=pool,
    )


def _dtks_chunks(pop: Population, wil: Wilayah, chunk: int = 1_000_000):
    """DTKS columns for real (non-ghost) members, built a million rows at a time to bound memory."""
    persons = np.flatnonzero(~pop.hh_ghost[pop.p_hh])
    kode10 = wil.desa["kode10"].tolist()
    for s in range(0, persons.size, chunk):
        p = persons[s : s + chunk]
        h = pop.p_hh[p]
        desil = pop.hh_desil[h]
        yield [
            int_text(pop.hh_id[h]), int_text(pop.hh_kk[h]), int_text(pop.p_nik[p]),
            lookup(pop.name_pool, pop.p_name[p]), lookup(("L", "P"), pop.p_sex[p]),
            date_text(pop.p_birth[p], "%d/%m/%Y"), lookup(HUBUNGAN, pop.p_role[p] * 2 + pop.p_sex[p]),
            lookup(kode10, pop.hh_desa[h]), int_text(desil, desil == 0),
            lookup(("Nonaktif", "Aktif"), pop.hh_active[h].astype(np.int8)),
            lookup(DISABILITAS, pop.p_dis[p]), date_text(pop.hh_update[h], "%Y-%m-%d"),
        ]


def write_dtks(path: Path, pop: Population, wil: Wilayah) -> int:
    """dtks_<wilayah>_2026-10.csv: semicolon, UTF-8 with BOM, CRLF, as exported from SIKS-NG."""
    return write_csv(path, DTKS_HEADER, _dtks_chunks(pop, wil), sep=";", eol="\r\n", bom=True)


def head_and_spouse(pop: Population) -> tuple[np.ndarray, np.ndarray]:
    """Person index of each household head, and of the spouse (-1 when none)."""
    head = pop.hh_start
    nxt = np.minimum(head + 1, pop.p_role.size - 1)
    has = (pop.hh_size >= 2) & (pop.p_role[nxt] == SPOUSE)
    return head, np.where(has, nxt, -1)

