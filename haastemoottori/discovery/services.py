"""Writes of discovery: a person's verdict on the matcher's suggestions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import CommonCode, ServicePermissionDenied, ServiceValidationError
from haastemoottori.organisations.models import Organisation

from .errors import ErrorCode
from .models import MatchFeedback

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from haastemoottori.accounts.models import User


@transaction.atomic
def match_feedback_record(
    *,
    actor: User | AnonymousUser,
    challenge: Challenge,
    organisation: Organisation,
    direction: str,
    useful: bool,
    rank: int | None = None,
    score: float | None = None,
) -> MatchFeedback:
    """Keep a person's verdict on a suggestion: an owner of the challenge, or a member of the solver."""
    if direction not in MatchFeedback.Direction.values:
        raise ServiceValidationError(ErrorCode.INVALID_DIRECTION, _("Unknown kind of suggestion."))
    permission = (
        "discovery.view_solver_suggestions"
        if direction == MatchFeedback.Direction.SOLVER_FOR_CHALLENGE
        else "discovery.view_challenge_suggestions"
    )
    target = challenge if direction == MatchFeedback.Direction.SOLVER_FOR_CHALLENGE else organisation
    if not actor.is_authenticated or not actor.has_perm(permission, target):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You cannot rate this suggestion."))
    feedback, _created = MatchFeedback.objects.update_or_create(
        challenge=challenge,
        organisation=organisation,
        direction=direction,
        user=actor,
        defaults={"useful": useful, "rank": rank, "score": score},
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=challenge,
        changes={"match_feedback": (None, "useful" if useful else "not useful")},
        data={"organisation": organisation.slug, "direction": direction},
    )
    return feedback
