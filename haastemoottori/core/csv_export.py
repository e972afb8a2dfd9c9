"""CSV downloads that spreadsheet programs open safely: UTF-8 with a byte order mark, and no cell that a
spreadsheet would run as a formula (a leading =, +, -, @, tab or carriage return gets an apostrophe)."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


class SafeWriter:
    """A csv.writer whose every cell goes through :func:`csv_cell`."""

    def __init__(self, stream) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow([csv_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_download(filename: str, *, private: bool = True) -> tuple[HttpResponse, SafeWriter]:
    """A response to write rows into, offered as ``filename``; ``private`` keeps caches from storing it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    return response, SafeWriter(response)
