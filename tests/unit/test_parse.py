"""Value parsers for office files (dashboard.imports.parse), table by table."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from dashboard.imports import parse
from dashboard.imports.columns import normalise_header

# ------------------------------------------------------------------------------------------------ kode wilayah


@pytest.mark.parametrize(("value", "expected"), [
    ("35.13.01.2001", "35.13.01.2001"),
    ("3513012001", "35.13.01.2001"),
    ("3513012001.0", "35.13.01.2001"),
    (3513012001.0, "35.13.01.2001"),
    (3513012001, "35.13.01.2001"),
    (np.int64(3513012001), "35.13.01.2001"),
    (np.float64(3513012001.0), "35.13.01.2001"),
    ("35.13.1.2001", "35.13.01.2001"),          # lost its leading zero
    ("35.13.01.1", "35.13.01.0001"),
    (" 35.13.01.2001 ", "35.13.01.2001"),
    ("35 13 01", "35.13.01"),
    ("351301", "35.13.01"),
    ("3513", "35.13"),
    ("35.13", "35.13"),
    ("35", "35"),
    (35, "35"),
    ("35.13.21", "35.13.21"),
])
def test_normalise_kode_accepts_office_forms(value, expected):
    assert parse.normalise_kode(value) == expected


@pytest.mark.parametrize("value", [
    "35.13.01.20011", "35.130.01", "35-13-01-2001", "35..01", "35.13.01.2001.1", "351301200", "35130120011",
    "abc", "", "3.51301E+15", 3513012001.5, True, False,
])
def test_normalise_kode_refuses_malformed_codes(value):
    assert parse.normalise_kode(value) is None


def test_parse_kode_marks_malformed_but_not_blank_cells():
    codes, bad = parse.parse_kode(pd.Series(["3513012001", "", None, "35-13", "35.13.21"], dtype=object))
    assert [None if pd.isna(c) else c for c in codes] == ["35.13.01.2001", None, None, None, "35.13.21"]
    assert bad.tolist() == [False, False, False, True, False]


# ------------------------------------------------------------------------------------------------ NIK / No. KK


@pytest.mark.parametrize(("value", "reason", "parsed"), [
    ("3513011503800001", parse.NIK_OK, "3513011503800001"),
    (" 3513011503800001 ", parse.NIK_OK, "3513011503800001"),
    ("'3513011503800001", parse.NIK_OK, "3513011503800001"),       # Excel text prefix
    ("3513 0115 0380 0001", parse.NIK_OK, "3513011503800001"),
    ("351301150380000", parse.NIK_LENGTH, None),
    ("35130115038000012", parse.NIK_LENGTH, None),
    ("3.51301E+15", parse.NIK_SCIENTIFIC, None),
    ("3,51301E+15", parse.NIK_SCIENTIFIC, None),
    ("3.51301e15", parse.NIK_SCIENTIFIC, None),
    ("35130115038000AB", parse.NIK_CHARS, None),
    ("3513-0115-0380-0001", parse.NIK_CHARS, None),
    ("\u0663513011503800001", parse.NIK_CHARS, None),   # an Arabic-Indic digit: 16 digits, not 16 ASCII digits
    (3513011503800001, parse.NIK_NUMERIC_CELL, None),
    (3.513011503800001e15, parse.NIK_NUMERIC_CELL, None),
    ("", parse.NIK_OK, None),
    (None, parse.NIK_OK, None),
])
def test_parse_nik_reasons(value, reason, parsed):
    # a text cell sits beside the cell under test, as in a real XLSX column of object dtype
    series = pd.Series(["3513011503800009", value], dtype=object)

    values, reasons = parse.parse_nik(series)

    assert reasons.tolist() == [parse.NIK_OK, reason]
    assert values.iloc[0] == "3513011503800009"
    assert (None if pd.isna(values.iloc[1]) else values.iloc[1]) == parsed


def test_parse_nik_of_a_csv_column_takes_ascii_digits_only():
    """CSV columns are Arrow strings: a digit of another script is refused there too, never hashed."""
    series = pd.Series(["3513011503800009", "\u0663513011503800001", "\uff13513011503800001"], dtype="str")
    values, reasons = parse.parse_nik(series)
    assert reasons.tolist() == [parse.NIK_OK, parse.NIK_CHARS, parse.NIK_CHARS]
    assert values.iloc[0] == "3513011503800009" and values.iloc[1:].isna().all()


def test_parse_nik_refuses_a_whole_numeric_column():
    _, reasons = parse.parse_nik(pd.Series([3513011503800001, 3513011503800002]))
    assert reasons.tolist() == [parse.NIK_NUMERIC_CELL, parse.NIK_NUMERIC_CELL]


def test_mask_identifier_keeps_region_and_serial():
    masked = parse.mask_identifier(pd.Series(["3513011503800002", None], dtype=object))
    assert masked.iloc[0] == "351301******0002"
    assert pd.isna(masked.iloc[1])


# ------------------------------------------------------------------------------------------------ numbers


@pytest.mark.parametrize(("texts", "convention"), [
    (["1.234.567"], "id"),
    (["1.234.567,50"], "id"),
    (["1,5"], "id"),
    (["1,234,567.50"], "en"),
    (["1,234,567"], "en"),
    (["1.5"], "en"),
    (["1.500"], "id"),                       # ambiguous alone: Indonesian by default
    (["1,500"], "id"),
    (["1.500", "2,750.25"], "en"),           # decided per column, not per cell
    (["1,500", "2.750,25"], "id"),
    (["1234567"], "id"),
    ([], "id"),
])
def test_detect_number_convention(texts, convention):
    assert parse.detect_number_convention(pd.Series(texts, dtype=object)) == convention


@pytest.mark.parametrize(("cells", "expected"), [
    (["1234567"], [1234567.0]),
    (["1.234.567"], [1234567.0]),
    (["1.234.567,50"], [1234567.5]),
    (["1.234.567,00"], [1234567.0]),
    (["1,234,567.50"], [1234567.5]),
    (["Rp 1.234.567"], [1234567.0]),
    (["Rp. 1.234.567,00"], [1234567.0]),
    (["rp1.000"], [1000.0]),
    (["(1.000)"], [-1000.0]),
    (["-2.500"], [-2500.0]),
    (["1 234 567"], [1234567.0]),
    (["\u00a01.000\u00a0"], [1000.0]),
    (["1.500", "2.750,25"], [1500.0, 2750.25]),
    (["1,500", "2,750.25"], [1500.0, 2750.25]),
    (["1.5", "2.25"], [1.5, 2.25]),
    ([1234567, 12.5, "1.000"], [1234567.0, 12.5, 1000.0]),   # numeric cells are taken as they are
])
def test_parse_number(cells, expected):
    numbers, bad = parse.parse_number(pd.Series(cells, dtype=object))
    assert numbers.tolist() == expected
    assert not bad.any()


def test_parse_number_blanks_and_refusals():
    numbers, bad = parse.parse_number(pd.Series(["", None, "-", " ", "12x", "1.2.3,4,5", "Rp"], dtype=object))
    assert [math.isnan(v) for v in numbers] == [True] * 7
    assert bad.tolist() == [False, False, False, False, True, True, True]


def test_parse_number_keeps_float_columns_as_they_are():
    numbers, _ = parse.parse_number(pd.Series([12.125, 7.375]))
    assert numbers.tolist() == [12.125, 7.375]


@pytest.mark.parametrize(("cells", "low", "high", "values", "bad"), [
    (["2025", "2.025", 2024], 2000, 2100, [2025, 2025, 2024], [False, False, False]),
    (["1999", "2101", "3,5", "x", ""], 2000, 2100, [None, None, None, None, None], [True, True, True, True, False]),
    (["0", "10"], 0, 10, [0, 10], [False, False]),
])
def test_parse_int_range(cells, low, high, values, bad):
    numbers, refused = parse.parse_int(pd.Series(cells, dtype=object), low, high)
    assert [None if pd.isna(v) else int(v) for v in numbers] == values
    assert refused.tolist() == bad


# ------------------------------------------------------------------------------------------------ dates

MARCH_9 = dt.date(2024, 3, 9)


@pytest.mark.parametrize("value", [
    "2024-03-09", "09/03/2024", "9/3/2024", "09-03-2024", "09.03.2024", "2024/03/09", "2024-03-09 00:00:00",
    45360, 45360.0, "45360", "45360.0", "9 Maret 2024", "9-Mar-2024", "09 Mar 2024", "9 March 2024", "9 MARET 2024",
    dt.datetime(2024, 3, 9, 10, 30), MARCH_9, pd.Timestamp("2024-03-09"),
])
def test_parse_date_value_forms(value):
    assert parse.parse_date_value(value) == MARCH_9


@pytest.mark.parametrize(("value", "expected"), [
    ("9 Agt 2024", dt.date(2024, 8, 9)),
    ("1 Pebruari 2024", dt.date(2024, 2, 1)),
    ("17 Agustus 1945", dt.date(1945, 8, 17)),
    ("29/02/2024", dt.date(2024, 2, 29)),
    (1, dt.date(1899, 12, 31)),
])
def test_parse_date_value_month_names_and_edges(value, expected):
    assert parse.parse_date_value(value) == expected


@pytest.mark.parametrize("value", [
    "31/02/2024", "29/02/2023", "2024-02-30", "2024-13-01", "abc", "9 Foo 2024", "Maret 2024", 45360.5, 0, 100000,
    "", "12x", True,
])
def test_parse_date_value_refusals(value):
    assert parse.parse_date_value(value) is None


def test_parse_date_of_a_datetime64_column():
    # what the reader hands over for an XLSX column of real Excel date cells
    series = pd.Series(pd.to_datetime(["2024-03-09", None, "2024-03-10"]))
    dates, bad = parse.parse_date(series)
    assert [None if pd.isna(d) else d.date() for d in dates] == [MARCH_9, None, dt.date(2024, 3, 10)]
    assert not bad.any()


def test_parse_date_series():
    dates, bad = parse.parse_date(pd.Series(["2024-03-09", "09/03/2024", "", None, "31/02/2024", "45360"],
                                            dtype=object))
    assert [None if pd.isna(d) else d.date() for d in dates] == [MARCH_9, MARCH_9, None, None, None, MARCH_9]
    assert bad.tolist() == [False, False, False, False, True, False]


# ------------------------------------------------------------------------------------------------ months


@pytest.mark.parametrize(("word", "month"), [
    ("januari", 1), ("Jan", 1), ("JANUARI", 1), ("FEB", 2), ("Peb", 2), ("pebruari", 2), ("Maret", 3), ("mar", 3),
    ("march", 3), ("april", 4), ("Apr.", 4), ("Mei", 5), ("may", 5), ("juni", 6), ("June", 6), ("jun", 6),
    ("juli", 7), ("Agustus", 8), ("agt", 8), ("ags", 8), ("agu", 8), ("aug", 8), ("Sept", 9), ("sep.", 9),
    ("Oktober", 10), ("okt", 10), ("oct", 10), ("Nopember", 11), ("nop", 11), ("nov", 11), ("Desember", 12),
    ("des", 12), ("dec", 12), (" juli ", 7),
])
def test_month_number(word, month):
    assert parse.month_number(word) == month


@pytest.mark.parametrize("word", ["ju", "ma", "xyz", "", "desa", "bulan", "2025"])
def test_month_number_unknown(word):
    assert parse.month_number(word) is None


def test_parse_month_series():
    months, bad = parse.parse_month(pd.Series(
        [1, "2", "03", "2025-06", "Juli", "agustus", 12.0, "2025/11", "", 0, 13, "13", "abc", 1.5], dtype=object))
    assert [None if pd.isna(m) else int(m) for m in months] == [1, 2, 3, 6, 7, 8, 12, 11] + [None] * 6
    assert bad.tolist() == [False] * 9 + [True] * 5


# ------------------------------------------------------------------------------------------------ blanks


def test_is_blank():
    series = pd.Series([None, float("nan"), "", "  ", "-", "nan", "None", "0", "x", 0], dtype=object)
    assert parse.is_blank(series).tolist() == [True] * 7 + [False] * 3


def test_map_unique_calls_once_per_distinct_value():
    calls = []

    def double(value):
        calls.append(value)
        return value * 2

    out = parse.map_unique(pd.Series(["a", "b", "a", "", None, "a"], dtype=object), double)

    assert out.tolist() == ["aa", "bb", "aa", None, None, "aa"]
    assert sorted(calls) == ["a", "b"]


# ------------------------------------------------------------------------------------------------ header names


@pytest.mark.parametrize(("header", "normalised"), [
    ("No. KK", "no_kk"),
    ("NOMOR KK", "nomor_kk"),
    ("Realisasi s.d. Bulan Ini", "realisasi_s_d_bulan_ini"),
    ("%", "persen"),
    ("DESA/KELURAHAN", "desa_kelurahan"),
    ("  Tgl  Lahir ", "tgl_lahir"),
    ("LAKI-LAKI", "laki_laki"),
    (None, ""),
    (1, "1"),
])
def test_normalise_header(header, normalised):
    assert normalise_header(header) == normalised


def test_normalise_header_of_zero():
    assert normalise_header(0) == "0"
