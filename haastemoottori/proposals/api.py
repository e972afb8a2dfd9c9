"""Open API endpoints of the proposals app (registered in haastemoottori/api/api.py).

Public data only: the call configuration of a public challenge, and after the deadline the public summaries
of submitted proposals (title, lead, confirmed partners and the answers to non-confidential questions).
"""

from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import CommonCode

from .deadline import deadline_passed
from .selectors import call_for_challenge, public_summaries

router = Router(tags=["proposals"])


class ErrorOut(Schema):
    code: str
    message: str


class CriterionOut(Schema):
    name: dict[str, str]
    description: dict[str, str]
    weight: int


class CallQuestionOut(Schema):
    id: int
    label: dict[str, str]
    help: dict[str, str]
    kind: str
    required: bool
    confidential: bool
    max_length: int | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    choices: list[dict[str, str]]
    max_files: int


class CallOut(Schema):
    challenge: str
    deadline: datetime | None
    open: bool
    original_language: str
    eligibility: dict[str, str]
    instructions: dict[str, str]
    max_file_size: int
    max_files: int
    criteria: list[CriterionOut]
    questions: list[CallQuestionOut]


class AnswerOut(Schema):
    question: int
    value: str


class OrgOut(Schema):
    slug: str
    name: dict[str, str]


class SummaryOut(Schema):
    title: str
    language: str
    lead: OrgOut
    partners: list[OrgOut]
    submitted_at: datetime
    answers: list[AnswerOut]


def _public_challenge(slug: str):
    return Challenge.objects.public().filter(slug=slug).first()


def _not_found():
    return Status(404, {"code": CommonCode.NOT_FOUND, "message": _("No public challenge with this identifier.")})


@router.get("/challenges/{slug}/call", response={200: CallOut, 404: ErrorOut})
def get_call(request, slug: str):
    """The open call of a public challenge: deadline, criteria and questions (never any answers)."""
    from .deadline import call_is_open

    challenge = _public_challenge(slug)
    if challenge is None:
        return _not_found()
    call = call_for_challenge(challenge=challenge)
    return {
        "challenge": challenge.slug,
        "deadline": challenge.call_deadline,
        "open": call_is_open(challenge),
        "original_language": call.original_language if call else challenge.original_language,
        "eligibility": call.eligibility if call else {},
        "instructions": call.instructions if call else {},
        "max_file_size": call.max_file_size if call else 0,
        "max_files": call.max_files if call else 0,
        "criteria": [
            {"name": c.name, "description": c.description, "weight": c.weight}
            for c in (call.criteria.all() if call else [])
        ],
        "questions": [
            {
                "id": q.pk,
                "label": q.label,
                "help": q.help,
                "kind": q.kind,
                "required": q.required,
                "confidential": q.confidential,
                "max_length": q.max_length,
                "min_value": q.min_value,
                "max_value": q.max_value,
                "choices": q.choices,
                "max_files": q.max_files,
            }
            for q in (call.questions.all() if call else [])
        ],
    }


@router.get("/challenges/{slug}/proposals", response={200: list[SummaryOut], 404: ErrorOut})
def list_proposal_summaries(request, slug: str):
    """Public summaries of the submitted proposals; an empty list until the call deadline has passed."""
    challenge = _public_challenge(slug)
    if challenge is None:
        return _not_found()
    call = call_for_challenge(challenge=challenge)
    if call is None or not deadline_passed(challenge):
        return []
    return [
        {
            "title": s["title"],
            "language": s["language"],
            "lead": {"slug": s["lead"].slug, "name": s["lead"].name},
            "partners": [{"slug": o.slug, "name": o.name} for o in s["partners"]],
            "submitted_at": s["submitted_at"],
            "answers": [{"question": a["question"].pk, "value": a["value"]} for a in s["answers"]],
        }
        for s in public_summaries(call=call)
    ]
