"""Semantic search: passage vectors of public documents held in memory per process, ranked with numpy.

The store is reloaded when the index changes (a cheap aggregate query tells), at most every
``HAASTEMOOTTORI_VECTOR_REFRESH_SECONDS``. A deployment with pgvector could answer the same call in SQL;
Debian has no pgvector here, so vectors are bytes in the table and the cosine is a matrix product.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db.models import Count, Max

from .embeddings import get_embedder
from .models import SearchDocument


@dataclass
class VectorStore:
    object_ids: np.ndarray      # (n_docs,)
    matrix: np.ndarray          # (n_passages, dim) float16
    owner: np.ndarray           # (n_passages,) row -> doc index
    version: tuple
    loaded_at: float

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Each document's best passage cosine to the query."""
        best = np.full(len(self.object_ids), -1.0, dtype=np.float32)
        if not len(self.matrix):
            return best
        query = query_vector.astype(np.float32)
        chunk = 65536
        for start in range(0, len(self.matrix), chunk):
            sims = self.matrix[start:start + chunk].astype(np.float32) @ query
            np.maximum.at(best, self.owner[start:start + chunk], sims)
        return best


_stores: dict[str, VectorStore] = {}
_lock = threading.Lock()


def _version(kind: str) -> tuple:
    agg = SearchDocument.objects.filter(kind=kind).aggregate(n=Count("id"), last=Max("embedded_at"),
                                                             changed=Max("indexed_at"))
    return (agg["n"], agg["last"], agg["changed"])


def _load(kind: str, version: tuple) -> VectorStore:
    embedder = get_embedder()
    ids, rows, owner = [], [], []
    qs = (SearchDocument.objects.filter(kind=kind, is_public=True, vectors__isnull=False,
                                        embedding_model=embedder.name)
          .values_list("object_id", "vectors").order_by("object_id"))
    for object_id, data in qs.iterator(chunk_size=2000):
        vectors = np.frombuffer(bytes(data), dtype=np.float32).reshape(-1, embedder.dim)
        owner.extend([len(ids)] * len(vectors))
        rows.append(vectors.astype(np.float16))
        ids.append(object_id)
    matrix = np.concatenate(rows) if rows else np.zeros((0, embedder.dim), dtype=np.float16)
    return VectorStore(np.asarray(ids, dtype=np.int64), matrix, np.asarray(owner, dtype=np.int64), version,
                       time.monotonic())


def vector_store(kind: str) -> VectorStore:
    refresh = getattr(settings, "HAASTEMOOTTORI_VECTOR_REFRESH_SECONDS", 0)
    store = _stores.get(kind)
    if store is not None and refresh and time.monotonic() - store.loaded_at < refresh:
        return store
    version = _version(kind)
    if store is not None and store.version == version:
        store.loaded_at = time.monotonic()
        return store
    with _lock:
        store = _load(kind, version)
        _stores[kind] = store
    return store


def forget() -> None:
    _stores.clear()


def semantic_search(*, kind: str, query_vector: np.ndarray, limit: int = 200,
                    exclude: set[int] | None = None) -> list[tuple[int, float]]:
    store = vector_store(kind)
    if not len(store.object_ids):
        return []
    scores = store.scores(query_vector)
    take = min(limit + len(exclude or ()), len(scores))
    top = np.argpartition(-scores, take - 1)[:take]
    top = top[np.argsort(-scores[top], kind="stable")]
    out = []
    for index in top:
        object_id = int(store.object_ids[index])
        if exclude and object_id in exclude:
            continue
        if scores[index] > -1.0:
            out.append((object_id, float(scores[index])))
    return out[:limit]
