"""Value parsers for office files: Kemendagri codes, NIK/No. KK, Indonesian numbers, dates, months.

Each parser takes a pandas Series of raw cells (strings from CSV; strings, numbers or datetimes from
XLSX) and returns the parsed values plus a mask (or reason) of the cells it refused. Work is done on
unique values or with vectorised string methods, because DTKS files run to millions of rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.formatting import MONTH_NAMES

_MONTH_WORDS = tuple(tuple(name.lower() for name in names) for names in MONTH_NAMES.values())  # Indonesian, English
_MONTH_ALIASES = {"agt": 8, "ags": 8, "agu": 8, "okt": 10, "des": 12, "mei": 5, "peb": 2, "pebruari": 2,
                  "nop": 11, "nopember": 11}
EXCEL_EPOCH = dt.date(1899, 12, 30)
_CODE_WIDTHS = (2, 2, 2, 4)
_UNDOTTED_SPLITS = {2: (2,), 4: (2, 2), 6: (2, 2, 2), 10: (2, 2, 2, 4)}


def month_number(word: str) -> int | None:
    """Month number of an Indonesian or English month name or abbreviation, else None."""
    w = word.strip().lower().rstrip(".")
    if w in _MONTH_ALIASES:
        return _MONTH_ALIASES[w]
    for names in _MONTH_WORDS:
        for i, name in enumerate(names, start=1):
            if w == name or (len(w) >= 3 and name.startswith(w)):
                return i
    return None


_BLANK_WORDS = pa.array(["", "nan", "none", "-"], type=pa.large_string())


def arrow_text(series: pd.Series) -> pa.ChunkedArray | None:
    """The Arrow strings behind a CSV column (no copy), or None for other columns (XLSX cells are objects)."""
    if isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow":
        return series.array.__arrow_array__()
    return None


def is_blank(series: pd.Series) -> pd.Series:
    """True where a cell is empty (None, NaN, only spaces, or the words nan / none / -)."""
    arrow = arrow_text(series)
    if arrow is not None:  # millions of CSV cells: Arrow's kernels, no Python string per cell
        words = pc.utf8_lower(pc.utf8_trim_whitespace(arrow))
        blank = pc.or_kleene(pc.is_null(arrow), pc.is_in(words, value_set=_BLANK_WORDS.cast(words.type)))
        return pd.Series(blank.to_numpy(zero_copy_only=False), index=series.index)
    as_text = series.astype("str").str.strip()
    return series.isna() | as_text.eq("") | as_text.str.lower().isin(["nan", "none", "-"])


def map_unique(series: pd.Series, func: Callable[[Hashable], object], dtype: str = "object") -> pd.Series:
    """Apply ``func`` once per distinct non-blank value; blanks (and None results) become missing.

    With ``dtype="str"`` the result is an Arrow string column: millions of rows without millions of
    Python string objects.
    """
    values = series.where(~is_blank(series))
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    results = [func(u) for u in np.asarray(uniques, dtype=object)]
    if dtype == "str":
        taken = pd.array(results + [None], dtype="str").take(codes)  # code -1 (blank) takes the None slot
        return pd.Series(taken, index=series.index)
    table = np.empty(len(results) + 1, dtype=object)
    table[:-1] = results
    return pd.Series(table[codes], index=series.index, dtype=object)


# ---------------------------------------------------------------- codes


def normalise_kode(value: object) -> str | None:
    """Dotted Kemendagri code from dotted, undotted, unpadded or Excel-float forms; None if malformed."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        if float(value) != int(value):
            return None
        value = str(int(value))
    text = str(value).strip().replace(" ", "")
    if re.fullmatch(r"\d+\.0", text):
        text = text[:-2]
    if "." in text:
        parts = text.split(".")
        widths = _CODE_WIDTHS[: len(parts)]
        if len(parts) > 4 or not all(p.isdigit() and 0 < len(p) <= w for p, w in zip(parts, widths, strict=True)):
            return None
        return ".".join(p.zfill(w) for p, w in zip(parts, _CODE_WIDTHS, strict=False))
    if not text.isdigit() or len(text) not in _UNDOTTED_SPLITS:
        return None
    parts, pos = [], 0
    for width in _UNDOTTED_SPLITS[len(text)]:
        parts.append(text[pos:pos + width])
        pos += width
    return ".".join(parts)


