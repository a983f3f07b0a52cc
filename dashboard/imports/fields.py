"""Parse the canonical columns of one raw table, recording problems against file row and column.

Kind modules ask for columns by canonical name (``fields.date("tanggal_lahir")``); this class finds the
office's own header for it, parses the cells and files an Indonesian message for every refused cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.config import Limits
from dashboard.imports import parse
from dashboard.imports.columns import IGNORED, heading, normalise_header
from dashboard.imports.problems import ERROR, Report
from dashboard.imports.reader import RawTable
from dashboard.pseudonym import Pseudonymiser
from dashboard.reference import CODE_OK, LEVEL_NAMES, Reference

MAX_PER_COLUMN = 500


@dataclass
class ImportContext:
    """What validation needs besides the file: reference codes, the key, options."""

    reference: Reference
    pseudonymiser: Pseudonymiser
    file_name: str = ""
    periode: str | None = None
    lang: str = "id"
    constants: dict[str, str] = field(default_factory=dict)
    """Canonical column -> the operator's value for it (``--program``, ``--tahap``, ``--tahun``)."""
    limits: Limits = field(default_factory=Limits)
    """What a file may hold before it is refused unread (``[limits]`` of the settings)."""


@dataclass(frozen=True)
class Constant:
    """A value a file may state once, in its sheet name, title rows or file name, instead of in a column.

    ``find`` reads it from such a text, ``read`` from the operator's ``option`` (default: ``find``).
    """

    find: Callable[[str], object | None]
    option: str | None = None
    read: Callable[[str], object | None] | None = None

    def from_option(self, text: str) -> object | None:
        return (self.read or self.find)(text)


def year_in_text(text: str) -> int | None:
    found = re.search(r"(?<!\d)(20\d{2})(?!\d)", text)
    return int(found.group(1)) if found else None


def month_in_text(text: str) -> int | None:
    for word in re.findall(r"[A-Za-z]+", text):
        if len(word) >= 3 and (month := parse.month_number(word)) is not None:
            return month
    found = re.search(r"20\d{2}[-_ ](0[1-9]|1[0-2])\b", text)
    return int(found.group(1)) if found else None


# every kind may take its year and month from a title (SIPD and TKSK recaps put them there)
COMMON_CONSTANTS = {"tahun": Constant(year_in_text, "--tahun"), "bulan": Constant(month_in_text)}


@dataclass(frozen=True)
class Note:
    """Where a constant came from: ``where`` is sheet, title, file, option or a kind's own fallback."""

    canon: str
    value: object
    where: str
    option: str | None = None


