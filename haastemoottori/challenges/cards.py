"""Challenge cards (``challenges/_card.html``) for lists, from the fragment cache where possible.

A card shows only a public challenge's public fields, the same for everyone in one language, so a published
challenge's card is rendered once per (challenge, ``updated_at``, language, public content generation) and
shared by every list page, every visitor and every process (core/fragments.py). A page then needs only the
ids of its challenges (with ``updated_at``): the card columns and the owner and theme prefetches are loaded for
the cards missing from the cache alone.

Not cached: unpublished challenges (the workspace shows drafts to their owners) and cards with a search
excerpt (they depend on the query).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet
from django.template import Context
from django.template.loader import get_template
from django.utils.safestring import SafeString

from haastemoottori.core import fragments

from .models import Challenge
from .selectors import (
    challenge_card_base,
    challenge_card_prefetch,
    challenge_card_prefetch_ids,
    challenge_list_prefetch,
)

CARD_TEMPLATE = "challenges/_card.html"
# What a page query loads when the cards come from the cache (the rest is loaded for a missing card only).
KEY_FIELDS = ("id", "updated_at", "published_at")


def card_rows(qs: QuerySet[Challenge], *, prefetch: bool = True) -> QuerySet[Challenge]:
    """``qs`` as the cards need it: just the key columns when the fragment cache is on, else the columns a card
    shows (with the owner and theme prefetches unless ``prefetch=False``: then ``challenge_cards`` loads them
    for all its rows at once)."""
    if fragments.enabled():
        return qs.only(*KEY_FIELDS)
    return challenge_list_prefetch(qs) if prefetch else challenge_card_base(qs)


def _render(challenge: Challenge, search_query: str = "") -> fragments.Fragment:
    sink = fragments.ColourSink()
    template = get_template(CARD_TEMPLATE).template  # type: ignore[attr-defined]
    html = template.render(Context({"challenge": challenge, "search_query": search_query, "request": sink}))
    return fragments.Fragment(html=str(html), colours=tuple(sorted(sink._owner_colours)))


def challenge_cards(
    request, rows: Sequence[Challenge], *, search_query: str = "", prefetched: bool = True
) -> list[SafeString]:
    """The cards of ``rows`` (from ``card_rows``, with ``prefetched`` as its ``prefetch``), in their order, for
    this request's language."""
    if not rows:
        return []
    if not fragments.enabled():
        if not prefetched:
            challenge_card_prefetch(list(rows))
        return [fragments.replay(request, _render(c, search_query)) for c in rows]
    cacheable = {c.pk: c for c in rows if c.published_at is not None and not search_query}
    rendered: dict[int, fragments.Fragment] = {}

    def load(ids: list[int]) -> dict[int, fragments.Fragment]:
        full = {c.pk: c for c in challenge_card_prefetch_ids(ids)}
        return {pk: _render(full[pk], search_query) for pk in ids if pk in full}

    if cacheable:
        generation = fragments.public_generation()
        keys = {
            pk: fragments.fragment_key("challenge-card", pk, c.updated_at.timestamp(), generation=generation)
            for pk, c in cacheable.items()
        }
        rendered.update(fragments.cached_many(keys, load))
    live = [c.pk for c in rows if c.pk not in cacheable]
    if live:
        rendered.update(load(live))
    return [fragments.replay(request, rendered[c.pk]) for c in rows if c.pk in rendered]
