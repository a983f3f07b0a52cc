"""Small DTKS files for import tests: households of two in two desa of Sukapura (35.13.01), one snapshot month."""

from __future__ import annotations

NGADISARI, WONOTORO = "35.13.01.2001", "35.13.01.2002"
HEADER = ["ID DTKS", "NO KK", "NIK", "NAMA", "KODE WILAYAH", "DESIL", "TGL UPDATE"]


def dtks(n: int, updated: str = "2025-05-20", desil: str = "3", first: int = 1) -> list[list[str]]:
    """``n`` individuals in households of two, all updated on ``updated`` (which sets the snapshot month)."""
    rows = [HEADER]
    for i in range(first, first + n):
        rows.append([f"3513010000{(i + 1) // 2:04d}", f"351301010100{(i + 1) // 2:04d}", f"351301150380{i:04d}",
                     f"WARGA {i}", NGADISARI if i % 2 else WONOTORO, desil, updated])
    return rows
