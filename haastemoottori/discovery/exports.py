"""Owners' and companies' ratings of the matcher's suggestions, exported for staff and the relevance bench.

The rows hold what the evaluation needs (which challenge and organisation, which way, useful or not, the
rank and score when shown, the date) and no personal data: not who rated. ``bench/relevance_eval.py
--feedback`` scores the matcher against them; nothing re-weights the matcher from them silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .models import MatchFeedback

COLUMNS = ("challenge", "organisation", "direction", "useful", "rank", "score", "given")


def feedback_rows() -> Iterator[dict[str, Any]]:
    qs = MatchFeedback.objects.select_related("challenge", "organisation").order_by("created_at", "pk")
    for f in qs.iterator(chunk_size=1000):
        yield {
            "challenge": f.challenge.slug,
            "organisation": f.organisation.slug,
            "direction": f.direction,
            "useful": f.useful,
            "rank": f.rank,
            "score": f.score,
            "given": f.created_at.isoformat(),
        }


def feedback_json() -> str:
    return json.dumps(list(feedback_rows()), ensure_ascii=False, indent=1)
