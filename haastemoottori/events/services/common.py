"""Helpers shared by the event services: locking, the waiting list and notifications."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import connection

from ..models import Event, Registration


def lock_event(event: Event) -> Event:
    """Re-read the event row locked for this transaction: seat counting happens behind this lock."""
    of = ("self",) if connection.features.has_select_for_update_of else ()
    return Event.objects.select_for_update(of=of).get(pk=event.pk)


def seats_taken(event: Event) -> int:
    return Registration.objects.filter(event=event, status=Registration.Status.REGISTERED).count()


def seats_free(event: Event) -> int | None:
    """Seats left (None = unlimited). Call with the event locked when the answer decides a write."""
    if event.capacity is None:
        return None
    return max(event.capacity - seats_taken(event), 0)


def site_url() -> str:
    """The address links in e-mails start with (``SITE_URL``)."""
    return (getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/")


def notify(
    *,
    registrations: Iterable[Registration],
    kind: str,
    template: str,
    event: Event,
    extra: dict[str, Any] | None = None,
) -> None:
    from haastemoottori.notifications.services import notification_send

    notification_send(
        recipients=[r.user for r in registrations],
        kind=kind,
        template=template,
        context={"event": event, "base_url": site_url(), **(extra or {})},
        url_name="events:detail",
        url_args=[event.slug],
    )
