"""Request limits per e-mail address and per client, counted in the cache (``HAASTEMOOTTORI_RATE_LIMITS``).

Used where a request makes the platform send e-mail to an address the requester types (sign-up, password
reset): the same limits apply whether or not the address has an account, so the limit tells nothing."""

from __future__ import annotations

import hashlib
import math

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext


def client_address(request) -> str:
    """The client's IP address: from ``HAASTEMOOTTORI_CLIENT_IP_HEADER`` when a proxy sets it, else the
    connection's. A list (X-Forwarded-For) gives its last entry, the one the nearest proxy added."""
    header = settings.HAASTEMOOTTORI_CLIENT_IP_HEADER
    value = request.META.get(header, "") if header else ""
    value = value.split(",")[-1].strip() if value else ""
    return value or request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{kind}:{digest}"


def _count(key: str, window: int) -> int:
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def limit_exceeded(scope: str, *, request, address: str) -> bool:
    """Count one request for ``address`` and for the client; True when either is over its limit."""
    limits = settings.HAASTEMOOTTORI_RATE_LIMITS[scope]
    window = limits["window"]
    over_address = _count(_key(scope, "address", address), window) > limits["per_address"]
    over_client = _count(_key(scope, "client", client_address(request)), window) > limits["per_client"]
    return over_address or over_client


def limit_message(scope: str) -> str:
    minutes = max(1, math.ceil(settings.HAASTEMOOTTORI_RATE_LIMITS[scope]["window"] / 60))
    return ngettext(
        "Too many requests for this e-mail address or from your network. Try again in %(minutes)d minute.",
        "Too many requests for this e-mail address or from your network. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
