"""Numbers, money and dates as text in the active language (for messages and choice labels, not templates)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, number_format


def normal(value: Decimal) -> Decimal:
    """The same number without trailing zeros and without exponent notation: ``Decimal("30.0000")`` → ``30``."""
    result = value.normalize()
    return result.quantize(Decimal(1)) if result == result.to_integral_value() else result


def plain(value: Decimal | int | float | None) -> str:
    """A number without trailing zeros or exponent notation, with the locale's separators: ``3E+1`` → ``30``."""
    if value is None:
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return number_format(normal(number), force_grouping=True)


def amount(value: Decimal | int | float | None) -> str:
    """A sum of money without the currency: ``900000`` → ``900 000,00`` in Finnish, ``900,000.00`` in English."""
    if value is None:
        return ""
    return number_format(Decimal(str(value)), 2, force_grouping=True)


def money(value: Decimal | int | float | None, currency: str = "EUR") -> str:
    """``900000`` → ``900 000,00 EUR`` in Finnish, ``900,000.00 EUR`` in English."""
    if value is None:
        return ""
    return f"{amount(value)} {currency}"


def short_date(value: date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""
