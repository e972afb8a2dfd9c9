"""Semantic search: passage vectors of public documents held in memory per process, ranked with numpy.

The store loads once, then follows the index incrementally: every ``HAASTEMOOTTORI_VECTOR_REFRESH_SECONDS``
it reads only the documents indexed or embedded since it last looked (two index look-ups when nothing
changed) and replaces their rows. A deployment with pgvector could answer the same call in SQL; Debian
has no pgvector here, so vectors are bytes in the table and the cosine is a matrix product.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from django.conf import settings
from django.db.models import Max, Q, QuerySet

from .embeddings import from_bytes, get_embedder
from .models import SearchDocument


@dataclass
class VectorStore:
    kind: str
    dim: int
    model: str
    rows: dict[int, np.ndarray] = field(default_factory=dict)  # object id -> (n_passages, dim) float32
    last_indexed: datetime | None = None
    last_embedded: datetime | None = None
    checked_at: float = 0.0
    _matrix: np.ndarray | None = None
    _ids: np.ndarray | None = None
    _starts: np.ndarray | None = None

    def _pack(self) -> None:
        ids = np.fromiter(self.rows.keys(), dtype=np.int64, count=len(self.rows))
        blocks = list(self.rows.values())
        counts = np.fromiter((len(b) for b in blocks), dtype=np.int64, count=len(blocks))
        self._matrix = np.concatenate(blocks) if blocks else np.zeros((0, self.dim), dtype=np.float32)
        self._ids = ids
        self._starts = np.concatenate([[0], np.cumsum(counts)[:-1]]) if len(counts) else np.zeros(0, np.int64)

    @property
    def object_ids(self) -> np.ndarray:
        if self._ids is None:
            self._pack()
        assert self._ids is not None
        return self._ids

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Each document's best passage cosine to the query (documents in ``object_ids`` order)."""
        if self._matrix is None:
            self._pack()
        assert self._matrix is not None and self._starts is not None
        if not len(self._matrix):
            return np.zeros(0, dtype=np.float32)
        sims = self._matrix @ query_vector.astype(np.float32)
        return np.maximum.reduceat(sims, self._starts)

    def apply(self, docs: Iterable[tuple[int, bool, bytes | None, str, int]]) -> None:
        for object_id, is_public, data, model, n in docs:
            if is_public and data and model == self.model and n:
                self.rows[object_id] = from_bytes(data, n)
            else:
                self.rows.pop(object_id, None)
        self._matrix = self._ids = self._starts = None


_stores: dict[str, VectorStore] = {}
_lock = threading.Lock()


# A transaction that began before the last look may commit a row stamped earlier than what was seen:
# every refresh reads this much further back (re-applying a row is harmless).
OVERLAP = timedelta(minutes=5)


def _changed(store: VectorStore) -> QuerySet[SearchDocument]:
    qs = SearchDocument.objects.filter(kind=store.kind)
    if store.last_indexed is not None:
        changed = Q(indexed_at__gt=store.last_indexed - OVERLAP)
        if store.last_embedded is not None:
            changed |= Q(embedded_at__gt=store.last_embedded - OVERLAP)
        qs = qs.filter(changed)
    return qs


def _refresh(store: VectorStore) -> None:
    marks = SearchDocument.objects.filter(kind=store.kind).aggregate(i=Max("indexed_at"), e=Max("embedded_at"))
    if store.last_indexed is not None and (marks["i"], marks["e"]) == (store.last_indexed, store.last_embedded):
        return
    rows = []
    for object_id, is_public, data, model, passages in (
        _changed(store)
        .values_list("object_id", "is_public", "vectors", "embedding_model", "passages")
        .iterator(chunk_size=2000)
    ):
        rows.append((object_id, is_public, data, model, len(passages)))
    store.apply(rows)
    store.last_indexed, store.last_embedded = marks["i"], marks["e"]


def vector_store(kind: str) -> VectorStore:
    embedder = get_embedder()
    refresh = getattr(settings, "HAASTEMOOTTORI_VECTOR_REFRESH_SECONDS", 0)
    store = _stores.get(kind)
    if store is not None and store.model == embedder.name and refresh and time.monotonic() - store.checked_at < refresh:
        return store
    with _lock:
        store = _stores.get(kind)
        if store is None or store.model != embedder.name:
            store = _stores[kind] = VectorStore(kind=kind, dim=embedder.dim, model=embedder.name)
        _refresh(store)
        store.checked_at = time.monotonic()
    return store


def forget() -> None:
    _stores.clear()


def semantic_search(
    *, kind: str, query_vector: np.ndarray, limit: int = 200, exclude: set[int] | None = None
) -> list[tuple[int, float]]:
    return semantic_neighbours(kind=kind, query_vector=query_vector, limit=limit, exclude=exclude)[0]


def semantic_neighbours(
    *, kind: str, query_vector: np.ndarray, limit: int = 200, exclude: set[int] | None = None
) -> tuple[list[tuple[int, float]], np.ndarray]:
    """The nearest documents, best first, and every document's cosine (the corpus as background)."""
    store = vector_store(kind)
    scores = store.scores(query_vector)
    if not len(scores):
        return [], scores
    ids = store.object_ids
    take = min(limit + len(exclude or ()), len(scores))
    top = np.argpartition(-scores, take - 1)[:take]
    top = top[np.argsort(-scores[top], kind="stable")]
    out = [(int(ids[i]), float(scores[i])) for i in top if not exclude or int(ids[i]) not in exclude]
    return out[:limit], scores
