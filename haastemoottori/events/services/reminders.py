"""Reminders of events starting within the next 24 hours, sent once per registration.

Run hourly from cron (``manage.py send_event_reminders``) or the task worker (``tasks.send_event_reminders_task``).
Each event's batch is a transaction: the notifications are written and ``reminded_at`` set together, so a
rerun (or a second runner: rows are locked, and skipped when locked on PostgreSQL) sends nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record

from ..models import Event, Registration
from .common import notify

REMINDER_WINDOW = timedelta(hours=24)


@dataclass
class ReminderRun:
    events: int = 0
    sent: int = 0


def _due_registrations(event_id: int, now: datetime) -> list[Registration]:
    qs = Registration.objects.filter(
        event_id=event_id, status=Registration.Status.REGISTERED, reminded_at__isnull=True, user__is_active=True
    ).select_related("user")
    if connection.features.has_select_for_update_skip_locked and connection.features.has_select_for_update_of:
        qs = qs.select_for_update(skip_locked=True, of=("self",))
    else:
        qs = qs.select_for_update()
    return list(qs.order_by("id"))


def event_reminders_send(*, now: datetime | None = None) -> ReminderRun:
    """Remind registered people (not waitlisted or cancelled) of published events starting within 24 hours."""
    now = now or timezone.now()
    run = ReminderRun()
    event_ids = list(
        Event.objects.published()
        .filter(
            starts_at__gt=now,
            starts_at__lte=now + REMINDER_WINDOW,
            registrations__status=Registration.Status.REGISTERED,
            registrations__reminded_at__isnull=True,
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    for event_id in event_ids:
        with transaction.atomic():
            event = Event.objects.filter(pk=event_id, status=Event.Status.PUBLISHED).first()
            due = _due_registrations(event_id, now) if event else []
            if not due or event is None:
                continue
            notify(registrations=due, kind="events.reminder", template="events/notifications/reminder.txt", event=event)
            Registration.objects.filter(pk__in=[r.pk for r in due]).update(reminded_at=now)
            audit_record(
                actor=None,
                action=AuditEvent.Action.UPDATED,
                target=event,
                changes={"reminded_at": (None, now)},
                data={"reminders": [r.pk for r in due]},
            )
            run.events += 1
            run.sent += len(due)
    return run
