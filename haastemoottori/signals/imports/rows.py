"""The common shape of an imported row, reading dates, and guessing the language of a row that has none."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _


class FileRejected(Exception):
    """The file as a whole cannot be read (encoding, JSON syntax, missing columns); nothing is imported."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class RawRow:
    """One record of a file with the common field names (see docs/signals.md), not yet validated.

    ``number`` is the record's position (CSV: its row number as a spreadsheet shows it, the header being
    row 1; JSON: its position in the array, from 1). ``columns`` maps a common field name to the name the
    file uses for it, so that a reason says "description: …" for an Open311 row. ``error`` is a problem the
    reader found already (e.g. a CSV row with more cells than the header).
    """

    number: int
    ref: str
    external_id: str
    values: dict[str, Any]
    columns: dict[str, str] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    error: str = ""

    def column(self, name: str) -> str:
        return self.columns.get(name, name)


def decode(data: bytes) -> str:
    """UTF-8 text, with or without a byte order mark (Excel's “CSV UTF-8” writes one)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRejected(_("The file is not UTF-8 text. Save it in UTF-8 (in Excel: “CSV UTF-8”) and try again."))


_FINNISH_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(?:klo\s+)?(\d{1,2})[.:](\d{2}))?$")


def parse_when(value: Any) -> datetime:
    """A moment from ISO 8601 (``2025-03-01``, ``2025-03-01T14:00:00+02:00``, ``…Z``) or a Finnish date
    (``1.3.2025``, ``1.3.2025 14.00``). A time without a zone, and a date alone (at 00:00), are read in the
    site's time zone. Raises ValueError."""
    text = str(value or "").strip()
    if not text:
        raise ValueError("empty")
    moment = None
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            if day is not None:
                moment = datetime.combine(day, time())
    except ValueError:
        moment = None
    if moment is None:
        match = _FINNISH_DATE.match(text)
        if match is None:
            raise ValueError(text)
        d, m, y, hh, mm = match.groups()
        moment = datetime(int(y), int(m), int(d), int(hh or 0), int(mm or 0))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def guess_language(text: str, *, candidates: list[str], default: str) -> str:
    """The served language whose common words the text uses most (at least two, and more than any other);
    otherwise ``default``. Open311 has no language field, and a CSV row may leave it empty."""
    from haastemoottori.search.analysis import STOP_WORDS

    words = re.findall(r"[^\W\d_]+", text.lower())
    scores = {code: sum(1 for w in words if w in STOP_WORDS.get(code, ())) for code in candidates}
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return default
