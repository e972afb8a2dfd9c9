"""Send notifications: one in-app message per recipient in their language, e-mailed after commit.

Call :func:`notification_send` from a service, inside its transaction. The in-app rows are part of
the transaction; e-mail is queued with ``transaction.on_commit``, so a rolled-back change sends nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.i18n import language_codes

from .categories import CATEGORIES, category_of
from .errors import ErrorCode
from .models import AlertPreference, Notification, NotificationPreference
from .preferences import email_mode, email_modes, email_modes_for_user

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User


def user_language(user: User) -> str:
    language = getattr(user, "preferred_language", "")
    return language if language in language_codes() else settings.LANGUAGE_CODE


def email_mode_for(*, user: User, category: str) -> str:
    """The person's e-mail choice for a category (immediate unless they chose otherwise)."""
    return email_mode(user=user, category=category)


def notification_send(
    *,
    recipients: Iterable[User | None],
    kind: str,
    template: str,
    context: dict[str, Any] | None = None,
    url_name: str = "",
    url_args: Iterable[Any] = (),
    url_anchor: str = "",
    exclude: Iterable[User | None] = (),
) -> list[Notification]:
    """Notify each recipient once (duplicates and ``exclude`` dropped; inactive users skipped).

    ``template`` names a text template; its first line is the subject and the rest the body, rendered
    inside ``translation.override(<recipient's language>)`` so ``{% translate %}`` and the ``tr`` filter
    give that language. ``url_name``/``url_args`` are reversed in the same language.
    """
    category = category_of(kind)
    excluded = {u.pk for u in exclude if u is not None and getattr(u, "pk", None)}
    seen: set[int] = set()
    people = []
    for user in recipients:
        if user is None or user.pk in excluded or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        people.append(user)
    if not people:
        return []
    modes = email_modes(users=people, category=category)  # one query for everyone
    created: list[Notification] = []
    for user in people:
        language = user_language(user)
        with translation.override(language):
            text = render_to_string(
                template, {**(context or {}), "recipient": user, "site_name": settings.SITE_NAME}
            ).strip()
            subject, _sep, body = text.partition("\n")
            url = reverse(url_name, args=list(url_args)) + (f"#{url_anchor}" if url_anchor else "") if url_name else ""
        created.append(
            Notification(
                user=user,
                kind=kind,
                language=language,
                subject=" ".join(subject.split())[:300],
                body=body.strip(),
                url=url,
                email=modes[user.pk],
            )
        )
    if not created:
        return []
    Notification.objects.bulk_create(created)
    ids = [n.pk for n in created if n.email == Notification.Email.IMMEDIATE]
    if ids and all(ids):
        transaction.on_commit(lambda: _enqueue_emails(ids))
    elif ids:  # a database without RETURNING on bulk insert: look the rows up
        transaction.on_commit(lambda: _enqueue_emails(None, created))
    return created


def _enqueue_emails(ids: list[int] | None, created: list[Notification] | None = None) -> None:
    from .tasks import send_notification_emails_task

    if ids is None:
        assert created is not None
        ids = list(
            Notification.objects.filter(
                user__in=[n.user_id for n in created],
                kind=created[0].kind,
                emailed_at__isnull=True,
                email=Notification.Email.IMMEDIATE,
            ).values_list("pk", flat=True)
        )
    send_notification_emails_task.enqueue(ids)


@transaction.atomic
def notification_preferences_set(*, actor: User, modes: dict[str, str]) -> dict[str, str]:
    """Save the person's e-mail choice per category (only the categories given). Returns every category's choice.

    Choosing the digest for a category makes sure the person has a digest preference (weekly by default), so
    the digest run finds them; see docs/notifications.md for what happens when their digest is off.
    """
    if not getattr(actor, "is_authenticated", False):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("Sign in to change your notification settings."))
    unknown = [c for c in modes if c not in CATEGORIES]
    if unknown:
        raise ServiceValidationError(ErrorCode.UNKNOWN_CATEGORY, _("Unknown notification category."), field=unknown[0])
    for category, mode in modes.items():
        if mode not in Notification.Email.values:
            raise ServiceValidationError(
                ErrorCode.UNKNOWN_MODE, _("Choose how you want e-mail about this from the list."), field=category
            )
    current = email_modes_for_user(user=actor)
    changes = {category: (current[category], mode) for category, mode in modes.items() if current[category] != mode}
    for category, (_old, mode) in changes.items():
        NotificationPreference.objects.update_or_create(user=actor, category=category, defaults={"email": mode})
    if changes:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATED,
            target=actor,
            changes={f"notification_email.{c}": change for c, change in changes.items()},
            data={"via": "notification_settings"},
        )
    if any(mode == Notification.Email.DIGEST for mode in modes.values()):
        preference_ensure(actor)
    return {**current, **{c: new for c, (_old, new) in changes.items()}}


def _owned(actor: User, notification: Notification) -> None:
    if not getattr(actor, "is_authenticated", False) or notification.user_id != actor.pk:
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("This notification is not yours."))


@transaction.atomic
def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    """Mark one of the person's own notifications read (reading it again changes nothing)."""
    _owned(actor, notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATED,
            target=notification,
            changes={"read_at": (None, notification.read_at)},
        )
    return notification


@transaction.atomic
def notification_mark_all_read(*, actor: User) -> int:
    """Mark every unread notification of the person read. Returns how many changed."""
    if not getattr(actor, "is_authenticated", False):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("Sign in to see your notifications."))
    now = timezone.now()
    count = Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=now)
    if count:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATED,
            target=actor,
            data={"notifications_marked_read": count, "at": now.isoformat()},
        )
    return count


@transaction.atomic
def notification_digest_unsubscribe(*, token: str) -> User:
    """Stop digest e-mails for the person the signed token names: the alerts digest off, and every category
    they had in the digest set to "not by e-mail". Returns the person; raises on a bad token."""
    from .unsubscribe import invalid_link_message, unsubscribe_token_user

    user = unsubscribe_token_user(token)
    if user is None:
        raise ServiceValidationError(ErrorCode.LINK_INVALID, invalid_link_message())
    preference, _created = AlertPreference.objects.select_for_update().get_or_create(user=user)
    if preference.frequency != AlertPreference.Frequency.OFF:
        old = preference.frequency
        preference.frequency = AlertPreference.Frequency.OFF
        preference.save(update_fields=["frequency", "updated_at"])
        audit_record(
            actor=user,
            action=AuditEvent.Action.UPDATED,
            target=preference,
            changes={"frequency": (old, preference.frequency)},
            data={"via": "notifications_unsubscribe"},
        )
    digest = [c for c, mode in email_modes_for_user(user=user).items() if mode == Notification.Email.DIGEST]
    if digest:
        NotificationPreference.objects.filter(user=user, category__in=digest).update(email=Notification.Email.NONE)
        audit_record(
            actor=user,
            action=AuditEvent.Action.UPDATED,
            target=user,
            changes={f"notification_email.{c}": (Notification.Email.DIGEST, Notification.Email.NONE) for c in digest},
            data={"via": "notifications_unsubscribe"},
        )
    return user


def preference_ensure(user: User) -> AlertPreference:
    """The person's digest preference; the first follow (or the first category set to the digest) creates
    it with a weekly digest."""
    preference, _created = AlertPreference.objects.get_or_create(user=user)
    return preference
