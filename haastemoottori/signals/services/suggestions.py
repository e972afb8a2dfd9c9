"""Residents' suggestions from the public site, and their moderation by the city's editors."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from haastemoottori.accounts.models import User
from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceConflict, ServiceValidationError
from haastemoottori.organisations.models import Organisation
from haastemoottori.taxonomy.models import Theme

from ..errors import ErrorCode
from ..models import Signal
from .common import (
    MAX_PLACE,
    MAX_REASON,
    MAX_TEXT,
    MIN_SUGGESTION_TEXT,
    audit,
    clean_city,
    clean_language,
    clean_text,
    clean_themes,
    clean_title,
    clean_url,
    notify_author,
    require_perm,
)
from .signals import accepted_signals_changed

# Suggestions a person may send in 24 hours (counted over all cities), against floods and spam.
MAX_SUGGESTIONS_PER_DAY = 5
SUGGESTION_WINDOW = timedelta(hours=24)


def suggestions_in_window(*, user: User, now: datetime) -> int:
    return Signal.objects.filter(
        author=user, source=Signal.Source.RESIDENT, created_at__gt=now - SUGGESTION_WINDOW
    ).count()


@transaction.atomic
def signal_suggest(
    *,
    actor: User,
    city: Organisation,
    title: str,
    text: str,
    language: str,
    location_name: str = "",
    theme: Theme | None = None,
    evidence_url: str = "",
    now: datetime | None = None,
) -> Signal:
    """A resident suggests a need to a city. It waits for moderation and counts nowhere until accepted."""
    now = now or timezone.now()
    require_perm(actor, "signals.suggest", None, _("Sign in to suggest a need."))
    city = clean_city(city)
    title = clean_title(title)
    text = clean_text(text, field="text", max_length=MAX_TEXT, min_length=MIN_SUGGESTION_TEXT)
    language = clean_language(language)
    location_name = clean_text(location_name, field="location_name", required=False, max_length=MAX_PLACE)
    evidence_url = clean_url(evidence_url)
    themes = clean_themes([theme] if theme is not None else [])
    # The person's row is locked so that parallel requests cannot slip past the limit.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    if suggestions_in_window(user=actor, now=now) >= MAX_SUGGESTIONS_PER_DAY:
        raise ServiceConflict(
            ErrorCode.TOO_MANY_SUGGESTIONS,
            ngettext(
                "You can send at most %(count)s suggestion in 24 hours. Please try again later.",
                "You can send at most %(count)s suggestions in 24 hours. Please try again later.",
                MAX_SUGGESTIONS_PER_DAY,
            )
            % {"count": MAX_SUGGESTIONS_PER_DAY},
        )
    if Signal.objects.filter(
        author=actor, source=Signal.Source.RESIDENT, city=city, title__iexact=title, status=Signal.Status.PENDING
    ).exists():
        raise ServiceConflict(
            ErrorCode.DUPLICATE_SUGGESTION, _("You have already sent this suggestion; it is waiting for moderation.")
        )
    signal = Signal.objects.create(
        source=Signal.Source.RESIDENT,
        status=Signal.Status.PENDING,
        title=title,
        text=text,
        language=language,
        city=city,
        location_name=location_name,
        evidence_url=evidence_url,
        observed_at=now,
        author=actor,
    )
    if themes:
        signal.themes.set(themes)
    audit(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        signal=signal,
        changes={"status": (None, signal.status), "themes": (None, [t.pk for t in themes])},
    )
    return signal


ACCEPT, REJECT = "accept", "reject"


@transaction.atomic
def signal_moderate(
    *, actor: User, signal: Signal, decision: str, reason: str = "", now: datetime | None = None
) -> Signal:
    """Accept or reject a resident's pending suggestion. The resident is told; the reason for a rejection is
    shown only to them (in the notification and on their own suggestions page)."""
    now = now or timezone.now()
    signal = Signal.objects.select_for_update(of=("self",)).select_related("city", "author").get(pk=signal.pk)
    require_perm(
        actor,
        "signals.moderate_signal",
        signal,
        _("Only the editors of %(city)s can moderate its suggestions.") % {"city": signal.city},
    )
    if decision not in (ACCEPT, REJECT):
        raise ServiceValidationError(ErrorCode.UNKNOWN_DECISION, _("Choose to accept or to reject."), field="decision")
    if signal.status != Signal.Status.PENDING:
        raise ServiceConflict(ErrorCode.ALREADY_MODERATED, _("This suggestion has already been moderated."))
    old_status = signal.status
    if decision == ACCEPT:
        signal.status = Signal.Status.ACCEPTED
        signal.moderation_reason = ""
    else:
        signal.status = Signal.Status.REJECTED
        signal.moderation_reason = clean_text(reason, field="reason", max_length=MAX_REASON)
    signal.moderated_by = actor
    signal.moderated_at = now
    signal.save(update_fields=["status", "moderation_reason", "moderated_by", "moderated_at", "updated_at"])
    audit(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        signal=signal,
        changes={
            "status": (old_status, signal.status),
            **({"moderation_reason": ("", "…")} if decision == REJECT else {}),
        },
        data={"event": "accepted" if decision == ACCEPT else "rejected"},
    )
    if decision == ACCEPT:
        notify_author(signal=signal, kind="signals.accepted", template="accepted")
        accepted_signals_changed()
    else:
        notify_author(signal=signal, kind="signals.rejected", template="rejected")
    return signal
