"""One entry point for every file format: picks the reader by the format's name."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .csv_format import read as read_csv
from .open311 import read as read_open311
from .rows import FileRejected, RawRow

READERS = {"csv": read_csv, "open311": read_open311}


def read_rows(fmt: str, data: bytes) -> list[RawRow]:
    """All records of a file of the given format (``csv`` or ``open311``). Raises FileRejected."""
    if fmt not in READERS:
        raise FileRejected(_("Unknown file format."))
    return READERS[fmt](data)
