"""Embedding the passages of search documents whose text changed (the dirty flag), in batches.

Resumable by construction: each batch is committed with its vectors and the flag cleared, so a stopped
run continues with what is still dirty.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np
from django.db import transaction
from django.utils import timezone

from . import pgvector
from . import vectors as vector_store
from .embeddings import get_embedder, to_bytes
from .models import SearchDocument

logger = logging.getLogger(__name__)


def dirty_count(kind: str | None = None) -> int:
    qs = SearchDocument.objects.filter(embedding_dirty=True)
    return (qs.filter(kind=kind) if kind else qs).count()


def embed_batch(docs: list[SearchDocument]) -> int:
    """Embed these documents' passages (all passages of a batch in one model call) and store them."""
    embedder = get_embedder()
    texts = [text for doc in docs for text, _lang in doc.passages]
    vectors = embedder.embed_passages(texts) if texts else np.zeros((0, embedder.dim), dtype=np.float32)
    now = timezone.now()
    position = 0
    stored: list[pgvector.Row] = []
    with transaction.atomic():
        for doc in docs:
            n = len(doc.passages)
            fresh = (
                SearchDocument.objects.select_for_update()
                .filter(pk=doc.pk)
                .values_list("passages_hash", "object_id", "is_public")
                .first()
            )
            if (
                fresh is None or fresh[0] != doc.passages_hash
            ):  # the text changed again meanwhile: leave it dirty for the next batch
                position += n
                continue
            SearchDocument.objects.filter(pk=doc.pk).update(
                vectors=to_bytes(vectors[position : position + n]) if n else None,
                embedding_model=embedder.name,
                embedding_dirty=False,
                embedded_at=now,
            )
            matrix = vectors[position : position + n] if n else None
            stored.append((doc.pk, doc.kind, fresh[1], fresh[2], embedder.name, matrix))
            position += n
        vector_store.store(stored)  # pgvector's table, in the same transaction
    return len(docs)


def embed_dirty(
    *,
    kind: str | None = None,
    batch_size: int = 16,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Embed every dirty document (or ``limit`` of them), oldest first. Returns how many were embedded."""
    done = 0
    last_pk = 0
    while limit is None or done < limit:
        qs = SearchDocument.objects.filter(embedding_dirty=True, pk__gt=last_pk)
        if kind:
            qs = qs.filter(kind=kind)
        size = batch_size if limit is None else min(batch_size, limit - done)
        batch = list(qs.order_by("pk").only("pk", "kind", "passages", "passages_hash")[:size])
        if not batch:
            break
        embed_batch(batch)
        last_pk = batch[-1].pk
        done += len(batch)
        if progress:
            progress(len(batch))
    return done
