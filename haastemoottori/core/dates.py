"""Dates and times as people read them: a range written once per language, the date once when both ends fall
on the same day (in the site's time zone).

    fi  16.12.2026 14.00–15.30          16.12.2026 14.00 – 17.12.2026 12.00
    sv  16.12.2026 14.00–15.30          16.12.2026 14.00 – 17.12.2026 12.00
    en  16 Dec 2026, 14:00–15:30        16 Dec 2026, 14:00 – 17 Dec 2026, 12:00

The short date-time format ends with the time (core/formats/), so a day's range is that format for the start
and the time alone for the end. The dash is spaced when an end has spaces in it (16 Dec 2026 – 4 Jan 2027).
Machine-readable values stay ISO 8601 (``iso``), for ``<time datetime>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import dateformat, formats, timezone

DASH = "\N{EN DASH}"


def _local(value: date) -> date:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def iso(value: date) -> str:
    """The value for a ``<time datetime="…">`` attribute, as ``|date:'c'`` (a date alone: ``Y-m-d``)."""
    local = _local(value)
    return dateformat.format(local, "c") if isinstance(local, datetime) else local.isoformat()


@dataclass(frozen=True)
class RangeParts:
    start: str
    end: str
    dash: str


def range_parts(start: date, end: date | None) -> RangeParts:
    """The two ends as shown, and the dash between them; ``end`` empty for an open range."""
    start = _local(start)
    end = _local(end) if end is not None else None
    same_day = False
    if not isinstance(start, datetime):
        text = formats.date_format(start, "SHORT_DATE_FORMAT")
        end_text = formats.date_format(end, "SHORT_DATE_FORMAT") if end is not None else ""
    else:
        text = formats.date_format(start, "SHORT_DATETIME_FORMAT")
        if end is None:
            end_text = ""
        elif isinstance(end, datetime) and end.date() == start.date():
            same_day = True
            end_text = formats.time_format(end, "TIME_FORMAT")
        else:
            end_text = formats.date_format(end, "SHORT_DATETIME_FORMAT")
    spaced = bool(end_text) and not same_day and (" " in text or " " in end_text)
    return RangeParts(text, end_text, f" {DASH} " if spaced else DASH)


def format_range(start: date, end: date | None) -> str:
    """``16 Dec 2026, 14:00–15:30`` (one day) or ``16 Dec 2026, 14:00 – 17 Dec 2026, 12:00``, as plain text."""
    parts = range_parts(start, end)
    return f"{parts.start}{parts.dash}{parts.end}"
