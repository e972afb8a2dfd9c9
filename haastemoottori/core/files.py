"""Stored files that follow the database transaction: nothing is left on disk by a rollback.

``file_save`` writes a file at once (so the rest of the transaction, and its tests, can read it) and removes it
again unless the transaction commits. Django has no rollback hook, but it drops the ``on_commit`` callbacks of
a transaction (or savepoint) that rolls back: the callback registered here is a small guard object, and when
it is dropped without having run, a finaliser deletes the file. CPython frees the guard at once; should a
crash leave a file behind anyway, ``manage.py check_files`` lists it (and ``--delete`` removes it).
``file_delete_on_commit`` removes a replaced or deleted file only once the change is committed.

Apps say which files they own with ``register_file_source`` (in their AppConfig.ready): a storage, the folder
in it and the names the database still refers to. ``check_files`` compares them with what is on disk.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.files.base import File
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile

logger = logging.getLogger(__name__)


class _Kept:
    """Run on commit: the file stays. Dropped unrun (a rollback): the finaliser removes the file."""

    def __init__(self) -> None:
        self.committed = False

    def __call__(self) -> None:
        self.committed = True


def _remove_unless_committed(kept_state: dict[str, bool], storage: Storage, name: str) -> None:
    if kept_state["committed"]:
        return
    try:
        storage.delete(name)
    except OSError:
        logger.warning("Could not remove %s after a rollback; check_files will list it.", name)


def _guard(storage: Storage, name: str, using: str | None) -> None:
    kept = _Kept()
    state = kept.__dict__  # shared with the finaliser without keeping the guard itself alive
    weakref.finalize(kept, _remove_unless_committed, state, storage, name)
    transaction.on_commit(kept, using=using)


def storage_save(storage: Storage, name: str, content: File, *, using: str | None = None) -> str:
    """Write ``content`` as ``name`` (or a free name near it) now; remove it unless the transaction commits."""
    stored = storage.save(name, content)
    _guard(storage, stored, using)
    return stored


def file_save(field_file: FieldFile, name: str, content: File, *, using: str | None = None) -> str:
    """Store ``content`` in a model's file field (not saving the row); removed unless the transaction commits."""
    field_file.save(name, content, save=False)
    stored = str(field_file.name)
    _guard(field_file.storage, stored, using)
    return stored


def file_delete_on_commit(storage: Storage, name: str | None, *, using: str | None = None) -> None:
    """Remove a stored file once the transaction that stopped referring to it commits (never on a rollback)."""
    if name:
        transaction.on_commit(lambda: storage.delete(name), using=using)


@dataclass(frozen=True)
class FileSource:
    """Files an app keeps: ``folder`` in ``storage()``, and the names its rows refer to (``names()``)."""

    label: str
    storage: Callable[[], Storage]
    folder: str
    names: Callable[[], Iterable[str]]


_SOURCES: dict[str, FileSource] = {}


def register_file_source(source: FileSource) -> None:
    _SOURCES[source.label] = source


def file_sources() -> list[FileSource]:
    return sorted(_SOURCES.values(), key=lambda s: s.label)
