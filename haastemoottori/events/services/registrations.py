"""Register for an event and cancel, with a waiting list served in order when a seat frees up.

Seats are counted with the event row locked (``lock_event``), so two people cannot take the last seat.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.organisations.models import Organisation
from haastemoottori.organisations.rules import member_organisation_ids

from ..errors import ErrorCode
from ..models import Event, Registration
from .common import lock_event, notify, seats_free

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

NOTE_MAX = 1000


def promote_waitlisted(*, actor: User, event: Event) -> list[Registration]:
    """Move people from the waiting list to free seats, first come first served (event locked by the caller)."""
    free = seats_free(event)
    if event.is_cancelled or free == 0:
        return []
    queue = Registration.objects.filter(event=event).waitlisted().select_related("user")
    promoted = list(queue if free is None else queue[:free])
    for registration in promoted:
        registration.status = Registration.Status.REGISTERED
        registration.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATED,
            target=registration,
            changes={"status": (Registration.Status.WAITLISTED, Registration.Status.REGISTERED)},
            data={"event": event.slug, "reason": "seat_freed"},
        )
    if promoted:
        notify(
            registrations=promoted,
            kind="events.waitlist_promoted",
            template="events/notifications/waitlist_promoted.txt",
            event=event,
        )
    return promoted


@transaction.atomic
def registration_create(
    *, actor: User, event: Event, organisation: Organisation | None = None, note: str = ""
) -> Registration:
    """Register ``actor``; a full event puts them on the waiting list. Registering again reactivates."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("Sign in to register for the event."))
    event = lock_event(event)
    if event.is_cancelled:
        raise ServiceConflict(ErrorCode.EVENT_CANCELLED, _("This event has been cancelled."))
    if not event.registration_open():
        raise ServiceValidationError(ErrorCode.REGISTRATION_CLOSED, _("Registration for this event has closed."))
    if organisation is not None and organisation.pk not in member_organisation_ids(actor):
        raise ServiceValidationError(
            ErrorCode.NOT_A_MEMBER, _("You can represent only an organisation you belong to."), field="organisation"
        )
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ServiceValidationError(
            ErrorCode.NOTE_TOO_LONG, _("The note can be at most 1,000 characters."), field="note"
        )
    if not actor.has_perm("events.register", event):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You cannot register for this event."))
    registration = Registration.objects.select_for_update().filter(event=event, user=actor).first()
    if registration is not None and registration.is_active:
        raise ServiceConflict(ErrorCode.ALREADY_REGISTERED, _("You have already registered for this event."))
    free = seats_free(event)
    status = Registration.Status.REGISTERED if free is None or free > 0 else Registration.Status.WAITLISTED
    old_status = registration.status if registration else None
    if registration is None:
        registration = Registration(event=event, user=actor)
    registration.status, registration.organisation, registration.note = status, organisation, note
    registration.queued_at, registration.cancelled_at, registration.reminded_at = timezone.now(), None, None
    registration.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED if old_status is None else AuditEvent.Action.UPDATED,
        target=registration,
        changes={"status": (old_status, status)},
        data={"event": event.slug, "organisation": organisation.slug if organisation else None},
    )
    kind = "registered" if status == Registration.Status.REGISTERED else "waitlisted"
    notify(
        registrations=[registration],
        kind=f"events.{kind}",
        template=f"events/notifications/{kind}.txt",
        event=event,
        extra={"position": waitlist_position(registration)},
    )
    public_content_changed()  # seats left
    return registration


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first in the queue; None when not on the waiting list."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=Registration.Status.WAITLISTED, queued_at__lte=registration.queued_at
    ).exclude(pk=registration.pk)
    ahead = ahead.exclude(queued_at=registration.queued_at, id__gt=registration.pk)
    return ahead.count() + 1


@transaction.atomic
def registration_cancel(*, actor: User, event: Event) -> Registration:
    """Cancel ``actor``'s own registration until the event starts; a freed seat goes to the next in line."""
    if not getattr(actor, "is_authenticated", False):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("Sign in to manage your registration."))
    event = lock_event(event)
    registration = Registration.objects.select_for_update().filter(event=event, user=actor).first()
    if registration is None or not registration.is_active:
        raise ServiceConflict(ErrorCode.NOT_REGISTERED, _("You have not registered for this event."))
    if event.is_cancelled:
        raise ServiceConflict(ErrorCode.EVENT_CANCELLED, _("This event has been cancelled."))
    if event.has_started():
        raise ServiceValidationError(
            ErrorCode.EVENT_STARTED, _("The event has started; the registration can no longer be cancelled.")
        )
    old_status = registration.status
    registration.status, registration.cancelled_at = Registration.Status.CANCELLED, timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=registration,
        changes={"status": (old_status, Registration.Status.CANCELLED)},
        data={"event": event.slug},
    )
    if old_status == Registration.Status.REGISTERED:
        promote_waitlisted(actor=actor, event=event)
    public_content_changed()
    return registration
