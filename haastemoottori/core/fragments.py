"""Cached fragments of rendered pages, shared by every visitor (signed in or not) of every page that shows them.

The whole-page cache (``core.page_cache``) serves only anonymous visitors. Signed-in users, the first visitor of
a URL and API clients get rendered pages; most of what those pages render is the same for everyone: a
challenge's card, the filter form's choice lists. Those parts are kept here, in Django's cache (``CACHES``:
with several web processes a shared Redis or Valkey, so that one invalidation reaches every process).

An entry's key holds:

- the public content generation of ``core.page_cache``: every service that changes something public calls
  ``public_content_changed()``, which bumps it when its transaction commits (an owner's new name, a renamed
  theme or a new platform reach every card and list at once; old entries are never read again and expire);
- what the fragment shows, with the row's ``updated_at`` where there is one, so an edit is seen at once
  even before its transaction's generation bump;
- the language.

Only what is the same for everyone may be a fragment: public records' public fields. Whatever depends on the
person (follow buttons, drafts, an owner's tools) is rendered on every request, around the fragments.
``HAASTEMOOTTORI_FRAGMENT_CACHE_SECONDS=0`` turns fragments off (as in the tests, which turn them on where
they test them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .page_cache import GENERATION_KEY

T = TypeVar("T")

FRAGMENT_VERSION = 1  # bump when a fragment's markup or shape changes, so a shared cache serves no old shape


def enabled() -> bool:
    return settings.FRAGMENT_CACHE_SECONDS > 0


def public_generation() -> int:
    """The public content generation (one cache read; started at 1 when the cache has none)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, None)
        generation = cache.get(GENERATION_KEY, 1)
    return int(generation)


def fragment_key(kind: str, *parts: object, generation: int, language: str | None = None) -> str:
    lang = language or get_language() or settings.LANGUAGE_CODE
    return f"fragment:{FRAGMENT_VERSION}:{generation}:{lang}:{kind}:" + ":".join(str(p) for p in parts)


@dataclass(frozen=True)
class Fragment:
    """Rendered HTML and the brand colours its ``{% owner_style %}`` tags used (the page's style block needs
    them whether the fragment was rendered now or read from the cache)."""

    html: str
    colours: tuple[str, ...] = ()


class ColourSink:
    """Stands in for the request while a fragment renders: collects ``{% owner_style %}``'s colours and
    nothing else (a fragment that needs the request is not the same for everyone and is not a fragment)."""

    def __init__(self) -> None:
        self._owner_colours: set[str] = set()


def replay(request, fragment: Fragment) -> SafeString:
    """The fragment's HTML for this request, its colours added to the request's style block."""
    if fragment.colours and request is not None:
        colours = getattr(request, "_owner_colours", None)
        if colours is None:
            colours = request._owner_colours = set()
        colours.update(fragment.colours)
    return mark_safe(fragment.html)  # rendered by our own templates (autoescaped)


def cached_many(keys: dict[int, str], render_missing: Callable[[list[int]], dict[int, T]]) -> dict[int, T]:
    """Fragments (or any picklable values) by id: read all ``keys`` at once, render the missing ones in one go
    and store them."""
    found = cache.get_many(list(keys.values()))
    result = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in keys if pk not in result]
    if missing:
        rendered = render_missing(missing)
        cache.set_many({keys[pk]: fragment for pk, fragment in rendered.items()}, settings.FRAGMENT_CACHE_SECONDS)
        result.update(rendered)
    return result


def cached_value(key: str, compute: Callable[[], object]) -> object:
    """Any picklable value under ``key`` (computed and stored when missing)."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.FRAGMENT_CACHE_SECONDS)
    return value
