"""Indonesian number formatting (dashboard.formatting): 1.234.567; Rp 12,3 M; 45,6%."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from dashboard.formatting import format_number, format_pct, format_rupiah


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (1234567, 0, "1.234.567"),
    (1234567.5, 1, "1.234.567,5"),
    (1234.5678, 2, "1.234,57"),
    (0, 0, "0"),
    (999, 0, "999"),
    (1000, 0, "1.000"),
    (-1234567, 0, "-1.234.567"),
    (12_300_000_000, 0, "12.300.000.000"),
    (0.5, 1, "0,5"),
    (np.int64(1234567), 0, "1.234.567"),
    (np.float64(1234567.25), 2, "1.234.567,25"),
    (Decimal("1234567.50"), 2, "1.234.567,50"),      # DECIMAL money columns come back as Decimal
])
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, np.float64("nan")])
def test_missing_values_show_a_dash(missing):
    assert format_number(missing) == "-"
    assert format_rupiah(missing) == "-"
    assert format_rupiah(missing, short=True) == "-"
    assert format_pct(missing) == "-"


def test_pandas_na_shows_a_dash():
    assert format_number(pd.NA) == "-"


@pytest.mark.parametrize(("value", "expected"), [
    (1234567, "Rp 1.234.567"),
    (750000, "Rp 750.000"),
    (0, "Rp 0"),
    (1234567.6, "Rp 1.234.568"),
    (Decimal("1234567.00"), "Rp 1.234.567"),
])
def test_format_rupiah(value, expected):
    assert format_rupiah(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (12_300_000_000, "Rp 12,3 M"),
    (1_200_000_000_000, "Rp 1,2 T"),
    (1_500_000, "Rp 1,5 jt"),
    (6_260_000_000, "Rp 6,3 M"),
    (2_500, "Rp 2,5 rb"),
    (999, "Rp 999"),
    (1_000, "Rp 1,0 rb"),
    (-12_300_000_000, "Rp -12,3 M"),
    (1_234_567_890_123_456, "Rp 1.234,6 T"),
])
def test_format_rupiah_short_for_the_projector(value, expected):
    assert format_rupiah(value, short=True) == expected


@pytest.mark.parametrize(("value", "expected"), [(999_950, "Rp 1,0 jt"), (999_960_000_000, "Rp 1,0 T")])
def test_format_rupiah_short_rounds_into_the_next_scale(value, expected):
    assert format_rupiah(value, short=True) == expected


@pytest.mark.parametrize(("value", "expected"), [(6_250_000_000, "Rp 6,3 M"), (1_250_000_000, "Rp 1,3 M")])
def test_format_rupiah_short_rounds_half_up_like_excel(value, expected):
    assert format_rupiah(value, short=True) == expected


def test_format_rupiah_short_accepts_decimal():
    assert format_rupiah(Decimal("12300000000.00"), short=True) == "Rp 12,3 M"


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (45.63, 1, "45,6%"),
    (45.63, 2, "45,63%"),
    (100, 1, "100,0%"),
    (0, 1, "0,0%"),
    (1234.5, 1, "1.234,5%"),
    (-3.26, 1, "-3,3%"),
    (Decimal("45.63"), 1, "45,6%"),
])
def test_format_pct(value, decimals, expected):
    assert format_pct(value, decimals) == expected


@pytest.mark.parametrize("value", [float("inf"), -np.inf])
@pytest.mark.parametrize("formatter", [format_number, format_pct, format_rupiah])
def test_infinite_values_show_a_dash(formatter, value):
    assert formatter(value) == "-"
