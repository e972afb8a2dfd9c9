"""Money and dates as text in the active language, for choice labels and messages (templates use filters)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, number_format


def money(value: Decimal | int | None, currency: str = "EUR") -> str:
    """``850000`` → ``850 000,00 EUR`` in Finnish, ``850,000.00 EUR`` in English."""
    if value is None:
        return ""
    return f"{number_format(Decimal(str(value)), 2, force_grouping=True)} {currency}"


def short_date(value: date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""
