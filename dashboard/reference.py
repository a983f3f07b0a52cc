"""Kemendagri wilayah reference: code checks and matching of names (``KEC. KRAKSAAN``) to codes."""

from __future__ import annotations

import difflib
import re

import duckdb
import pandas as pd

LEVEL_NAMES = {1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan", 4: "desa/kelurahan"}
_PREFIXES = re.compile(r"^(KEC(AMATAN)?|DESA|DS|KEL(URAHAN)?|KAB(UPATEN)?|KOTA|PROV(INSI)?)\b\.?\s*")

CODE_OK = ""
CODE_UNKNOWN = "kode_unknown"
CODE_OUTSIDE = "kode_outside"
CODE_LEVEL = "kode_level"


def normalise_name(name: object) -> str:
    """``KEC. KRAKSAAN`` and ``Kraksaan`` both become ``KRAKSAAN``; ``Kec. Kota Barat`` and ``Kota Barat`` (a
    kecamatan of Kota Gorontalo) both ``BARAT``: every leading level word goes, not only the first."""
    text = str(name or "").upper().strip()
    while (shorter := _PREFIXES.sub("", text).strip()) != text:
        text = shorter
    return re.sub(r"[^A-Z0-9]", "", text)


class Reference:
    """The wilayah table of one installation, with its kabupaten."""

    def __init__(self, wilayah: pd.DataFrame, kabupaten: str):
        self.kabupaten = kabupaten
        codes = wilayah["kode"].tolist()
        self.level = dict(zip(codes, wilayah["tingkat"].astype(int).tolist(), strict=True))
        self.name = dict(zip(codes, wilayah["nama"].tolist(), strict=True))
        local = wilayah[wilayah["kode"].str.startswith(kabupaten + ".")]
        kecamatan: dict[str, list[str]] = {}
        for r in local[local["tingkat"] == 3].itertuples():
            kecamatan.setdefault(normalise_name(r.nama), []).append(r.kode)
        # a name two kab/kota of a provinsi share names no kecamatan: the file must give codes there
        self._kecamatan = {name: codes[0] for name, codes in kecamatan.items() if len(codes) == 1}
        self._desa: dict[str, dict[str, str]] = {}
        for r in local[local["tingkat"] == 4].itertuples():
            self._desa.setdefault(r.induk, {})[normalise_name(r.nama)] = r.kode

    @classmethod
    def from_connection(cls, con: duckdb.DuckDBPyConnection, kabupaten: str) -> Reference:
        return cls(con.execute("select kode, nama, tingkat, induk from wilayah").df(), kabupaten)

    @property
    def kabupaten_name(self) -> str:
        return f"{self.name.get(self.kabupaten, '')} ({self.kabupaten})"

    def check_code(self, code: str, levels: tuple[int, ...]) -> str:
        """Reason a dotted code is refused here ('' if it is a known code of this kabupaten at an allowed level)."""
        level = self.level.get(code)
        if level is None:
            return CODE_UNKNOWN
        if not (code == self.kabupaten or code.startswith(self.kabupaten + ".")):
            return CODE_OUTSIDE
        return CODE_OK if level in levels else CODE_LEVEL

    def match_kecamatan(self, name: object) -> str | None:
        return self._kecamatan.get(normalise_name(name))

    def match_desa(self, kecamatan_code: str, name: object) -> str | None:
        return self._desa.get(kecamatan_code, {}).get(normalise_name(name))

    def closest_kecamatan(self, name: object) -> list[str]:
        return self._closest(name, {n: c for n, c in self._kecamatan.items()})

    def closest_desa(self, kecamatan_code: str | None, name: object) -> list[str]:
        pool = self._desa.get(kecamatan_code, {}) if kecamatan_code else {
            n: c for desa in self._desa.values() for n, c in desa.items()}
        return self._closest(name, pool)

    def _closest(self, name: object, pool: dict[str, str]) -> list[str]:
        hits = difflib.get_close_matches(normalise_name(name), list(pool), n=3, cutoff=0.5)
        return [self.name[pool[h]] for h in hits]
