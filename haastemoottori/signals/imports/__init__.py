"""Readers for bulk signal files: CSV (our own columns) and Open311 GeoReport v2 JSON (``requests.json``).

A reader turns the bytes of a file into :class:`~.rows.RawRow` records with the common field names, or raises
:class:`~.rows.FileRejected` when the file as a whole cannot be read. The values are validated, looked up and
saved by ``signals.services.imports``; a bad row is reported there with its reference and the rest imported.
"""

from .reader import read_rows
from .rows import FileRejected, RawRow

__all__ = ["FileRejected", "RawRow", "read_rows"]
