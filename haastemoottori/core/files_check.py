"""Compare the stored files with the rows that refer to them (``manage.py check_files``)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.files.storage import Storage
from django.utils import timezone

from .files import FileSource, file_sources


@dataclass
class FilesReport:
    # (source, stored name)
    orphans: list[tuple[FileSource, str]] = field(default_factory=list)
    missing: list[tuple[FileSource, str]] = field(default_factory=list)
    # Orphans younger than the grace period: perhaps a transaction still in progress.
    recent: list[tuple[FileSource, str]] = field(default_factory=list)
    checked: int = 0


def _walk(storage: Storage, folder: str) -> Iterator[str]:
    if not storage.exists(folder):
        return
    folders, files = storage.listdir(folder)
    for name in files:
        yield posixpath.join(folder, name)
    for sub in folders:
        yield from _walk(storage, posixpath.join(folder, sub))


def _modified(storage: Storage, name: str) -> datetime | None:
    try:
        return storage.get_modified_time(name)
    except (NotImplementedError, OSError):
        return None


def files_check(*, grace: timedelta = timedelta(hours=1), sources: list[FileSource] | None = None) -> FilesReport:
    """Files on disk that no row refers to (orphans) and rows whose file is gone (missing).

    A file younger than ``grace`` is reported apart (``recent``), never as an orphan: its row may belong to a
    transaction that has not committed yet.
    """
    report = FilesReport()
    cutoff = timezone.now() - grace
    for source in sources if sources is not None else file_sources():
        storage = source.storage()
        expected = {name for name in source.names() if name}
        on_disk = set(_walk(storage, source.folder.rstrip("/")))
        report.checked += len(on_disk)
        for name in sorted(on_disk - expected):
            modified = _modified(storage, name)
            bucket = report.recent if modified is not None and modified > cutoff else report.orphans
            bucket.append((source, name))
        report.missing.extend((source, name) for name in sorted(expected - on_disk) if not storage.exists(name))
    return report


def files_delete_orphans(report: FilesReport) -> int:
    """Remove the orphans of a report (not the recent ones); the number removed."""
    for source, name in report.orphans:
        source.storage().delete(name)
    return len(report.orphans)
