"""Reads for notifications: a person's inbox and unread count. Only the owner ever sees a notification."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from .models import Notification

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from haastemoottori.accounts.models import User


def notifications_for_user(*, user: User) -> QuerySet[Notification]:
    """The person's notifications, newest first."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def notification_for_user(*, user: User | AnonymousUser, pk: int) -> Notification | None:
    """One notification if it is the person's own, else None (the view answers 404)."""
    if not user.is_authenticated:
        return None
    return Notification.objects.filter(pk=pk, user=user).first()


def unread_count(*, user: User | AnonymousUser) -> int:
    """How many of the person's notifications are unread (one query; 0 without a query when signed out)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def digest_pending(*, user: User) -> list[Notification]:
    """The person's notifications waiting for the digest: digest mode, not yet e-mailed, not yet read."""
    return list(
        Notification.objects.filter(
            user=user, email=Notification.Email.DIGEST, emailed_at__isnull=True, read_at__isnull=True
        ).order_by("-created_at", "-id")
    )
