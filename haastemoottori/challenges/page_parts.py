"""The parts of a challenge's page that are the same for everyone: its canvas, its facts and its JSON-LD.

For a published challenge they are rendered once per (challenge, ``updated_at``, language, host, public content
generation) and kept in the fragment cache (core/fragments.py), so a page view loads neither the themes nor
the indicators and renders neither part. An unpublished challenge (seen by its owners) is rendered every time
and never cached. Everything that depends on the person (the owner's tools, the follow section, questions,
comments) is rendered around these parts on every request.
"""

from __future__ import annotations

import json

from django.db.models import prefetch_related_objects
from django.template import Context
from django.template.loader import get_template

from haastemoottori.core import fragments

from .jsonld import challenge_jsonld
from .models import Challenge


def _render(name: str, context: dict, sink: fragments.ColourSink) -> str:
    template = get_template(name).template  # type: ignore[attr-defined]
    return str(template.render(Context({**context, "request": sink})))


def _compute(request, challenge: Challenge) -> dict[str, object]:
    prefetch_related_objects([challenge], "themes", "indicators")
    sink = fragments.ColourSink()
    context = {"challenge": challenge, "owners": list(challenge.ownerships.all())}
    jsonld = json.dumps(challenge_jsonld(challenge, request), ensure_ascii=False).replace("</", "<\\/")
    return {
        "canvas": _render("challenges/_detail_canvas.html", context, sink),
        "facts": _render("challenges/_detail_facts.html", context, sink),
        "jsonld": jsonld,
        "colours": tuple(sorted(sink._owner_colours)),
    }


def challenge_page_parts(request, challenge: Challenge) -> dict[str, object]:
    """``canvas`` and ``facts`` (safe HTML) and ``jsonld`` (a JSON string) of ``challenge``'s page."""
    if fragments.enabled() and challenge.is_public:
        key = fragments.fragment_key(
            "challenge-page",
            challenge.pk,
            challenge.updated_at.timestamp(),
            request.scheme,
            request.get_host(),
            generation=fragments.public_generation(),
        )
        parts = fragments.cached_value(key, lambda: _compute(request, challenge))
    else:
        parts = _compute(request, challenge)
    assert isinstance(parts, dict)
    colours = tuple(parts["colours"])
    return {
        "canvas": fragments.replay(request, fragments.Fragment(str(parts["canvas"]), colours)),
        "facts": fragments.replay(request, fragments.Fragment(str(parts["facts"]))),
        "jsonld": parts["jsonld"],
    }
