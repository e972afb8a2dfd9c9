"""Send the digest: one e-mail per person per day or week, grouped by what they follow, in their language.

Run by ``manage.py send_digests`` from cron (or the ``send_digests_task`` task). A person's ``last_sent_at``
moves only when their e-mail was sent, inside the same transaction, so a failed send is retried on the
next run and a rerun in the same day or week sends nothing twice.

Notifications whose e-mail mode is "digest" are one more group ("Notifications"); they are marked e-mailed in
the same transaction as ``last_sent_at``, so none is sent twice. A person whose digest is off but who chose
the digest for some notifications gets a daily e-mail with only those notifications (docs/notifications.md).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from haastemoottori.core.i18n import language_codes
from haastemoottori.notifications.models import AlertPreference, Notification

from ..digest import (
    PERIOD,
    DigestGroup,
    digest_collect,
    digest_notifications,
    digest_window_start,
    period_start,
)
from .preferences import unsubscribe_token

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

logger = logging.getLogger(__name__)


@dataclass
class DigestRun:
    sent: int = 0
    empty: int = 0
    failed: int = 0


def site_base_url() -> str:
    """The address links in e-mails start with (``SITE_URL``; the command's ``--base-url`` overrides it)."""
    return (getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/")


def _language(user: User) -> str:
    return user.preferred_language if user.preferred_language in language_codes() else settings.LANGUAGE_CODE


def _message(
    *,
    user: User,
    groups: list[DigestGroup],
    language: str,
    base_url: str,
    since: datetime,
    frequency: str,
    notification_count: int = 0,
    notifications_only: bool = False,
) -> EmailMultiAlternatives:
    count = sum(len(g.items) for g in groups if g.kind != "notifications") + notification_count
    if notification_count:  # unsubscribing must stop this e-mail: the digest and notifications in it
        from haastemoottori.notifications.unsubscribe import unsubscribe_token as notifications_token

        unsubscribe_url = base_url + reverse("notifications:unsubscribe", args=[notifications_token(user)])
    else:
        unsubscribe_url = base_url + reverse("alerts:unsubscribe", args=[unsubscribe_token(user)])
    context = {
        "user": user,
        "groups": groups,
        "count": count,
        "since": timezone.localtime(since),
        "site_name": settings.SITE_NAME,
        "language": language,
        "frequency": frequency,
        "settings_url": base_url + reverse("alerts:settings"),
        "unsubscribe_url": unsubscribe_url,
        "notifications_only": notifications_only,
        "notification_settings_url": base_url + reverse("notifications:settings") if notification_count else "",
    }
    if notifications_only:
        subject = ngettext("%(site)s: %(count)s new notification", "%(site)s: %(count)s new notifications", count) % {
            "site": settings.SITE_NAME,
            "count": count,
        }
    else:
        subject = ngettext(
            "%(site)s: %(count)s new thing in what you follow",
            "%(site)s: %(count)s new things in what you follow",
            count,
        ) % {"site": settings.SITE_NAME, "count": count}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("alerts/email/digest.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",  # RFC 8058
            "Content-Language": language,
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string("alerts/email/digest.html", context), "text/html")
    return message


def _is_due(last_sent_at: datetime | None, frequency: str, now: datetime) -> bool:
    return last_sent_at is None or last_sent_at < period_start(frequency, now)


def digest_send_one(*, preference_id: int, frequency: str, now: datetime, base_url: str) -> bool:
    """Send one person's digest if it is due and something happened. Returns whether an e-mail was sent.

    In the daily run, a person whose digest is off gets only their digest-mode notifications (if any)."""
    with transaction.atomic():
        preference = (
            AlertPreference.objects.select_for_update()
            .select_related("user")
            .filter(pk=preference_id, user__is_active=True)
            .first()
        )
        if preference is None:
            return False
        notifications_only = (
            preference.frequency == AlertPreference.Frequency.OFF and frequency == AlertPreference.Frequency.DAILY
        )
        if (preference.frequency != frequency and not notifications_only) or not _is_due(
            preference.last_sent_at, frequency, now
        ):
            return False
        user = preference.user
        language = _language(user)
        with translation.override(language):
            notification_group, notification_ids = digest_notifications(user=user, base_url=base_url)
            if notifications_only:
                since = preference.last_sent_at or now - PERIOD[AlertPreference.Frequency.DAILY]
                groups = []
            else:
                since = digest_window_start(preference, now)
                groups = digest_collect(user=user, since=since, until=now, base_url=base_url)
            if notification_group is not None:
                groups = [notification_group, *groups]
            if not groups:
                return False
            message = _message(
                user=user,
                groups=groups,
                language=language,
                base_url=base_url,
                since=since,
                frequency=frequency,
                notification_count=len(notification_ids),
                notifications_only=notifications_only,
            )
        message.send()
        if notification_ids:
            Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True).update(emailed_at=now)
        preference.last_sent_at = now
        preference.save(update_fields=["last_sent_at", "updated_at"])
    return True


def _pending_digest_users() -> QuerySet[Notification, Any]:
    return Notification.objects.filter(
        email=Notification.Email.DIGEST, emailed_at__isnull=True, read_at__isnull=True
    ).values("user_id")


def _ensure_preferences() -> None:
    """Someone with notifications waiting for the digest but no digest preference yet gets the default one."""
    from haastemoottori.accounts.models import User

    missing = User.objects.filter(
        is_active=True, pk__in=_pending_digest_users(), alert_preference__isnull=True
    ).values_list("pk", flat=True)
    AlertPreference.objects.bulk_create([AlertPreference(user_id=pk) for pk in missing], ignore_conflicts=True)


def digest_send_due(*, frequency: str, now: datetime | None = None, base_url: str | None = None) -> DigestRun:
    """Send every due digest of one frequency. One person's failure is logged and does not stop the others."""
    if frequency not in (AlertPreference.Frequency.DAILY, AlertPreference.Frequency.WEEKLY):
        raise ValueError(f"Unknown digest frequency: {frequency!r}")
    now = now or timezone.now()
    base_url = (base_url or site_base_url()).rstrip("/")
    _ensure_preferences()
    due = AlertPreference.objects.filter(user__is_active=True).filter(
        Q(last_sent_at__isnull=True) | Q(last_sent_at__lt=period_start(frequency, now))
    )
    if frequency == AlertPreference.Frequency.DAILY:  # digest off, but notifications chosen for the digest
        due = due.filter(
            Q(frequency=frequency) | Q(frequency=AlertPreference.Frequency.OFF, user_id__in=_pending_digest_users())
        )
    else:
        due = due.filter(frequency=frequency)
    run = DigestRun()
    for preference_id in list(due.order_by("pk").values_list("pk", flat=True)):
        try:
            sent = digest_send_one(preference_id=preference_id, frequency=frequency, now=now, base_url=base_url)
        except Exception:
            logger.exception("Digest for alert preference %s failed; it is retried on the next run.", preference_id)
            run.failed += 1
            continue
        if sent:
            run.sent += 1
        else:
            run.empty += 1
    return run
