"""Send notifications: one in-app message per recipient in their language, e-mailed after commit.

Call :func:`notification_send` from a service, inside its transaction. The in-app rows are part of
the transaction; e-mail is queued with ``transaction.on_commit``, so a rolled-back change sends nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from haastemoottori.core.i18n import language_codes

from .categories import category_of
from .models import Notification


def user_language(user) -> str:
    language = getattr(user, "preferred_language", "")
    return language if language in language_codes() else settings.LANGUAGE_CODE


def email_mode_for(*, user, category: str) -> str:
    """The person's e-mail choice for a category (immediate unless they chose otherwise)."""
    from .preferences import email_mode  # the preference model lives beside the inbox

    return email_mode(user=user, category=category)


def notification_send(
    *,
    recipients: Iterable,
    kind: str,
    template: str,
    context: dict | None = None,
    url_name: str = "",
    url_args: Iterable = (),
    url_anchor: str = "",
    exclude: Iterable = (),
) -> list[Notification]:
    """Notify each recipient once (duplicates and ``exclude`` dropped; inactive users skipped).

    ``template`` names a text template; its first line is the subject and the rest the body, rendered
    inside ``translation.override(<recipient's language>)`` so ``{% translate %}`` and the ``tr`` filter
    give that language. ``url_name``/``url_args`` are reversed in the same language.
    """
    category = category_of(kind)
    excluded = {u.pk for u in exclude if u is not None and getattr(u, "pk", None)}
    seen: set[int] = set()
    created: list[Notification] = []
    for user in recipients:
        if user is None or user.pk in excluded or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        language = user_language(user)
        with translation.override(language):
            text = render_to_string(template, {**(context or {}), "recipient": user,
                                               "site_name": settings.SITE_NAME}).strip()
            subject, _sep, body = text.partition("\n")
            url = reverse(url_name, args=list(url_args)) + (f"#{url_anchor}" if url_anchor else "") if url_name else ""
        created.append(Notification(
            user=user, kind=kind, language=language, subject=" ".join(subject.split())[:300], body=body.strip(),
            url=url, email=email_mode_for(user=user, category=category)))
    if not created:
        return []
    Notification.objects.bulk_create(created)
    ids = [n.pk for n in created if n.email == Notification.Email.IMMEDIATE]
    if ids and all(ids):
        transaction.on_commit(lambda: _enqueue_emails(ids))
    elif ids:  # a database without RETURNING on bulk insert: look the rows up
        transaction.on_commit(lambda: _enqueue_emails(None, created))
    return created


def _enqueue_emails(ids, created=None) -> None:
    from .tasks import send_notification_emails_task

    if ids is None:
        ids = list(Notification.objects.filter(
            user__in=[n.user_id for n in created], kind=created[0].kind, emailed_at__isnull=True,
            email=Notification.Email.IMMEDIATE).values_list("pk", flat=True))
    send_notification_emails_task.enqueue(ids)
