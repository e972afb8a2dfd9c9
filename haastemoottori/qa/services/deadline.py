from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import ServiceConflict, ServiceValidationError
from haastemoottori.core.page_cache import public_content_changed

from ..errors import ErrorCode
from .common import require_perm

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User


@transaction.atomic
def questions_deadline_set(
    *, actor: User, challenge: Challenge, deadline: datetime | None, now: datetime | None = None
) -> Challenge:
    """Set (or clear, with None) the moment questions close. It must be in the future and before the call
    deadline; without it, questions are accepted until the call deadline."""
    now = now or timezone.now()
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    require_perm(
        actor,
        "qa.set_questions_deadline",
        challenge,
        _("Only the owners of this challenge can set its questions deadline."),
    )
    if challenge.stage_info.terminal:
        raise ServiceConflict(ErrorCode.CHALLENGE_ENDED, _("This challenge has ended."))
    if deadline is not None:
        if deadline <= now:
            raise ServiceValidationError(
                ErrorCode.DEADLINE_PAST, _("The questions deadline must be in the future."), field="questions_deadline"
            )
        if challenge.call_deadline is not None and deadline >= challenge.call_deadline:
            raise ServiceValidationError(
                ErrorCode.AFTER_CALL_DEADLINE,
                _("The questions deadline must be before the call deadline."),
                field="questions_deadline",
            )
    old = challenge.questions_deadline
    if old == deadline:
        return challenge
    challenge.questions_deadline = deadline
    challenge.save(update_fields=["questions_deadline", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=challenge,
        changes={"questions_deadline": (old, deadline)},
        is_public=challenge.is_public,
    )
    if challenge.is_public:
        public_content_changed()
    return challenge
