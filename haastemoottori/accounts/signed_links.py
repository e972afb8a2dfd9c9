"""Links that name a person without signing in (unsubscribe, a personal calendar feed): a signed user id.

Each use has its own salt, so a token made for one purpose does not work for another. The tokens do not
expire. A token also carries the person's generation for that purpose (``LinkGeneration``; 0, and then left
out, until the first renewal): ``signed_link_renew`` moves it on, which revokes that person's links of that
purpose alone. Changing ``SECRET_KEY`` still revokes all of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core import signing

if TYPE_CHECKING:
    from .models import User


def link_generation(user_id: int, *, salt: str) -> int:
    from .models import LinkGeneration

    return (
        LinkGeneration.objects.filter(user_id=user_id, purpose=salt).values_list("generation", flat=True).first() or 0
    )


def user_token(user: User, *, salt: str) -> str:
    generation = link_generation(user.pk, salt=salt)
    return signing.dumps({"u": user.pk, "g": generation} if generation else {"u": user.pk}, salt=salt)


def user_from_token(token: str, *, salt: str) -> User | None:
    """The active or inactive person a token names, or None when the token is not valid for ``salt`` or was
    made before the person renewed their links of this purpose."""
    from django.contrib.auth import get_user_model

    try:
        data = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    user_id = data.get("u") if isinstance(data, dict) else None
    generation = data.get("g", 0) if isinstance(data, dict) else None
    if not isinstance(user_id, int) or not isinstance(generation, int):
        return None
    if generation != link_generation(user_id, salt=salt):
        return None
    return get_user_model()._default_manager.filter(pk=user_id).first()
