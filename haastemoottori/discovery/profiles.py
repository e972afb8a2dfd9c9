"""What the matcher reads of a company's profile, and whether the company can join a challenge.

The profile as a query is the whole profile except the name: what the company offers, its capabilities
and description (every language it wrote them in, its original language first), its references, and the
names of its industry codes and themes in its language. Its cities served and themes also re-rank the
candidates (recommendations.py); its languages served decide whether it can join.

A company cannot join a challenge whose call has closed (those are left out) nor one written in no
language it serves (marked with why, and shown after the ones it can join). A profile that lists no
languages served is not held to any.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.i18n import language_name, translate
from haastemoottori.organisations.models import Organisation

PROFILE_FIELDS = ("offering", "capabilities", "description")


def _in_order(values: dict[str, str] | None, first: str) -> list[str]:
    values = values or {}
    langs = [first, *sorted(lang for lang in values if lang != first)]
    return [values[lang] for lang in langs if (values.get(lang) or "").strip()]


def profile_text(organisation: Organisation) -> str:
    """The whole profile as one text for the matcher, never the organisation's name."""
    lang = organisation.original_language
    parts: list[str] = []
    for field in PROFILE_FIELDS:
        parts.extend(_in_order(getattr(organisation, field), lang))
    for ref in organisation.references.all():
        parts.extend(_in_order(ref.title, ref.original_language))
        parts.extend(_in_order(ref.description, ref.original_language))
    for code in organisation.industry_codes.all():
        parts.append(translate(code.name, "fi", lang).text)
    for theme in organisation.themes.all():
        parts.append(translate(theme.name, "fi", lang).text)
    return "\n".join(p for p in parts if p)


def profile_body(organisation: Organisation) -> list[str]:
    """The profile's own texts besides the name (a name word found here too is evidence)."""
    out: list[str] = []
    for field in PROFILE_FIELDS:
        out.extend((getattr(organisation, field) or {}).values())
    for ref in organisation.references.all():
        out.extend((ref.title or {}).values())
        out.extend((ref.description or {}).values())
    return out


def challenge_languages(challenge: Challenge) -> list[str]:
    """The languages a challenge is written in (its title and summary there), the original first."""
    langs = [challenge.original_language]
    for lang, title in (challenge.title or {}).items():
        if lang not in langs and (title or "").strip():
            langs.append(lang)
    return langs


def call_closed(challenge: Challenge, now: datetime | None = None) -> bool:
    """An open call whose deadline has passed: nobody can join it any more."""
    now = now or timezone.now()
    return challenge.stage == Stage.OPEN_CALL and challenge.call_deadline is not None and challenge.call_deadline < now


def not_joinable_because(challenge: Challenge, organisation: Organisation, now: datetime | None = None) -> list[str]:
    """Why the organisation cannot take part in the challenge (empty: it can)."""
    why = []
    if call_closed(challenge, now):
        why.append(_("The call has closed."))
    served = set(organisation.languages_served or [])
    langs = challenge_languages(challenge)
    if served and not served & set(langs):
        why.append(
            _("Written in %(languages)s, a language your profile does not list as served.")
            % {"languages": ", ".join(language_name(lang) for lang in langs)}
        )
    return why
