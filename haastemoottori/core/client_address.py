"""The address of the client that sent a request, behind a configured number of reverse proxies.

``HAASTEMOOTTORI_TRUSTED_PROXY_COUNT`` says how many proxies of our own stand in front of the app, each appending
the address it received the request from to ``X-Forwarded-For``. With none (the default), the address is
``REMOTE_ADDR`` and the header is ignored: a client can write anything into it. With N, the client is the N-th
address from the right; addresses further left were written by the client and are never trusted.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    address = address.strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's IP address as a string ("" when the request has none that parses)."""
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or ""
    proxies = getattr(settings, "HAASTEMOOTTORI_TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        # Fewer hops than proxies: the request did not come through all of them; the nearest peer is what we know.
        return remote
    return _valid(forwarded[-proxies]) or remote