def parse_kode(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dotted codes and a mask of malformed (non-blank) cells."""
    codes = map_unique(series, normalise_kode, dtype="str")
    bad = codes.isna() & ~is_blank(series)
    return codes, bad


# ---------------------------------------------------------------- NIK / No. KK

NIK_OK = ""
NIK_SCIENTIFIC = "nik_scientific"
NIK_NUMERIC_CELL = "nik_numeric_cell"
NIK_LENGTH = "nik_length"
NIK_CHARS = "nik_chars"


def parse_nik(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """16-digit identifiers as strings, and a reason code per refused cell ('' where fine or blank).

    Excel keeps 15 significant digits, so a NIK stored as a number has already lost its last digit:
    such cells (numeric XLSX cells, or text like ``3.51301E+15``) are refused, never repaired.
    """
    blank = is_blank(series)
    if series.dtype == object:
        is_text = series.map(lambda v: isinstance(v, str))
    else:  # a whole column of numbers (Excel cells) is never a text column of NIKs
        is_text = pd.Series(isinstance(series.dtype, pd.StringDtype), index=series.index)
    text = series.astype("str").str.strip()
    ok = text.str.fullmatch(r"[0-9]{16}") & is_text & ~blank
    messy = ~ok & ~blank
    if messy.any():  # spaces or a leading apostrophe (Excel's text marker) are harmless: clean only those cells
        text[messy] = text[messy].str.replace(r"[\s'`]", "", regex=True)
        ok = text.str.fullmatch(r"[0-9]{16}") & is_text & ~blank
    reason = pd.Series(NIK_OK, index=series.index, dtype="object")
    bad = ~ok & ~blank
    if bad.any():
        reason[bad] = [_nik_reason(v, t) for v, t in zip(series[bad], text[bad], strict=True)]
    values = text.where(ok)
    return values, reason


def _nik_reason(raw: object, text: str) -> str:
    if not isinstance(raw, str):
        return NIK_NUMERIC_CELL
    if re.fullmatch(r"\d(?:[.,]\d+)?[eE]\+?\d+", text):
        return NIK_SCIENTIFIC
    if text.isascii() and text.isdigit():  # other scripts' digits are other characters, never a NIK
        return NIK_LENGTH
    return NIK_CHARS


def mask_identifier(values: pd.Series) -> pd.Series:
    """Display form ``351301******0002``: enough to find a person in the field, not to reuse the number."""
    arrow = arrow_text(values)
    if arrow is None:
        return values.str[:6] + "******" + values.str[-4:]
    masked = pc.binary_join_element_wise(pc.utf8_slice_codeunits(arrow, 0, 6), pc.utf8_slice_codeunits(arrow, -4),
                                         pa.scalar("******", type=arrow.type))
    return pd.Series(pd.array(masked, dtype=values.dtype), index=values.index)


# ---------------------------------------------------------------- numbers

_RP = re.compile(r"(?i)^\s*rp\.?\s*")


def detect_number_convention(texts: pd.Series) -> str:
    """``id`` (1.234.567,50) or ``en`` (1,234,567.50) for a whole column; ambiguous columns are ``id``."""
    votes = {"id": 0, "en": 0}
    for value in pd.unique(texts[texts.str.contains(r"[.,]", regex=True, na=False)])[:5000]:
        vote = _convention_of(value)
        if vote:
            votes[vote] += 1
    return "en" if votes["en"] > votes["id"] else "id"


def _convention_of(value: str) -> str | None:
    if "," in value and "." in value:
        return "id" if value.rfind(",") > value.rfind(".") else "en"
    if value.count(".") > 1:
        return "id"
    if value.count(",") > 1:
        return "en"
    if "." in value:
        return None if len(value.rsplit(".", 1)[1]) == 3 else "en"
    if "," in value:
        return None if len(value.rsplit(",", 1)[1]) == 3 else "id"
    return None


def _per_distinct(series: pd.Series, parser: Callable[[pd.Series], tuple[pd.Series, pd.Series]]
                  ) -> tuple[pd.Series, pd.Series] | None:
    """``parser`` run on the distinct cells of a CSV text column and spread back (a year or an amount repeats
    across millions of rows); None for other columns, which the caller parses as they are."""
    arrow = arrow_text(series)
    if arrow is None or len(series) < 10_000:
        return None
    encoded = pc.dictionary_encode(arrow).combine_chunks()
    distinct = pd.Series(pd.array(encoded.dictionary, dtype=series.dtype))
    values, bad = parser(distinct)
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    valid = encoded.indices.is_valid().to_numpy(zero_copy_only=False)
    codes = np.where(valid, np.nan_to_num(codes), len(distinct)).astype(np.int64)  # null: the appended blank slot
    spread_values = np.append(values.to_numpy(dtype="float64"), np.nan)[codes]
    spread_bad = np.append(bad.to_numpy(dtype=bool), False)[codes]
    return pd.Series(spread_values, index=series.index), pd.Series(spread_bad, index=series.index)


def parse_number(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Floats from numeric cells and Indonesian/English formatted text; mask of refused cells."""
    spread = _per_distinct(series, parse_number)
    if spread is not None:
        return spread
    blank = is_blank(series)
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return series.astype("float64"), pd.Series(False, index=series.index)
    out = pd.Series(np.nan, index=series.index, dtype="float64")
    if series.dtype == object:
        numeric = series.map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
        out[numeric & ~blank] = series[numeric & ~blank].astype("float64")
    else:
        numeric = pd.Series(False, index=series.index)
    todo = ~numeric & ~blank
    if todo.any():
        text = series[todo].astype("str").str.replace(_RP, "", regex=True)
        text = text.str.replace(r"[\s\u00a0]", "", regex=True).str.replace(r"^\((.*)\)$", r"-\1", regex=True)
        if detect_number_convention(text) == "id":
            text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        else:
            text = text.str.replace(",", "", regex=False)
        out[todo] = pd.to_numeric(text, errors="coerce")
    bad = out.isna() & ~blank
    return out, bad


# ---------------------------------------------------------------- dates

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%Y-%m-%d %H:%M:%S")


def parse_date_value(value: object) -> dt.date | None:
    """A date from ISO, dd/mm/yyyy, dd-mm-yyyy, Excel serial or '9 Maret 2024' forms; None if not a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _excel_serial(value)
    text = str(value).strip()
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return _excel_serial(float(text))
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return _named_month_date(text)


def _excel_serial(number: float) -> dt.date | None:
    if not 1 <= number < 80000 or number != int(number):
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def _named_month_date(text: str) -> dt.date | None:
    match = re.fullmatch(r"(\d{1,2})[\s\-/]+([A-Za-z]+)\.?[\s\-/]+(\d{4})", text)
    if not match:
        return None
    month = month_number(match.group(2))
    if month is None:
        return None
    try:
        return dt.date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:
        return None


def parse_date(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates (as datetime64) and a mask of non-blank cells that are not dates.

    Distinct values are parsed once: the common text formats vectorised, the rest one by one.
    """
    blank = is_blank(series)
    codes, uniques = pd.factorize(series.where(~blank), use_na_sentinel=True)
    distinct = pd.Series(np.asarray(uniques, dtype=object))
    parsed = pd.Series(pd.NaT, index=distinct.index, dtype="datetime64[s]")
    is_text = distinct.map(lambda v: isinstance(v, str)).astype(bool)
    for fmt in _DATE_FORMATS[:3]:
        todo = parsed.isna() & is_text
        if not todo.any():
            break
        parsed[todo] = pd.to_datetime(distinct[todo].str.strip(), format=fmt, errors="coerce")
    rest = parsed.isna()
    if rest.any():
        fallback = [parse_date_value(v) for v in distinct[rest]]
        parsed[rest] = pd.to_datetime(pd.Series(fallback, index=distinct.index[rest], dtype=object))
    values = np.append(parsed.to_numpy(), np.datetime64("NaT", "s"))[codes]
    dates = pd.Series(values, index=series.index)
    return dates, dates.isna() & ~blank


def parse_month(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Month numbers 1-12 from numbers, names or ``YYYY-MM``; mask of refused cells."""
    months = map_unique(series, _month_value)
    bad = months.isna() & ~is_blank(series)
    return months.astype("Int64"), bad


def _month_value(value: object) -> int | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if value == int(value) and 1 <= value <= 12 else None
    text = str(value).strip()
    match = re.fullmatch(r"(?:\d{4}[-/])?(\d{1,2})(?:\.0)?", text)
    if match:
        number = int(match.group(1))
        return number if 1 <= number <= 12 else None
    return month_number(text)


def parse_int(series: pd.Series, low: int, high: int) -> tuple[pd.Series, pd.Series]:
    """Whole numbers within [low, high]; mask of refused cells."""
    numbers, bad = parse_number(series)
    whole = numbers.notna() & (numbers == numbers.round()) & numbers.between(low, high)
    bad = bad | (numbers.notna() & ~whole)
    return numbers.where(whole).astype("Int64"), bad
