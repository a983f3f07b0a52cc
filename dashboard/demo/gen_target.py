"""Per-kecamatan performance targets (T1..T5) for the rakor, derived from the generated data where sensible."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from openpyxl.styles import PatternFill

from .gen_io import BOLD, new_sheet, save_workbook, set_widths
from .gen_wilayah import Wilayah

HEADER = ("Indikator", "Kode Kecamatan", "Kecamatan", "Tahun", "Target", "Satuan", "Realisasi")
GREY = PatternFill("solid", fgColor="D9D9D9")


def target_rows(year: int, wil: Wilayah, dtks_hh: np.ndarray, kpm: np.ndarray, rng: np.random.Generator):
    """Rows (indicator, kode, nama, year, target, satuan, realisasi); realisasi only for T2 (not computable)."""
    n = len(wil.kec)
    t1 = np.maximum(1, np.round(dtks_hh * rng.uniform(0.30, 0.40, n))).astype(int)
    t2 = rng.integers(10, 61, n)
    r2 = np.round(t2 * rng.uniform(0.5, 1.2, n)).astype(int)
    t4 = (np.ceil(kpm / 5) * 5).astype(int)
    t5 = rng.integers(40, 151, n).astype(object)
    if year == 2026:
        t5[rng.choice(n, min(2, n), replace=False)] = None  # two kecamatan without an agreed T5 target
    spec = (("T1", t1, "KK", None), ("T2", t2, "jiwa", r2), ("T3", np.full(n, 12), "laporan", None),
            ("T4", t4, "KPM", None), ("T5", t5, "kasus", None))
    rows = []
    for ind, target, satuan, real in spec:
        for k in range(n):
            tv = None if target[k] is None else int(target[k])
            rv = None if real is None else int(real[k])
            rows.append((ind, wil.kec.at[k, "kode"], wil.kec.at[k, "nama"], year, tv, satuan, rv))
    return rows


def write_target(path: Path, rows: list[tuple]) -> int:
    """target_kinerja_<year>.xlsx: header in row 1; a missing target is an empty grey cell."""
    wb, ws = new_sheet("TARGET")
    for c, h in enumerate(HEADER, start=1):
        ws.cell(row=1, column=c, value=h).font = BOLD
    for r, row in enumerate(rows, start=2):
        for c, v in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=v)
            if c == 5 and v is None:
                cell.fill = GREY
    set_widths(ws, (10, 16, 16, 8, 10, 10, 10))
    save_workbook(wb, path)
    return len(rows)
