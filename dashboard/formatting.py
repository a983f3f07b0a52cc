"""Indonesian number formatting: 1.234.567; Rp 12,3 M; 45,6%.

Rounding is half up, as in the Excel and SIPD recaps officials compare the screen with.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# How a figure is shown and stored, shared by the views and the slides: ``pct`` 45,6%; ``rupiah`` Rp 12,3 M;
# ``count`` 1.234; ``text`` as is.
PCT, RUPIAH, COUNT, TEXT = "pct", "rupiah", "count", "text"

_SCALES = ((Decimal("1e12"), "T"), (Decimal("1e9"), "M"), (Decimal("1e6"), "jt"), (Decimal("1e3"), "rb"))


def _decimal(value: object) -> Decimal | None:
    """The value as a Decimal (from float via its shortest repr), or None when missing or not a number."""
    if value is None:
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None  # NaN, or Infinity from x/0, is shown as missing


def _round(number: Decimal, decimals: int) -> Decimal:
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value: object, decimals: int = 0) -> str:
    """``1234567.5`` -> ``1.234.568`` (or ``1.234.567,5`` with decimals=1); missing -> ``-``."""
    number = _decimal(value)
    if number is None:
        return "-"
    text = f"{_round(number, decimals):,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_rupiah(value: object, short: bool = False) -> str:
    """``Rp 1.234.567``; with ``short`` the projector form ``Rp 12,3 M`` (rb, jt, M, T)."""
    number = _decimal(value)
    if number is None:
        return "-"
    if short and abs(number) >= 1000:
        for scale, suffix in _SCALES:
            # compare after rounding, so Rp 999.950 reads "Rp 1,0 jt", not "Rp 1.000,0 rb"
            if abs(_round(number / scale, 1)) >= 1:
                return f"Rp {format_number(number / scale, 1)} {suffix}"
    return f"Rp {format_number(number)}"


def format_pct(value: object, decimals: int = 1) -> str:
    """``45.63`` (already in percent) -> ``45,6%``."""
    number = _decimal(value)
    return "-" if number is None else f"{format_number(number, decimals)}%"


# the one list of month names: the importer's month parser and the demo's titles derive theirs from it
MONTH_NAMES = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def month_name(month: int, lang: str = "id") -> str:
    """``3`` -> ``Maret`` (``March`` in English)."""
    return MONTH_NAMES["en" if lang == "en" else "id"][month - 1]
