"""Open API endpoints of the evaluation app (registered in haastemoottori/api/api.py).

Only public outcomes: a decision is listed once its feedback has been sent to the applicant, with the
proposal's title, the lead and the outcome. Never scores, evaluators, justifications or feedback.
"""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import CommonCode

from .selectors import public_decisions

router = Router(tags=["evaluation"])


class ErrorOut(Schema):
    code: str
    message: str


class LeadOut(Schema):
    slug: str
    name: dict[str, str]


class DecisionOut(Schema):
    proposal_title: str
    language: str
    lead: LeadOut
    outcome: str
    decided_at: datetime


@router.get("/challenges/{slug}/decisions", response={200: list[DecisionOut], 404: ErrorOut})
def list_decisions(request, slug: str):
    """The outcomes of a public challenge's call that have been communicated to the applicants."""
    challenge = Challenge.objects.public().filter(slug=slug).first()
    if challenge is None:
        return Status(404, {"code": CommonCode.NOT_FOUND, "message": _("No public challenge with this identifier.")})
    return [
        {
            "proposal_title": d.proposal.title,
            "language": d.proposal.language,
            "lead": {"slug": d.proposal.lead.slug, "name": d.proposal.lead.name},
            "outcome": d.outcome,
            "decided_at": d.decided_at,
        }
        for d in public_decisions(challenge=challenge)
    ]
