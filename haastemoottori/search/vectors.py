"""Semantic search: the nearest public documents to a query vector, answered by the database per query.

One interface, two engines, chosen per query by what the database offers:

- PostgreSQL with pgvector (``pgvector.py``): passage vectors in ``search_vector``, an HNSW index (cosine),
  the filters (public, kind, and any ``restrict`` query such as open stages or a city) in the same SQL;
- SQLite (the embedded default) and PostgreSQL without pgvector: an exact scan that reads the vectors
  stored with each document (``SearchDocument.vectors``) in chunks for each query and keeps only the best.

Nothing is kept in the process between queries (no copy of the vectors, no refresh): every process
answers from the same database state, and a restart needs no warm-up. The scan's cost grows with the
corpus (bench/README.md, "Vectors in the database"): it is meant for small installations; a deployment
at scale runs PostgreSQL with pgvector (README, "Deployment at scale").
"""

from __future__ import annotations

import heapq

import numpy as np
from django.conf import settings
from django.db.models import QuerySet

from . import pgvector
from .embeddings import get_embedder
from .models import SearchDocument

SCAN_CHUNK = 1000


def engine() -> str:
    """ "pgvector" or "scan": ``HAASTEMOOTTORI_VECTOR_ENGINE`` = "scan" forces the exact scan (tests, bench)."""
    if getattr(settings, "HAASTEMOOTTORI_VECTOR_ENGINE", "auto") != "scan" and pgvector.available():
        return "pgvector"
    return "scan"


def forget() -> None:
    """Nothing to drop but what is known about the database (kept for callers that reset state)."""
    pgvector.forget()


def store(rows: list[pgvector.Row]) -> None:
    """The embedding task stored these documents' vectors: (document id, kind, object id, public, model,
    matrix or None)."""
    if pgvector.available():
        pgvector.write(rows)


def delete(doc_ids: list[int]) -> None:
    if pgvector.available():
        pgvector.delete(doc_ids)


def semantic_search(
    *, kind: str, query_vector: np.ndarray, limit: int = 200, exclude: set[int] | None = None
) -> list[tuple[int, float]]:
    return semantic_neighbours(kind=kind, query_vector=query_vector, limit=limit, exclude=exclude)[0]


def semantic_neighbours(
    *,
    kind: str,
    query_vector: np.ndarray,
    limit: int = 200,
    exclude: set[int] | None = None,
    restrict: QuerySet[SearchDocument] | None = None,
    background: bool = True,
) -> tuple[list[tuple[int, float]], np.ndarray]:
    """The nearest public documents of ``kind`` (best passage's cosine), best first, ties by object id;
    and the query's cosine to the corpus (every public document, or an even sample on pgvector), for the
    relevance floor. ``restrict``: a query of ``object_id``s (``values("object_id")``) the hits must be in."""
    model = get_embedder().name
    query_vector = np.asarray(query_vector, dtype=np.float32).reshape(-1)
    want = limit + len(exclude or ())
    if engine() == "pgvector":
        restrict_sql = None
        if restrict is not None:
            sql, params = restrict.query.sql_with_params()
            restrict_sql = (sql, list(params))
        hits = pgvector.nearest(
            kind=kind, model=model, query_vector=query_vector, limit=want, restrict_sql=restrict_sql
        )
        corpus = (
            pgvector.background(kind=kind, model=model, query_vector=query_vector)
            if background
            else np.zeros(0, np.float32)
        )
    else:
        hits, corpus = _scan(kind, model, query_vector, want, restrict)
    out = [(object_id, score) for object_id, score in hits if not exclude or object_id not in exclude]
    return out[:limit], corpus


def _scan(
    kind: str, model: str, query_vector: np.ndarray, limit: int, restrict: QuerySet[SearchDocument] | None
) -> tuple[list[tuple[int, float]], np.ndarray]:
    """Exact: every public document's best passage, read from the table a chunk at a time."""
    allowed = set(restrict.values_list("object_id", flat=True)) if restrict is not None else None
    dim = len(query_vector)
    qs = (
        SearchDocument.objects.filter(kind=kind, is_public=True, embedding_model=model)
        .exclude(vectors=None)
        .order_by()
        .values_list("object_id", "vectors")
    )
    scores: list[np.ndarray] = []
    heap: list[tuple[float, int]] = []  # the best `limit` as (score, -object_id), smallest first
    chunk_ids: list[int] = []
    chunk_blobs: list[bytes] = []

    def flush() -> None:
        if not chunk_ids:
            return
        counts = np.array([len(b) // (4 * dim) for b in chunk_blobs], dtype=np.int64)
        matrix = np.frombuffer(b"".join(chunk_blobs), dtype=np.float32).reshape(-1, dim)
        best = np.maximum.reduceat(matrix @ query_vector, np.concatenate([[0], np.cumsum(counts)[:-1]]))
        scores.append(best)
        for object_id, score in zip(chunk_ids, best.tolist(), strict=True):
            if allowed is not None and object_id not in allowed:
                continue
            item = (score, -object_id)
            if len(heap) < limit:
                heapq.heappush(heap, item)
            elif item > heap[0]:
                heapq.heapreplace(heap, item)
        chunk_ids.clear()
        chunk_blobs.clear()

    for object_id, blob in qs.iterator(chunk_size=SCAN_CHUNK):
        data = bytes(blob or b"")
        if not data or len(data) % (4 * dim):
            continue  # another model's vectors of another size
        chunk_ids.append(object_id)
        chunk_blobs.append(data)
        if len(chunk_ids) >= SCAN_CHUNK:
            flush()
    flush()
    hits = sorted(((-neg_id, score) for score, neg_id in heap), key=lambda item: (-item[1], item[0]))
    return hits, (np.concatenate(scores) if scores else np.zeros(0, dtype=np.float32))
