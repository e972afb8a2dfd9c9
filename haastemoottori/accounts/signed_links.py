"""Links that name a person without signing in (unsubscribe, a personal calendar feed): a signed user id.

Each use has its own salt, so a token made for one purpose does not work for another. The tokens do not
expire; changing ``SECRET_KEY`` revokes all of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core import signing

if TYPE_CHECKING:
    from .models import User


def user_token(user: User, *, salt: str) -> str:
    return signing.dumps({"u": user.pk}, salt=salt)


def user_from_token(token: str, *, salt: str) -> User | None:
    """The active or inactive person a token names, or None when the token is not valid for ``salt``."""
    from django.contrib.auth import get_user_model

    try:
        data = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    user_id = data.get("u") if isinstance(data, dict) else None
    if not isinstance(user_id, int):
        return None
    return get_user_model()._default_manager.filter(pk=user_id).first()
