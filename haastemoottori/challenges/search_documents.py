"""A challenge as the search engine sees it: public texts only, findable once published.

One passage per challenge is embedded (title, summary, problem and desired outcome in the original
language), to keep embedding cheap; see bench/README.md for the measurements behind the choice.
"""

from __future__ import annotations

from haastemoottori.search.documents import PASSAGE_CHARS, join, original, texts
from haastemoottori.search.sources import Document

from .models import Challenge

# Canvas fields whose text is searchable, in order of importance (title is weighted separately).
CHALLENGE_BODY_FIELDS = (
    "summary",
    "problem",
    "desired_outcome",
    "affected",
    "root_causes",
    "tried",
    "constraints",
    "data_available",
)
CHALLENGE_PASSAGE_FIELDS = ("title", "summary", "problem", "desired_outcome")


def challenge_document(challenge: Challenge) -> Document:
    passage = join(*(original(challenge, f) for f in CHALLENGE_PASSAGE_FIELDS))[:PASSAGE_CHARS]
    return {
        "is_public": challenge.is_public,
        "texts": texts(challenge, "title", CHALLENGE_BODY_FIELDS),
        "passages": [[passage, challenge.original_language]] if passage else [],
    }
