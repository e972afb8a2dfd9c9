"""Challenges that look like the same need, other cities' included, so owners can join forces."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np

from haastemoottori.challenges.models import Challenge
from haastemoottori.challenges.selectors import challenge_list_prefetch
from haastemoottori.search.embeddings import from_bytes, get_embedder
from haastemoottori.search.models import SearchDocument

from .recommendations import corpus

CANDIDATES = 20
# e5's cosines are compressed (unrelated Finnish texts ~0.84, one need in two wordings ~0.94), so a
# suggestion without shared words must be about as close as the closest one.
NEAR_MARGIN = 0.03


@dataclass
class SimilarChallenge:
    challenge: Challenge
    score: float
    similarity: float | None = None
    possible_duplicate: bool = False
    matched_words: list[str] = field(default_factory=list)


def _stored_vector(challenge_id: int | None) -> np.ndarray | None:
    if challenge_id is None:
        return None
    doc = SearchDocument.objects.filter(kind=SearchDocument.Kind.CHALLENGE, object_id=challenge_id).first()
    if doc is None or not doc.vectors or doc.embedding_model != get_embedder().name:
        return None
    vector: np.ndarray = from_bytes(doc.vectors, len(doc.passages))[0]
    return vector


def similar_challenges(
    *, text: str, language: str, challenge_id: int | None = None, k: int = 5, vector: np.ndarray | None = None
) -> list[SimilarChallenge]:
    """Public challenges most like ``text`` (a draft's current words), excluding the challenge itself.

    The draft's stored embedding (from its last save) joins the words when there is one.
    """
    if not text.strip():
        return []
    vector = vector if vector is not None else _stored_vector(challenge_id)
    matches = corpus("public").rank(text, language, vector, k=CANDIDATES + 1)
    matches = [m for m in matches if m.key != challenge_id][:k]
    found = {
        c.pk: c for c in challenge_list_prefetch(Challenge.objects.public().filter(pk__in=[m.key for m in matches]))
    }
    sims = _similarities(vector, [m.key for m in matches])
    threshold = getattr(get_embedder(), "duplicate_similarity", 0.92)
    related = getattr(get_embedder(), "related_similarity", 0.88)
    best = max(sims.values(), default=0.0)
    out = []
    for match in matches:
        challenge = found.get(match.key)
        if challenge is None:
            continue
        similarity = sims.get(match.key)
        near = similarity is not None and similarity >= max(related, best - NEAR_MARGIN)
        if not match.matched_words and not near:  # neither shared words nor among the closest in meaning
            continue
        out.append(
            SimilarChallenge(
                challenge,
                match.score,
                similarity,
                possible_duplicate=similarity is not None and similarity >= threshold,
                matched_words=list(match.matched_words)[:6],
            )
        )
    return out


def _similarities(vector: np.ndarray | None, ids: list[int]) -> dict[int, float]:
    if vector is None or not ids:
        return {}
    out = {}
    docs = SearchDocument.objects.filter(
        kind=SearchDocument.Kind.CHALLENGE,
        object_id__in=ids,
        embedding_model=get_embedder().name,
        vectors__isnull=False,
    )
    for object_id, data, passages in docs.values_list("object_id", "vectors", "passages"):
        matrix = from_bytes(cast(bytes, data), len(passages))  # vectors__isnull=False
        out[object_id] = float((matrix @ vector.astype(np.float32)).max())
    return out


def similar_text(challenge: Challenge, overrides: dict[str, Any] | None = None) -> str:
    parts = []
    for name in ("title", "summary", "problem", "desired_outcome"):
        values = (overrides or {}).get(name, getattr(challenge, name)) or {}
        parts.append(values.get(challenge.original_language) or next((v for v in values.values() if v), ""))
    return "\n".join(p for p in parts if p)
