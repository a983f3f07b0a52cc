"""Figures recomputed straight from the generated demo files with pandas, independent of the warehouse."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

KIND_PREFIXES = {
    "penduduk": ("penduduk_",), "dtks": ("dtks_",), "penerima": ("penerima_",), "ppks": ("ppks_",),
    "psks": ("psks_", "tksk_"), "target": ("target_",), "anggaran": ("sipd_lra_", "anggaran_kas_"),
}


def files_per_kind(files: Path) -> dict[str, int]:
    names = [p.name for p in files.iterdir()]
    return {kind: sum(n.startswith(prefixes) for n in names) for kind, prefixes in KIND_PREFIXES.items()}


def dtks_rows(files: Path) -> int:
    path = next(files.glob("dtks_*.csv"))
    return len(pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig"))


def penerima_rows(files: Path) -> int:
    total = 0
    for path in sorted(files.glob("penerima_*.csv")):
        sep = ";" if "bpnt" in path.name else ","
        encoding = "cp1252" if "pkh" in path.name else "utf-8"
        total += len(pd.read_csv(path, sep=sep, dtype=str, encoding=encoding))
    for path in sorted(files.glob("penerima_*.xlsx")):
        sheet = pd.read_excel(path, header=3, dtype=str)
        total += int((sheet.iloc[:, 0].str.upper() != "JUMLAH").sum())
    return total
