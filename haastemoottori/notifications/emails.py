"""E-mail for notifications: one message per notification, in the language it was written in.

Each message is sent in its own transaction and marked sent only when the mail backend accepted it: a
failure is logged, leaves that notification unsent for ``manage.py send_notification_emails`` to retry,
and does not stop the others.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

from .models import Notification

logger = logging.getLogger(__name__)


@dataclass
class EmailRun:
    sent: int = 0
    failed: int = 0


def site_base_url() -> str:
    return (getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/")


def _send_one(pk: int) -> bool:
    with transaction.atomic():
        n = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=pk, emailed_at__isnull=True, email=Notification.Email.IMMEDIATE, user__is_active=True)
            .first()
        )
        if n is None:
            return False
        with translation.override(n.language):
            body = n.body + (f"\n\n{site_base_url()}{n.url}" if n.url else "")
        send_mail(subject=n.subject, message=body, from_email=None, recipient_list=[n.user.email])
        n.emailed_at = timezone.now()
        n.save(update_fields=["emailed_at"])
    return True


def notification_emails_run(*, ids: list[int]) -> EmailRun:
    """Send the still-unsent immediate e-mails among ``ids``; each row is marked sent as it goes."""
    run = EmailRun()
    for pk in ids:
        try:
            sent = _send_one(pk)
        except Exception:
            logger.exception("E-mail for notification %s failed; send_notification_emails retries it.", pk)
            run.failed += 1
            continue
        run.sent += int(sent)
    return run


def notification_emails_send(*, ids: list[int]) -> int:
    """Send the still-unsent immediate e-mails among ``ids``. Returns how many were sent."""
    return notification_emails_run(ids=ids).sent


def notification_emails_stale(*, minutes: int, now=None) -> list[int]:
    """Immediate e-mails still unsent ``minutes`` after their notification was created (oldest first)."""
    cutoff = (now or timezone.now()) - timedelta(minutes=minutes)
    return list(
        Notification.objects.filter(
            email=Notification.Email.IMMEDIATE, emailed_at__isnull=True, created_at__lte=cutoff, user__is_active=True
        )
        .order_by("created_at", "id")
        .values_list("pk", flat=True)
    )
