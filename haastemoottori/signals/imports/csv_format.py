"""Signals from a CSV file: a header row with our column names, then one signal a row.

UTF-8 with or without a byte order mark; separated by semicolons (what Excel writes in a Finnish or
Swedish locale), commas or tabs. The header decides the separator: the candidate that splits it into the
most known column names wins, and csv.Sniffer (limited to the three candidates) only breaks a tie — on its
own it guesses from character frequencies and is fooled by commas in Finnish decimal numbers and in text.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _

from .rows import FileRejected, RawRow, decode

COLUMNS = (
    "id",
    "title",
    "text",
    "language",
    "department",
    "themes",
    "observed",
    "place",
    "latitude",
    "longitude",
    "evidence_url",
    "source",
)
REQUIRED_COLUMNS = ("id", "title", "observed")
DELIMITERS = (";", ",", "\t")


def _header(text: str) -> str:
    return text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")


def _known_columns(header_line: str, delimiter: str) -> int:
    cells = next(csv.reader([header_line], delimiter=delimiter), [])
    return len({c.strip().lower() for c in cells} & set(COLUMNS))


def detect_delimiter(text: str) -> str:
    header_line = _header(text)
    scores = {d: _known_columns(header_line, d) for d in DELIMITERS}
    best = max(scores.values())
    tied = [d for d in DELIMITERS if scores[d] == best]
    if len(tied) == 1:
        return tied[0]
    try:
        sniffed = csv.Sniffer().sniff(text[:4096], delimiters="".join(tied)).delimiter
    except csv.Error:
        return tied[0]
    return sniffed if sniffed in tied else tied[0]


def read(data: bytes) -> list[RawRow]:
    text = decode(data)
    if not text.strip():
        raise FileRejected(_("The file is empty."))
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except csv.Error as exc:
        raise FileRejected(_("The header row cannot be read: %(error)s") % {"error": exc})
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise FileRejected(
            _("The header row lacks the columns %(missing)s. The first row must name the columns: %(columns)s.")
            % {"missing": ", ".join(missing), "columns": ", ".join(COLUMNS)}
        )
    rows: list[RawRow] = []
    number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            number += 1
            rows.append(
                RawRow(
                    number=number,
                    ref=_("row %(number)s") % {"number": number},
                    external_id="",
                    values={},
                    error=_("The row cannot be read: %(error)s") % {"error": exc},
                )
            )
            continue
        number += 1
        if not any(cell.strip() for cell in cells):
            continue  # an empty line, e.g. at the end of the file
        values: dict[str, Any] = {
            name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header) if name in COLUMNS
        }
        values["themes"] = [t.strip() for t in values.get("themes", "").split("|") if t.strip()]
        external_id = values.get("id", "")
        ref = (
            _("row %(number)s (id %(id)s)") % {"number": number, "id": external_id}
            if external_id
            else _("row %(number)s") % {"number": number}
        )
        error = ""
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            error = _("The row has more cells than the header row; check the separators and the quotes around texts.")
        rows.append(
            RawRow(
                number=number,
                ref=ref,
                external_id=external_id,
                values=values,
                error=error,
                required=("id", "title", "observed"),
            )
        )
    return rows
