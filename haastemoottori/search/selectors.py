"""Reads of the search engine: hybrid search (lexical + semantic, fused by reciprocal rank)."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

import numpy as np

from .embeddings import get_embedder
from .lexical import lexical_search
from .relevance import semantic_threshold
from .vectors import semantic_neighbours

logger = logging.getLogger(__name__)

RRF_K = 60
CANDIDATES = 200
# Semantic neighbours are always "somewhere": unrelated texts still score ~0.78 with e5. A document
# without lexical evidence joins the results only above the query's absolute relevance floor
# (relevance.py), and only the nearest few close to the best one; lexical hits are all kept.
SEMANTIC_ONLY_MAX = 10
SEMANTIC_MARGIN = 0.03
MAX_QUERY_CHARS = 500


@dataclass
class SearchHit:
    object_id: int
    score: float
    lexical_rank: int | None = None
    semantic_rank: int | None = None


@functools.lru_cache(maxsize=512)
def _query_vector(model: str, query: str) -> np.ndarray | None:
    try:
        vector: np.ndarray = get_embedder().embed_queries([query])[0]
        return vector
    except Exception:  # a broken model must not break search: lexical results still come
        logger.exception("Embedding the query failed; answering with lexical results only")
        return None


def query_vector(query: str) -> np.ndarray | None:
    query = " ".join(query.split())[:MAX_QUERY_CHARS]
    return _query_vector(get_embedder().name, query) if query else None


def search_hits(*, kind: str, query: str, limit: int = CANDIDATES, semantic: bool = True) -> list[SearchHit]:
    """Public documents of ``kind`` matching ``query``, best first."""
    query = " ".join((query or "").split())[:MAX_QUERY_CHARS]
    if not query:
        return []
    hits: dict[int, SearchHit] = {}
    for rank, (object_id, _score) in enumerate(lexical_search(kind=kind, query=query, limit=limit), start=1):
        hits[object_id] = SearchHit(object_id, 1 / (RRF_K + rank), lexical_rank=rank)
    vector = query_vector(query) if semantic else None
    if vector is not None:
        neighbours, corpus_scores = semantic_neighbours(kind=kind, query_vector=vector, limit=limit)
        best = neighbours[0][1] if neighbours else 0.0
        floor = semantic_threshold(vector, corpus_scores) if neighbours else None
        for rank, (object_id, similarity) in enumerate(neighbours, start=1):
            hit = hits.get(object_id)
            if hit is None:
                if floor is None or similarity < floor:
                    continue
                if rank > SEMANTIC_ONLY_MAX or similarity <= 0 or similarity < best - SEMANTIC_MARGIN:
                    continue
                hit = hits[object_id] = SearchHit(object_id, 0.0)
            hit.semantic_rank = rank
            hit.score += 1 / (RRF_K + rank)
    return sorted(hits.values(), key=lambda h: (-h.score, h.object_id))[:limit]


def search_ids(*, kind: str, query: str, limit: int = CANDIDATES) -> list[int]:
    return [hit.object_id for hit in search_hits(kind=kind, query=query, limit=limit)]
