"""Coverage figures (C1, C3-C6) recomputed from the generated DTKS and recipient files with pandas.

The rules are those of docs/INDICATORS.md, written here again from the text, not from the code under test:
recipients are matched to DTKS households by No. KK first and then NIK (plain numbers, within the test only); a
household is a KPM of P in T when it has a row of P in T that was received (status ``salur``, or a list without
a status); eligible = active with desil <= the cut-off; C5 counts matched KPM only, with active KPM without a desil
apart. The period span is worked out from the months a ``periode`` label covers (``expected.in_span``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from dashboard.filters import Filters
from tests.support.expected import dotted, in_span, read_dtks, read_recipients

KABUPATEN, KECAMATAN = "35.13", "35.13.01"  # the default demo's; any other kabupaten/kota code works as parent
CUTOFFS = {"default": 4}
COUNT_COLUMNS = ["n_eligible", "n_eligible_kpm", "n_eligible_pending", "n_excluded", "n_excluded_pending", "n_kpm",
                 "n_kpm_pending", "n_no_desil", "n_kpm_ranked", "n_inclusion", "n_rows", "n_unmatched",
                 "n_unmatched_kpm"]


@cache
def dtks_people(files: Path) -> pd.DataFrame:
    people = read_dtks(files).copy()
    people["kode"] = people["Kode Desa"].map(dotted)
    people["aktif"] = people["Status"].str.lower() == "aktif"
    return people


@cache
def dtks_households(files: Path) -> pd.DataFrame:
    """One row per DTKS household (ID DTKS): desa, desil (NaN = not ranked), active."""
    households = dtks_people(files).groupby("ID DTKS").agg(kode=("kode", "first"), desil=("Desil", "first"),
                                                           aktif=("aktif", "any"))
    households["desil"] = pd.to_numeric(households["desil"].replace("", None))
    return households


@cache
def recipients(files: Path) -> pd.DataFrame:
    """Every recipient row with the DTKS household it matches (KK first, then NIK) or NaN, and whether received."""
    rows = read_recipients(files).copy()
    rows["kode"] = rows["kode"].map(dotted)
    people = dtks_people(files)
    by_kk = people.groupby("No. KK")["ID DTKS"].min()
    by_nik = people.groupby("NIK")["ID DTKS"].min()
    rows["hh"] = rows["kk"].map(by_kk).fillna(rows["nik"].map(by_nik))
    rows["received"] = rows["status"].str.strip().str.lower().isin(["salur", ""])
    return rows


def rows_in_span(files: Path, filters: Filters) -> pd.DataFrame:
    return in_span(recipients(files), filters)


def cutoff_of(program: str | None, cutoffs: dict[str, int]) -> int:
    return cutoffs.get(program, cutoffs["default"]) if program else cutoffs["default"]


def child_length(parent: str) -> int:
    """Length of the child codes under ``parent``: kecamatan (8) under a kabupaten/kota, desa (13) under a
    kecamatan."""
    return 8 if len(parent) == len("35.13") else 13


def _by_child(series: pd.Series, codes: pd.Series, child_len: int) -> pd.Series:
    return series.groupby(codes.str[:child_len]).sum()


def _household_counts(households, rows, chosen, cutoff, cutoffs, child_len) -> pd.DataFrame:
    """C3, C4 and C5 counts per child wilayah (households in their DTKS desa)."""
    matched, matched_chosen = rows[rows["hh"].notna()], chosen[chosen["hh"].notna()]
    kpm = set(matched_chosen.loc[matched_chosen["received"], "hh"])
    with_rows, served, any_rows = set(matched_chosen["hh"]), set(matched.loc[matched["received"], "hh"]), set(
        matched["hh"])
    h = households.copy()
    h["eligible"] = h["aktif"] & (h["desil"] <= cutoff)
    h["kpm"], h["pending"] = h.index.isin(kpm), h.index.isin(with_rows) & ~h.index.isin(kpm)
    h["served"], h["any_rows"] = h.index.isin(served), h.index.isin(any_rows)
    received = matched_chosen[matched_chosen["received"]]
    lowest = received.assign(c=received["program"].map(lambda p: cutoff_of(p, cutoffs))).groupby("hh")["c"].min()
    h["no_desil"] = h["kpm"] & h["aktif"] & h["desil"].isna()
    h["inclusion"] = h["kpm"] & (~h["aktif"] | (h["desil"] > lowest.reindex(h.index)))
    e = h["eligible"]
    counts = {"n_eligible": e, "n_eligible_kpm": e & h["kpm"], "n_eligible_pending": e & h["pending"],
              "n_excluded": e & ~h["served"], "n_excluded_pending": e & ~h["served"] & h["any_rows"],
              "n_kpm": h["kpm"], "n_kpm_pending": h["pending"], "n_no_desil": h["no_desil"],
              "n_kpm_ranked": h["kpm"] & ~h["no_desil"], "n_inclusion": h["inclusion"]}
    return pd.DataFrame({k: _by_child(v.astype(int), h["kode"], child_len) for k, v in counts.items()})


def _row_counts(households, chosen, child_len) -> pd.DataFrame:
    """C6 counts: matched rows in their household's desa, an unmatched KPM in the first desa of its rows."""
    matched = chosen["hh"].notna()
    own_key = ("kk:" + chosen["kk"]).where(chosen["kk"] != "", "nik:" + chosen["nik"])
    desa = chosen["hh"].map(households["kode"]).where(matched, chosen["kode"])
    keyed = chosen.assign(key=chosen["hh"].where(matched, own_key), desa=desa, unmatched=~matched)
    kpm = keyed.groupby("key").agg(desa=("desa", "min"), n_rows=("nik", "size"), n_unmatched=("unmatched", "sum"),
                                   unmatched=("unmatched", "all"))
    kpm["n_unmatched_kpm"] = kpm["unmatched"].astype(int)
    return kpm.groupby(kpm["desa"].str[:child_len])[["n_rows", "n_unmatched", "n_unmatched_kpm"]].sum()


