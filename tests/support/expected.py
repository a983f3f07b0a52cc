"""Figures recomputed straight from the generated demo files with pandas, independent of the warehouse."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pandas as pd

from dashboard.filters import MONTH, QUARTER, Filters

KIND_PREFIXES = {
    "penduduk": ("penduduk_",), "dtks": ("dtks_",), "penerima": ("penerima_",), "ppks": ("ppks_",),
    "psks": ("psks_", "tksk_"), "target": ("target_",), "anggaran": ("sipd_lra_", "anggaran_kas_"),
}


def files_per_kind(files: Path) -> dict[str, int]:
    names = [p.name for p in files.iterdir()]
    return {kind: sum(n.startswith(prefixes) for n in names) for kind, prefixes in KIND_PREFIXES.items()}


RECIPIENT_COLUMNS = ["program", "tahun", "periode", "nik", "kk", "nama", "kode", "nominal", "status"]


def dotted(code: str) -> str:
    """``3513012001`` or ``35.13.01.2001`` -> ``35.13.01.2001`` (as the demo files write codes either way)."""
    digits = code.replace(".", "")
    return ".".join(p for p in (digits[:2], digits[2:4], digits[4:6], digits[6:]) if p)


@cache
def read_dtks(files: Path) -> pd.DataFrame:
    """The DTKS export as written, every cell text (shared: copy before changing it)."""
    return pd.read_csv(next(files.glob("dtks_*.csv")), sep=";", dtype=str, encoding="utf-8-sig",
                       keep_default_na=False)


@cache
def read_recipients(files: Path) -> pd.DataFrame:
    """Every row of every recipient list, in RECIPIENT_COLUMNS, read the way each office file is written
    (shared: copy before changing it)."""
    frames = []
    for path in sorted(files.glob("*penerima_*.csv")):
        sep = ";" if "bpnt" in path.name else ","
        encoding = "cp1252" if "pkh" in path.name else "utf-8"
        frame = pd.read_csv(path, sep=sep, dtype=str, encoding=encoding, keep_default_na=False)
        frames.append(frame.iloc[:, :9].set_axis(RECIPIENT_COLUMNS, axis=1))
    for path in sorted(files.glob("*penerima_*.xlsx")):
        sheet = pd.read_excel(path, header=3, dtype=str).fillna("")
        sheet = sheet[sheet.iloc[:, 0].str.upper() != "JUMLAH"]
        frames.append(sheet.iloc[:, 1:10].set_axis(RECIPIENT_COLUMNS, axis=1))
    rows = pd.concat(frames, ignore_index=True)
    rows["program"] = rows["program"].str.upper()
    rows["tahun"] = rows["tahun"].astype(int)
    return rows


def dtks_rows(files: Path) -> int:
    return len(read_dtks(files))


def penerima_rows(files: Path) -> int:
    return len(read_recipients(files))


def read_ppks_rekap(files: Path, tahun: int) -> pd.DataFrame:
    """The PPKS recap workbook of one year as written (columns Kode Desa, Kategori PPKS, Jumlah), without its
    total row."""
    path = next(files.glob(f"*ppks_rekap_{tahun}.xlsx"))  # a provinsi's demo prefixes its kab/kota
    sheet = pd.read_excel(path, header=2, dtype={"Kode Desa": str})
    return sheet[sheet["No"].astype(str).str.upper() != "JUMLAH"]


def read_penduduk(files: Path) -> pd.DataFrame:
    """The population estimates file (kecamatan and desa rows, column jumlah_penduduk)."""
    return pd.read_csv(next(files.glob("penduduk_*.csv")), sep=None, engine="python", dtype={"kode_wilayah": str})


# ---- period spans, worked out from the months a recipient list's periode covers (not with Filters' own labels)

def months_of(filters: Filters) -> range:
    """Months 1-12 the filters select."""
    if filters.granularity == QUARTER and filters.period:
        return range(3 * filters.period - 2, 3 * filters.period + 1)
    if filters.granularity == MONTH and filters.period:
        return range(filters.period, filters.period + 1)
    return range(1, 13)


def label_months(label: str, tahun: int) -> set[int]:
    """Months a recipient list's ``periode`` covers: ``Tahap 2``/``Triwulan 2`` Apr-Jun, ``Semester 1`` Jan-Jun,
    ``2026-05`` May."""
    if match := re.fullmatch(r"(Tahap|Triwulan) (\d)", label):
        n = int(match[2])
        return set(range(3 * n - 2, 3 * n + 1))
    if match := re.fullmatch(r"Semester (\d)", label):
        n = int(match[1])
        return set(range(6 * n - 5, 6 * n + 1))
    if match := re.fullmatch(r"(\d{4})-(\d{2})", label):
        return {int(match[2])} if int(match[1]) == tahun else set()
    raise ValueError(label)


def in_span(rows: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Recipient rows of the filters' year whose ``periode`` covers a month of the selected span."""
    rows = rows[rows["tahun"] == filters.tahun]
    wanted = set(months_of(filters))
    return rows[rows["periode"].map(lambda label: bool(label_months(label, filters.tahun) & wanted))]
