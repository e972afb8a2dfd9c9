"""E-mail for notifications: one message per notification, in the language it was written in."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

from .models import Notification


def site_base_url() -> str:
    return (getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/")


def notification_emails_send(*, ids: list[int]) -> int:
    """Send the still-unsent immediate e-mails among ``ids``; each row is marked sent as it goes."""
    sent = 0
    for pk in ids:
        with transaction.atomic():
            n = (Notification.objects.select_for_update(of=("self",)).select_related("user")
                 .filter(pk=pk, emailed_at__isnull=True, email=Notification.Email.IMMEDIATE).first())
            if n is None:
                continue
            with translation.override(n.language):
                body = n.body + (f"\n\n{site_base_url()}{n.url}" if n.url else "")
            send_mail(subject=n.subject, message=body, from_email=None, recipient_list=[n.user.email])
            n.emailed_at = timezone.now()
            n.save(update_fields=["emailed_at"])
            sent += 1
    return sent
