"""Publishing a candidate: its place in the ranking and the reasons go on the public foresight page and feed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import ServiceConflict
from haastemoottori.core.page_cache import public_content_changed

from ..audit_actions import AuditAction
from ..errors import ErrorCode
from ..models import Candidate
from ._common import language_or_current, require, translations

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

REASON_MAX = 2000


def _lock(candidate: Candidate) -> Candidate:
    return Candidate.objects.select_for_update().select_related("challenge").get(pk=candidate.pk)


@transaction.atomic
def candidate_publish(
    *, actor: User, candidate: Candidate, public_reason: dict[str, str], language: str | None = None
) -> Candidate:
    """Publish the candidate with a public reason (required in ``language``, by default the active one).

    Publishing again while published changes the reason and keeps the publication date.
    """
    candidate = _lock(candidate)
    require(
        actor,
        "backlog.publish_candidate",
        candidate,
        _("Only the editors of the lead city can publish this candidate."),
    )
    language = language_or_current(language)
    reason = translations(
        public_reason,
        "public_reason",
        _("Why it matters"),
        required_language=language,
        missing=ErrorCode.PUBLIC_REASON_MISSING,
        max_length=REASON_MAX,
        too_long=ErrorCode.PUBLIC_REASON_TOO_LONG,
    )
    changes: dict[str, tuple[Any, Any]] = {}
    if candidate.public_reason != reason:
        changes["public_reason"] = (candidate.public_reason, reason)
        candidate.public_reason = reason
    if candidate.published_at is None:
        changes["published_at"] = (None, timezone.now())
        candidate.published_at = changes["published_at"][1]
    if not candidate.public_reason.get(candidate.original_language):
        candidate.original_language = language
    if not changes:
        return candidate
    candidate.save()
    action = AuditAction.CANDIDATE_PUBLISHED if "published_at" in changes else AuditEvent.Action.UPDATED
    audit_record(
        actor=actor,
        action=action,
        target=candidate,
        changes=changes,
        data={"challenge": candidate.challenge.slug},
        is_public=True,
    )
    public_content_changed()
    return candidate


@transaction.atomic
def candidate_unpublish(*, actor: User, candidate: Candidate) -> Candidate:
    """Take the candidate off the public pages (the reason is kept for a later publication)."""
    candidate = _lock(candidate)
    require(
        actor,
        "backlog.publish_candidate",
        candidate,
        _("Only the editors of the lead city can withdraw this candidate."),
    )
    if candidate.published_at is None:
        raise ServiceConflict(ErrorCode.NOT_PUBLISHED, _("The candidate is not published."))
    old = candidate.published_at
    candidate.published_at = None
    candidate.save(update_fields=["published_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CANDIDATE_UNPUBLISHED,
        target=candidate,
        changes={"published_at": (old, None)},
        data={"challenge": candidate.challenge.slug},
    )
    public_content_changed()
    return candidate
