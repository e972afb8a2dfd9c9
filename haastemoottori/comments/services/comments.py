"""Writing a comment: open only in co-definition, with limits against spam."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.challenges.selectors import challenge_owner_editors
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.i18n import language_codes
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.notifications.services import notification_send
from haastemoottori.organisations.rules import member_organisation_ids

from ..errors import ErrorCode
from ..models import Comment, Section

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge
    from haastemoottori.organisations.models import Organisation

MIN_LENGTH = 2
MAX_LENGTH = 4000
# At most this many comments per person in the window, across all challenges.
SHORT_LIMIT = (timedelta(minutes=10), 5)
DAILY_LIMIT = (timedelta(days=1), 30)
RATE_LIMITS = (SHORT_LIMIT, DAILY_LIMIT)


def text_fingerprint(text: str) -> str:
    """The same words in the same order are the same text, whatever the case and spacing."""
    normalised = " ".join(text.casefold().split())
    return hashlib.sha256(normalised.encode()).hexdigest()


def _check_rate(*, actor: User, now: datetime) -> None:
    for window, limit in RATE_LIMITS:
        if Comment.objects.filter(author=actor, created_at__gt=now - window).count() >= limit:
            if window == DAILY_LIMIT[0]:
                message = ngettext(
                    "You can write at most %(count)d comment a day. Please try again tomorrow.",
                    "You can write at most %(count)d comments a day. Please try again tomorrow.",
                    limit,
                ) % {"count": limit}
            else:
                minutes = int(window.total_seconds() // 60)
                message = ngettext(
                    "You can write at most %(count)d comments in %(minutes)d minute. "
                    "Please wait a moment and try again.",
                    "You can write at most %(count)d comments in %(minutes)d minutes. "
                    "Please wait a moment and try again.",
                    minutes,
                ) % {"count": limit, "minutes": minutes}
            raise ServiceConflict(ErrorCode.RATE_LIMITED, message)


@transaction.atomic
def comment_create(
    *,
    actor: User,
    challenge: Challenge,
    section: str,
    text: str,
    language: str,
    organisation: Organisation | None = None,
    now: datetime | None = None,
) -> Comment:
    """Add a comment on one part of the canvas. Refused outside co-definition, too often or twice the same."""
    now = now or timezone.now()
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("Sign in to comment."))
    if challenge.published_at is None or challenge.stage != Stage.CO_DEFINITION:
        raise ServiceConflict(ErrorCode.CLOSED, _("Comments are taken only while the challenge is in co-definition."))
    if not actor.has_perm("comments.add_comment", challenge):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You cannot comment on this challenge."))
    text = (text or "").strip()
    if len(text) < MIN_LENGTH:
        raise ServiceValidationError(ErrorCode.TEXT_MISSING, _("Write your comment."), field="text")
    if len(text) > MAX_LENGTH:
        raise ServiceValidationError(
            ErrorCode.TEXT_TOO_LONG,
            _("A comment can be at most %(max)d characters long.") % {"max": MAX_LENGTH},
            field="text",
        )
    if section not in Section.values:
        raise ServiceValidationError(ErrorCode.SECTION_INVALID, _("Choose the part of the canvas."), field="section")
    if language not in language_codes():
        raise ServiceValidationError(
            ErrorCode.LANGUAGE_INVALID, _("Choose the language of the comment."), field="language"
        )
    if organisation is not None and organisation.pk not in member_organisation_ids(actor):
        raise ServiceValidationError(
            ErrorCode.ORGANISATION_INVALID,
            _("You can comment only on behalf of your own organisation."),
            field="organisation",
        )
    # Lock the author's row so that parallel requests by the same person count one after the other
    # (PostgreSQL; SQLite serialises writers anyway). The counts below then see every earlier comment.
    get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
    _check_rate(actor=actor, now=now)
    fingerprint = text_fingerprint(text)
    if Comment.objects.filter(author=actor, fingerprint=fingerprint).exists():
        raise ServiceConflict(ErrorCode.DUPLICATE, _("You have already written this same comment."), field="text")
    comment = Comment.objects.create(
        challenge=challenge,
        author=actor,
        author_organisation=organisation,
        section=section,
        text=text,
        language=language,
        fingerprint=fingerprint,
        created_at=now,
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        target=comment,
        is_public=True,
        data={"challenge": challenge.slug, "section": section, "language": language},
    )
    notification_send(
        recipients=challenge_owner_editors(challenge=challenge),
        exclude=[actor],
        kind="comments.new_comment",
        template="comments/email/new_comment.txt",
        context={"comment": comment, "challenge": challenge},
        url_name="comments:list",
        url_args=[challenge.slug],
        url_anchor=f"comment-{comment.pk}",
    )
    public_content_changed()
    return comment
