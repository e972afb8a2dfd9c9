"""Writes of the search engine: scheduling the re-indexing of the records that sources registered."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Model

from . import indexing, sources


def _kind(obj: Model) -> str:
    return sources.source_for(obj).kind


def search_index_schedule(objects: Iterable[Model]) -> None:
    """Re-index these records now, and queue the embedding of changed texts on commit.

    The lexical part is cheap and lives in the same transaction as the data, so search never shows what
    was rolled back; the embeddings (tens of milliseconds to seconds a text) are computed by the worker.
    """

    pending = getattr(_batch, "pending", None)
    if pending is not None:  # inside search_index_batch(): indexed together when the batch ends
        for obj in objects:
            pending[_kind(obj)].add(obj.pk)
        return
    by_kind: dict[str, set[int]] = defaultdict(set)
    for obj in objects:
        by_kind[_kind(obj)].add(obj.pk)
    _index_now(by_kind)


_batch = threading.local()


@contextmanager
def search_index_batch() -> Iterator[None]:
    """Collect the re-indexing that services ask for in this block and do it once at its end (imports)."""
    if getattr(_batch, "pending", None) is not None:  # nested: the outer batch indexes
        yield
        return
    _batch.pending = defaultdict(set)
    try:
        yield
        pending = _batch.pending
    finally:
        _batch.pending = None
    _index_now(pending)


def _index_now(by_kind: dict[str, set[int]]) -> None:
    from .tasks import embed_dirty_task

    dirty = False
    for kind, ids in by_kind.items():
        docs = indexing.index_objects(kind, ids)
        dirty = dirty or any(d.embedding_dirty for d in docs)
    if dirty:
        transaction.on_commit(embed_dirty_task.enqueue)