class Fields:
    """Canonical-column access to one RawTable."""

    def __init__(self, table: RawTable, lookup: dict[str, str], report: Report, context: ImportContext,
                 constants: dict[str, Constant] | None = None):
        self.table = table
        self.constants = {**COMMON_CONSTANTS, **(constants or {})}
        self.notes: list[Note] = []
        self.report = report
        self.context = context
        self.n = len(table.frame)
        self._reported_missing: set[str] = set()
        self.header_of: dict[str, str] = {}
        unknown = []
        for header in table.headers:
            canon = lookup.get(normalise_header(header))
            if canon and canon not in self.header_of:
                self.header_of[canon] = header
            elif normalise_header(header) not in IGNORED and not header.startswith("kolom_"):
                unknown.append(header)
        if unknown:
            report.warning("columns_unrecognised", sheet=table.sheet, columns=", ".join(unknown))

    # ------------------------------------------------------------ plumbing

    def has(self, canon: str) -> bool:
        return canon in self.header_of

    def name_of(self, canon: str) -> str:
        """The file's own heading for a column, or the usual office heading when the file lacks it."""
        return self.header_of.get(canon) or heading(canon)

    def raw(self, canon: str) -> pd.Series:
        if canon not in self.header_of:
            return pd.Series([None] * self.n, dtype=object)
        return self.table.frame[self.header_of[canon]]

    def require(self, *canons: str) -> bool:
        """Report each missing required column; True if all are there."""
        missing = [c for c in canons if c not in self.header_of]
        for canon in missing:
            if canon not in self._reported_missing:
                self._reported_missing.add(canon)
                self.report.error("column_missing", sheet=self.table.sheet, column=heading(canon))
        return not missing

    def flag(self, mask: pd.Series | np.ndarray, key: str, canon: str, values: pd.Series | None = None,
             level: str = ERROR, per_row: dict[str, pd.Series] | None = None, **params: object) -> None:
        """File one problem per flagged row (at most MAX_PER_COLUMN per column and problem in the file).

        ``values`` fills the ``{value}`` parameter and ``per_row`` other row-specific parameters.
        """
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        column = self.name_of(canon)
        per_row = dict(per_row or {})
        if values is not None:
            per_row["value"] = values
        if not positions.size:
            return
        listed = self.report.listable(level, key, column, self.table.sheet, len(positions), MAX_PER_COLUMN)
        for pos in positions[:listed]:
            extra = {name: series.iloc[pos] for name, series in per_row.items()}
            self.report.add(level, key, row=int(self.table.row_numbers[pos]), column=column,
                            sheet=self.table.sheet, **params, **extra)

    def blank(self, canon: str) -> pd.Series:
        return parse.is_blank(self.raw(canon)).reset_index(drop=True)

    def _required_cells(self, canon: str, required: bool) -> None:
        if required and self.has(canon):
            self.flag(self.blank(canon), "value_required", canon)

    # ------------------------------------------------------------ typed columns

    def text(self, canon: str, required: bool = False) -> pd.Series:
        """Stripped text; blanks become null."""
        self._required_cells(canon, required)
        raw = self.raw(canon).reset_index(drop=True)
        if raw.dtype == object:
            return parse.map_unique(raw, lambda v: str(v).strip(), dtype="str")
        return raw.str.strip().where(~parse.is_blank(raw))

    def identifier(self, canon: str, required: bool = False) -> tuple[pd.Series, pd.Series]:
        """(keyed hash, masked display form) of a NIK / No. KK column; the full number goes no further."""
        self._required_cells(canon, required)
        values, reason = parse.parse_nik(self.raw(canon).reset_index(drop=True))
        if (reason != parse.NIK_OK).any():
            # messages show the shape of the refused cell, never the number itself
            raw = self.raw(canon).reset_index(drop=True)
            # digits become 9 (an exponent stays readable: 9.99999E+15), so the shape shows, never the number
            shown = raw.map(_shape_of, na_action="ignore")
            digits = raw.astype("str").str.count(r"\d")
            for key in (parse.NIK_SCIENTIFIC, parse.NIK_NUMERIC_CELL, parse.NIK_CHARS):
                self.flag(reason.eq(key), key, canon, values=shown)
            self.flag(reason.eq(parse.NIK_LENGTH), parse.NIK_LENGTH, canon, per_row={"n": digits})
        return self.context.pseudonymiser.hash_series(values), parse.mask_identifier(values)

    def number(self, canon: str, required: bool = False, negative_ok: bool = False) -> pd.Series:
        self._required_cells(canon, required)
        raw = self.raw(canon).reset_index(drop=True)
        numbers, bad = parse.parse_number(raw)
        self.flag(bad, "number_invalid", canon, values=raw)
        if not negative_ok:
            self.flag(numbers < 0, "number_negative", canon, values=raw)
        return numbers

    def integer(self, canon: str, low: int, high: int, required: bool = False, key: str = "number_invalid"
                ) -> pd.Series:
        self._required_cells(canon, required)
        raw = self.raw(canon).reset_index(drop=True)
        numbers, bad = parse.parse_int(raw, low, high)
        self.flag(bad, key, canon, values=raw)
        return numbers

    def date(self, canon: str, required: bool = False) -> pd.Series:
        self._required_cells(canon, required)
        raw = self.raw(canon).reset_index(drop=True)
        dates, bad = parse.parse_date(raw)
        self.flag(bad, "date_invalid", canon, values=raw)
        return dates

    def choice(self, canon: str, mapping: dict[str, object], required: bool = False, default: object = None,
               shown: str | None = None) -> pd.Series:
        """Map normalised cell text through ``mapping``; unknown values are errors listing ``shown`` choices."""
        self._required_cells(canon, required)
        raw = self.raw(canon).reset_index(drop=True)
        as_text = all(isinstance(v, str) for v in mapping.values())
        values = parse.map_unique(raw, lambda v: mapping.get(normalise_header(v)), "str" if as_text else "object")
        blank = parse.is_blank(raw)
        choices = shown or ", ".join(sorted({str(v) for v in mapping.values()}))
        self.flag(values.isna() & ~blank, "choice_invalid", canon, values=raw, choices=choices)
        return values.where(~blank, default)

    # ------------------------------------------------------------ constants

    def find_constant(self, canon: str, constant: Constant | None = None) -> tuple[object, str] | None:
        """(value, where) from the sheet name, title rows or file name, in that order; None if none states it."""
        constant = constant or self.constants[canon]
        for where, text in self.table.places:
            value = constant.find(text)
            if value is not None:
                return value, where
        return None

    def constant(self, canon: str) -> object | None:
        """The value of a column the file lacks: the operator's option, else what its title or name states."""
        constant = self.constants[canon]
        option = self.context.constants.get(canon)
        if option is not None:
            value = constant.from_option(option)
            if value is None:
                self.report.error("option_invalid", option=constant.option, value=option)
            found = (value, "option") if value is not None else None
        else:
            found = self.find_constant(canon)
        if found is not None:
            self.note(canon, *found, option=constant.option)
        return None if found is None else found[0]

    def note(self, canon: str, value: object, where: str, option: str | None = None) -> None:
        self.notes.append(Note(canon, value, where, option))

    def constant_series(self, canon: str, missing_key: str = "column_missing", dtype: str = "object") -> pd.Series:
        """A column the file lacks, filled with its constant; a missing constant is one error, not one per row."""
        value = self.constant(canon)
        if value is None:
            self.report.error(missing_key, sheet=self.table.sheet, column=heading(canon))
            value = pd.NA
        return pd.Series([value] * self.n, dtype=dtype)

    def year(self, canon: str = "tahun") -> pd.Series:
        """Year from the column, else from the option, sheet name, title or file name."""
        if self.has(canon):
            return self.integer(canon, 2000, 2100, required=True, key="year_invalid")
        return self.constant_series(canon, "year_missing", "Int64")

    def month(self, canon: str = "bulan") -> pd.Series:
        """Month from the column, else from the sheet name, title (``s.d. Bulan : JUNI 2025``) or file name."""
        if self.has(canon):
            self._required_cells(canon, True)
            raw = self.raw(canon).reset_index(drop=True)
            months, bad = parse.parse_month(raw)
            self.flag(bad, "month_invalid", canon, values=raw)
            return months
        return self.constant_series(canon, "month_missing", "Int64")

    def wilayah(self, levels: tuple[int, ...] = (4,), code: str = "kode_wilayah") -> pd.Series:
        """Dotted codes of this kabupaten from a code column, or from kecamatan/desa names."""
        if self.has(code):
            return self._codes(code, levels)
        if self.has("nama_kecamatan"):
            return self._codes_from_names(levels)
        self.require(code)
        return pd.Series([None] * self.n, dtype=object)

    def _codes(self, canon: str, levels: tuple[int, ...]) -> pd.Series:
        self._required_cells(canon, True)
        raw = self.raw(canon).reset_index(drop=True)
        codes, bad = parse.parse_kode(raw)
        self.flag(bad, "kode_invalid", canon, values=raw)
        ref = self.context.reference
        reasons = parse.map_unique(codes, lambda c: ref.check_code(c, levels)).fillna(CODE_OK)
        level_names = " / ".join(LEVEL_NAMES[lv] for lv in levels)
        for key in ("kode_unknown", "kode_outside", "kode_level"):
            self.flag(reasons.eq(key), key, canon, values=codes, kabupaten=ref.kabupaten_name, levels=level_names)
        return codes.where(reasons.eq(CODE_OK) & ~bad)

    def _codes_from_names(self, levels: tuple[int, ...]) -> pd.Series:
        ref = self.context.reference
        kec_raw = self.raw("nama_kecamatan").reset_index(drop=True)
        kec = parse.map_unique(kec_raw, ref.match_kecamatan)
        self._required_cells("nama_kecamatan", True)
        unknown = kec.isna() & ~self.blank("nama_kecamatan")
        self.flag(unknown, "nama_unknown", "nama_kecamatan", values=kec_raw,
                  per_row={"closest": _closest(kec_raw, unknown, ref.closest_kecamatan)})
        if 4 not in levels or (3 in levels and not self.has("nama_desa")):
            return kec
        if not self.require("nama_desa"):
            return pd.Series([None] * self.n, dtype=object)
        desa_raw = self.raw("nama_desa").reset_index(drop=True)
        pairs = pd.Series(list(zip(kec, desa_raw, strict=True)), dtype=object)
        desa = parse.map_unique(pairs, lambda p: ref.match_desa(p[0], p[1]) if p[0] else None)
        self._required_cells("nama_desa", True)
        unmatched = desa.isna() & kec.notna() & ~self.blank("nama_desa")
        self.flag(unmatched, "nama_unknown", "nama_desa", values=desa_raw,
                  per_row={"closest": _closest(pairs, unmatched, lambda p: ref.closest_desa(p[0], p[1]))})
        return desa


def _shape_of(value: object) -> str:
    """``35130AB1234`` -> ``99999AB9999``; ``3.51301E+15`` -> ``9.99999E+15`` (the exponent stays)."""
    mantissa, exponent = re.fullmatch(r"(.*?)([Ee][+-]?\d+)?", str(value)).groups()
    return re.sub(r"\d", "9", mantissa) + (exponent or "")


def _closest(values: pd.Series, unmatched: pd.Series, closest) -> pd.Series:
    """'Did you mean' text for each unmatched cell, computed once per distinct value."""
    hints = parse.map_unique(values.where(unmatched), lambda v: ", ".join(closest(v)) or "-")
    return hints.fillna("-")
