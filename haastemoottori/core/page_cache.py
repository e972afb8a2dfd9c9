"""Whole-page cache for anonymous visitors of public pages, invalidated when public content changes.

Public pages are the same for every anonymous visitor in one language, so they are rendered once and
served from the cache until the services report a change (``public_content_changed``) or the short
time-to-live ends (for changes no service makes, such as a deadline passing). Signed-in users, whose
pages show more, and any request carrying a session or messages are never served from the cache.

With several web processes, use a shared cache (``CACHE_URL=rediscache://…`` or ``dbcache://…``):
a per-process memory cache is invalidated only in the process that made the change, and the others
catch up when the time-to-live ends.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

GENERATION_KEY = "public-pages:generation"
# A cached page keeps this in place of its response's CSP nonce; each response served from the cache gets its
# own fresh nonce (a nonce used twice would let injected markup copy it).
NONCE_PLACEHOLDER = b'nonce="{{csp-nonce}}"'


def _nonce_attribute(request) -> bytes | None:
    """``nonce="…"`` of this response if its page used the nonce (django-csp makes it lazily), else None."""
    nonce = getattr(request, "csp_nonce", None)
    return f'nonce="{nonce}"'.encode() if nonce else None


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def public_content_changed() -> None:
    """Call from a service that changed something public; takes effect when the transaction commits."""
    transaction.on_commit(_bump)


def _cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD") or settings.PUBLIC_PAGE_CACHE_SECONDS <= 0:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    return not getattr(request, "htmx", False)


def cache_public_page(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            generation = 1
            cache.add(GENERATION_KEY, generation, None)
        digest = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
        key = f"public-pages:{generation}:{request.LANGUAGE_CODE}:{digest}"
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            if NONCE_PLACEHOLDER in content:
                content = content.replace(NONCE_PLACEHOLDER, f'nonce="{request.csp_nonce}"'.encode())
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            content, nonce = response.content, _nonce_attribute(request)
            if nonce:
                content = content.replace(nonce, NONCE_PLACEHOLDER)
            cache.set(key, (content, response["Content-Type"]), settings.PUBLIC_PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    return wrapped
