from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.search.services import search_index_schedule

from ..errors import ErrorCode
from ..lifecycle import STAGE_INFO, Refusal, Stage, TransitionContext, check_transition, get_transition
from ..models import Challenge, StageChange

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User


def challenge_check_transition(
    *, actor: User, challenge: Challenge, target: str, reason: str = "", outcome: str = "", now: datetime | None = None
) -> list[Refusal]:
    """The refusals a transition would meet (empty when it is allowed). Changes nothing."""
    ctx = TransitionContext(actor=actor, now=now or timezone.now(), reason=reason or "", outcome=outcome or "")
    return check_transition(challenge, target, ctx)


@transaction.atomic
def challenge_transition(
    *, actor: User, challenge: Challenge, target: str, reason: str = "", outcome: str = "", now: datetime | None = None
) -> Challenge:
    """Move a challenge to ``target``. A refusal raises with every reason and changes nothing."""
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if not actor.has_perm("challenges.transition_challenge", challenge):
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED, _("Only the lead owner can change the stage of this challenge.")
        )
    now = now or timezone.now()
    refusals = challenge_check_transition(
        actor=actor, challenge=challenge, target=target, reason=reason, outcome=outcome, now=now
    )
    if refusals:
        raise ServiceConflict(
            ErrorCode.TRANSITION_REFUSED, " ".join(str(r.message) for r in refusals), reasons=refusals
        )

    transition = get_transition(challenge.stage, target)
    source = challenge.stage
    assert transition is not None  # check_transition refused an unknown one
    changes: dict[str, tuple[Any, Any]] = {"stage": (source, target)}
    challenge.stage = target
    challenge.stage_changed_at = now
    if STAGE_INFO[Stage(target)].public and challenge.published_at is None:
        challenge.published_at = now
        changes["published_at"] = (None, now)
    if transition.needs_outcome:
        changes["outcome"] = (challenge.outcome, outcome)
        challenge.outcome = outcome
    challenge.save(update_fields=["stage", "stage_changed_at", "published_at", "outcome", "updated_at"])
    StageChange.objects.create(
        challenge=challenge, from_stage=source, to_stage=target, reason=reason.strip(), changed_at=now, changed_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.TRANSITIONED,
        target=challenge,
        changes=changes,
        data={"reason": reason.strip()} if reason.strip() else {},
        is_public=challenge.is_public,
    )
    search_index_schedule([challenge])
    if challenge.is_public:
        public_content_changed()
    return challenge
