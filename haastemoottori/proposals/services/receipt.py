"""The receipt of a submission: a SHA-256 over a canonical JSON of what was submitted (see docs/proposals.md)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC
from decimal import Decimal
from typing import Any

from ..models import Proposal


def number_text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text


def proposal_canonical(proposal: Proposal) -> dict[str, Any]:
    """The submitted content as plain data, in a fixed order."""
    answers = []
    for answer in sorted(proposal.answers.select_related("question"), key=lambda a: a.question_id):
        kind = answer.question.kind
        value = (
            answer.text
            if kind == "text"
            else number_text(answer.number)
            if kind == "number"
            else answer.choice
            if kind == "choice"
            else None
        )
        answers.append({"question": answer.question_id, "value": value})
    partners = sorted(p.business_id for p in proposal.partners.all() if p.status == "confirmed")
    attachments = sorted(
        ({"question": a.question_id, "name": a.original_name, "sha256": a.sha256} for a in proposal.attachments.all()),
        key=lambda a: (a["question"], a["name"], a["sha256"]),
    )
    submitted_at = (
        proposal.submitted_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if proposal.submitted_at else None
    )
    return {
        "proposal": str(proposal.pk),
        "title": proposal.title,
        "answers": answers,
        "partners": partners,
        "attachments": attachments,
        "submitted_at": submitted_at,
    }


def canonical_bytes(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def proposal_content_hash(proposal: Proposal) -> str:
    return hashlib.sha256(canonical_bytes(proposal_canonical(proposal))).hexdigest()
