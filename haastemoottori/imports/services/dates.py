"""Free-text dates from import sources, read with python-dateutil.

Accepted: ISO 8601, ``MM/DD/YYYY``, ``YYYY/MM/DD``, month names (``March 16, 2020``), with or without
a time (``5 PM``, ``11:59 p.m.``, ``17:00``) and a US time-zone word (ET, EST, CT, PT, …) or an offset.
A time without a zone is read in the source's zone (``default_tz``). A range (``A - B``, ``A to B``)
gives its first part for a start and its last part for an end. A date without a time starts at 00:00
or, for an end, lasts until 23:59:59. Anything else — a missing year, a five-digit year, "TBD" — is
not a date: the caller gets ``None`` and a problem to report, never a guess.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime, time, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from dateutil import parser as date_parser
from django.utils.translation import gettext as _

US_EASTERN = ZoneInfo("America/New_York")
UTC = ZoneInfo("UTC")
TZINFOS = {
    **dict.fromkeys(("ET", "EST", "EDT", "EASTERN"), US_EASTERN),
    **dict.fromkeys(("CT", "CST", "CDT", "CENTRAL"), ZoneInfo("America/Chicago")),
    **dict.fromkeys(("MT", "MST", "MDT", "MOUNTAIN"), ZoneInfo("America/Denver")),
    **dict.fromkeys(("PT", "PST", "PDT", "PACIFIC"), ZoneInfo("America/Los_Angeles")),
    **dict.fromkeys(("UTC", "GMT", "Z"), UTC),
    **dict.fromkeys(("EET", "EEST"), ZoneInfo("Europe/Helsinki")),
}
MIN_YEAR, MAX_YEAR = 1990, 2100

_RANGE = re.compile(r"\s+(?:-|–|—|to|through|thru|until)\s+", re.IGNORECASE)
_MERIDIEM = re.compile(r"\b([ap])\.?\s?m\b\.?", re.IGNORECASE)
_NOON = re.compile(r"\bnoon\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(\d{4})\b")
# Two defaults that differ in every part: a part the text lacks shows up as a difference.
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)  # naive: dateutil fills in the parts the text lacks
_DEFAULT_B = datetime(2001, 2, 2, 1, 1, 1)


class DateProblem(ValueError):
    """The text is not a date we can read; the message says why, for the import report."""


def _normalise(text: str) -> str:
    text = " ".join(text.replace("\u00a0", " ").split())
    text = _NOON.sub("12:00 PM", text)
    return _MERIDIEM.sub(lambda m: f" {m.group(1).upper()}M", text).replace("  ", " ").strip()


def _parse_one(text: str) -> tuple[datetime, bool]:
    """The datetime and whether the text gave a time. Raises DateProblem."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            first = date_parser.parse(text, default=_DEFAULT_A, tzinfos=TZINFOS)
            second = date_parser.parse(text, default=_DEFAULT_B, tzinfos=TZINFOS)
    except (ValueError, OverflowError, TypeError) as exc:
        raise DateProblem(_("not a recognisable date")) from exc
    if first.date() != second.date():
        raise DateProblem(_("the date is incomplete (day, month or year missing)"))
    if not MIN_YEAR <= first.year <= MAX_YEAR:
        raise DateProblem(_("the year %(year)s is out of range") % {"year": first.year})
    return first, first.hour == second.hour


def parse_datetime_text(value: Any, *, end: bool = False, default_tz: tzinfo = US_EASTERN) -> datetime | None:
    """An aware datetime from free text, ``None`` for an empty value. Raises DateProblem for garbage."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise DateProblem(_("not text"))
    text = _normalise(value)
    if not text:
        return None
    parts = [p for p in _RANGE.split(text) if p.strip()]
    chosen = parts[-1] if end else parts[0]
    try:
        parsed, has_time = _parse_one(chosen)
    except DateProblem:
        # "March 1 - April 30, 2021": the first part borrows the year of the last.
        year = _YEAR.search(parts[-1]) if len(parts) > 1 and chosen is not parts[-1] else None
        if year is None or _YEAR.search(chosen):
            raise
        parsed, has_time = _parse_one(f"{chosen} {year.group(1)}")
    if not has_time:
        parsed = datetime.combine(parsed.date(), time(23, 59, 59) if end else time(0, 0), tzinfo=parsed.tzinfo)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=default_tz)
    return parsed
