"""Helpers shared by the backlog services: permission checks and input cleaning with translated errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from haastemoottori.challenges.models import ChallengeOwnership
from haastemoottori.core.errors import ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.i18n import clean_translations, current_language, language_codes

from ..rules import BACKLOG_ROLES

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.organisations.models import Organisation

    from ..models import Candidate


def invalid(code: str, message: str, field: str | None = None) -> ServiceValidationError:
    return ServiceValidationError(code, message, field=field)


def require(actor: User, perm: str, obj: Model | None, message: str) -> None:
    if not actor.has_perm(perm, obj):
        raise ServicePermissionDenied("permission_denied", message)


def language_or_current(language: str | None) -> str:
    if language is None:
        return current_language()
    if language not in language_codes():
        raise invalid("unknown_language", _("Choose the language from the list."), "language")
    return language


def translations(value: Any, field: str, label: str, *, required_language: str | None = None,
                 max_length: int | None = None) -> dict[str, str]:
    """A cleaned {language: text} dict; raises a ServiceValidationError naming ``field``."""
    try:
        cleaned = clean_translations(value, field_label=label)
    except ValidationError as exc:
        raise invalid(exc.code or "invalid", exc.messages[0], field) from exc
    if required_language and not cleaned.get(required_language):
        raise invalid(f"{field}_missing", _("Fill in “%(field)s” in the original language.") % {"field": label},
                      field)
    if max_length:
        for text in cleaned.values():
            if len(text) > max_length:
                raise invalid(f"{field}_too_long", _("“%(field)s” can be at most %(n)s characters.")
                              % {"field": label, "n": max_length}, field)
    return cleaned


def backlog_city_ids(candidate: Candidate) -> set[int]:
    """The cities (and other public bodies) in whose backlog the candidate is: its challenge's lead and co-owners."""
    return set(ChallengeOwnership.objects.filter(challenge_id=candidate.challenge_id, role__in=BACKLOG_ROLES)
               .values_list("organisation_id", flat=True))


def require_in_backlog(candidate: Candidate, city: Organisation) -> None:
    if city.pk not in backlog_city_ids(candidate):
        raise invalid("not_in_backlog", _("This candidate is not in the backlog of %(city)s.") % {"city": city},
                      "candidate")