def expected_coverage(files: Path, filters: Filters, cutoffs: dict[str, int] | None = None,
                      parent: str = KABUPATEN, child_len: int | None = None) -> pd.DataFrame:
    """C3-C6 numerators, denominators and side counts per child wilayah of ``parent`` (a kabupaten/kota or a
    kecamatan code; ``child_len`` 13 lists every desa of a kabupaten/kota), from the files alone."""
    cutoffs = cutoffs or CUTOFFS
    child_len = child_len or child_length(parent)
    households = dtks_households(files)
    rows = rows_in_span(files, filters)
    chosen = rows if filters.program is None else rows[rows["program"] == filters.program]
    out = pd.concat([_household_counts(households, rows, chosen, cutoff_of(filters.program, cutoffs), cutoffs,
                                       child_len), _row_counts(households, chosen, child_len)], axis=1)
    out = out.fillna(0).astype(int)[COUNT_COLUMNS]
    out = out[out.index.str.startswith(parent + ".")]
    return out[out.sum(axis=1) > 0]


def expected_counts(files: Path, parent: str = KABUPATEN) -> pd.DataFrame:
    """C1 active individuals and active households per child wilayah of ``parent`` (kabupaten/kota or kecamatan)."""
    child_len = child_length(parent)
    people, households = dtks_people(files), dtks_households(files)
    out = pd.concat([people[people["aktif"]].groupby(people["kode"].str[:child_len]).size().rename("n_individu"),
                     households[households["aktif"]].groupby(households["kode"].str[:child_len]).size()
                     .rename("n_keluarga")], axis=1).fillna(0).astype(int)
    return out[out.index.str.startswith(parent + ".")]


def pct(frame: pd.DataFrame | pd.Series, numerator: str, denominator: str) -> float | None:
    """Sum of numerators over sum of denominators, as a percentage; None without a denominator."""
    den = frame[denominator].sum()
    return None if den == 0 else 100.0 * frame[numerator].sum() / den
