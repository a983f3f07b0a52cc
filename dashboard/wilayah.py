"""The levels of a Kemendagri code, read from its length: provinsi ``75``, kabupaten/kota ``75.02``, kecamatan
``75.02.01``, desa/kelurahan ``75.02.01.2004``. An installation serves a kabupaten/kota or a whole provinsi."""

from __future__ import annotations

PROVINSI_LEN, KABUPATEN_LEN, KECAMATAN_LEN, DESA_LEN = 2, 5, 8, 13
_CHILD_LEN = {PROVINSI_LEN: KABUPATEN_LEN, KABUPATEN_LEN: KECAMATAN_LEN, KECAMATAN_LEN: DESA_LEN}


def is_provinsi(code: str) -> bool:
    return len(code) == PROVINSI_LEN


def child_level(code: str) -> str:
    """What the pages list under ``code``: ``kabupaten`` (kab/kota of a provinsi) or ``kecamatan``; the
    ``level_*`` words of dashboard/i18n.py name them."""
    return "kabupaten" if is_provinsi(code) else "kecamatan"


def child_len(code: str) -> int:
    """Length of the codes one level below ``code`` (kab/kota under a provinsi, kecamatan under a kab/kota, ...)."""
    return _CHILD_LEN[len(code)]


def after_prefix(prefix: str) -> str:
    """The first text after every text starting with ``prefix`` (``35.07`` -> ``35.08``; ``35.09`` -> ``35.0:``)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def kab_params(kabs: list[str] | None) -> dict[str, object]:
    """``$kabs`` (kab/kota codes, None for all) and the code range holding them (``$kab_first``, ``$kab_after``):
    a statement tests ``col >= $kab_first and col < $kab_after`` beside ``list_contains($kabs, left(col, 5))`` so
    DuckDB skips the row groups of other kab/kota by their min/max (rows arrive file by file, one kab/kota each),
    which a list test alone cannot."""
    if not kabs:
        return {"kabs": kabs, "kab_first": None, "kab_after": None}
    return {"kabs": kabs, "kab_first": min(kabs), "kab_after": after_prefix(max(kabs))}
