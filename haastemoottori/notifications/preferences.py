"""Per-person, per-category e-mail preferences: immediately (the default), in the digest, or not at all."""

from __future__ import annotations

from collections.abc import Iterable

from .categories import CATEGORIES
from .models import Notification, NotificationPreference

DEFAULT = Notification.Email.IMMEDIATE


def email_mode(*, user, category: str) -> str:
    """The person's e-mail choice for one category (one query; immediately unless they chose otherwise)."""
    stored = NotificationPreference.objects.filter(user=user, category=category).values_list("email", flat=True).first()
    return stored or DEFAULT


def email_modes(*, users: Iterable, category: str) -> dict[int, str]:
    """Each person's choice for one category, by user id, in one query (for sending to many at once)."""
    ids = [u.pk for u in users]
    stored = dict(
        NotificationPreference.objects.filter(user_id__in=ids, category=category).values_list("user_id", "email")
    )
    return {pk: stored.get(pk, DEFAULT) for pk in ids}


def email_modes_for_user(*, user) -> dict[str, str]:
    """Every category's choice for one person (the settings page), in one query."""
    stored = dict(NotificationPreference.objects.filter(user=user).values_list("category", "email"))
    return {category: stored.get(category, DEFAULT) for category in CATEGORIES}
