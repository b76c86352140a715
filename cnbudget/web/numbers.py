"""One number format for the web UI: amounts in 万元, exact, with the printed precision.

Tables, the document list, the compare page, chart tooltips and downloads all format
amounts here. A value is never rounded: it is shown with at least two decimals (the 万元
convention), with as many as the printed text carried once converted to 万元 (a table
printed in 元 with integers has four decimals in 万元), and with thousands separators.
"""

from __future__ import annotations

from decimal import Decimal

# decimal places an amount gains when converted to 万元 from a printed unit
_SHIFT = {"万元": 0, "千元": 1, "元": 4}
MIN_PLACES = 2
_DIGITS = set("0123456789")


def printed_places(text: str) -> int | None:
    """Decimal places of a printed amount (`1,234.50` → 2, `1234` → 0), None if not a number."""
    body = text.strip().replace(",", "").replace("，", "").lstrip("-−+").rstrip("%")
    if not body or not set(body.replace(".", "", 1)) <= _DIGITS:
        return None
    whole, dot, fraction = body.partition(".")
    return len(fraction) if dot else 0


def places(value: Decimal, text: str | None = None, unit: str = "万元") -> int:
    """The decimal places to show a 万元 value with: its printed precision, never fewer than
    two, never fewer than the value's own digits (so nothing is ever rounded away)."""
    exponent = value.as_tuple().exponent
    own = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    shown = max(MIN_PLACES, own)
    if text is not None:
        printed = printed_places(text)
        if printed is not None:
            shown = max(shown, printed + _SHIFT.get(unit, 0))
    return shown


def amount(value: Decimal | None, text: str | None = None, unit: str = "万元") -> str:
    """An amount in 万元 for display: `18,976.7551`, `3,944.08`; `—` when missing."""
    if value is None:
        return "—"
    if not value.is_finite():
        return str(value)
    shown = places(value, text, unit)
    return f"{value.quantize(Decimal(1).scaleb(-shown)):,f}"


def plain(value: Decimal, text: str | None = None, unit: str = "万元") -> str:
    """The same digits as `amount` without thousands separators (CSV, JSON numbers as text)."""
    return amount(value, text, unit).replace(",", "")


def percent(value: Decimal | None) -> str:
    """A share in percent (two decimals as computed), `—` when missing."""
    return "—" if value is None else f"{value:,f}%"
