"""Reads of the signing keys and status lists."""

from __future__ import annotations

from typing import Any

from .models import SigningKey, StatusList


def jwks() -> dict[str, Any]:
    """The public keys anyone may verify with: every key that is not retired (newest first)."""
    keys = SigningKey.objects.exclude(status=SigningKey.Status.RETIRED).order_by("-created_at", "-id")
    return {"keys": [{**k.public_jwk, "kid": k.kid, "alg": k.algorithm, "use": "sig"} for k in keys]}


def signing_key_get(kid: str) -> SigningKey | None:
    return SigningKey.objects.filter(kid=kid).first()


def status_list_get(slug: str) -> StatusList | None:
    return StatusList.objects.filter(slug=slug).first()
