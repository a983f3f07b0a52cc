"""Indonesian number formatting: 1.234.567; Rp 12,3 M; 45,6%."""

from __future__ import annotations

import math

_SCALES = ((1e12, "T"), (1e9, "M"), (1e6, "jt"), (1e3, "rb"))


def format_number(value: float | None, decimals: int = 0) -> str:
    """``1234567.5`` -> ``1.234.568`` (or ``1.234.567,5`` with decimals=1); missing -> ``-``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_rupiah(value: float | None, short: bool = False) -> str:
    """``Rp 1.234.567``; with ``short`` the projector form ``Rp 12,3 M`` (rb, jt, M, T)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if short:
        for scale, suffix in _SCALES:
            if abs(value) >= scale:
                return f"Rp {format_number(value / scale, 1)} {suffix}"
    return f"Rp {format_number(value)}"


def format_pct(value: float | None, decimals: int = 1) -> str:
    """``45.63`` (already in percent) -> ``45,6%``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{format_number(value, decimals)}%"
