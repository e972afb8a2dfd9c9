"""Helpers shared by the backlog services: permission checks and input cleaning with translated errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Model
from django.utils.translation import gettext as _

from haastemoottori.challenges.models import ChallengeOwnership
from haastemoottori.core.errors import CommonCode, ErrorCodeEnum, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.i18n import current_language, language_codes, service_translations

from ..errors import ErrorCode
from ..rules import BACKLOG_ROLES

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.organisations.models import Organisation

    from ..models import Candidate


def invalid(code: ErrorCodeEnum, message: str, field: str | None = None) -> ServiceValidationError:
    return ServiceValidationError(code, message, field=field)


def require(actor: User, perm: str, obj: Model | None, message: str) -> None:
    if not actor.has_perm(perm, obj):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, message)


def language_or_current(language: str | None) -> str:
    if language is None:
        return current_language()
    if language not in language_codes():
        raise invalid(CommonCode.UNKNOWN_LANGUAGE, _("Choose the language from the list."), "language")
    return language


def translations(
    value: Any,
    field: str,
    label: str,
    *,
    required_language: str | None = None,
    missing: ErrorCode | None = None,
    max_length: int | None = None,
    too_long: ErrorCode | None = None,
) -> dict[str, str]:
    """A cleaned {language: text} dict; raises a ServiceValidationError naming ``field`` (with the code ``missing``
    when the text is missing in ``required_language``, ``too_long`` when it is longer than ``max_length``)."""
    cleaned = service_translations(value, field=field, label=label)
    if required_language and not cleaned.get(required_language):
        raise invalid(
            missing or CommonCode.INVALID_INPUT,
            _("Fill in “%(field)s” in the original language.") % {"field": label},
            field,
        )
    if max_length:
        for text in cleaned.values():
            if len(text) > max_length:
                raise invalid(
                    too_long or CommonCode.INVALID_INPUT,
                    _("“%(field)s” can be at most %(n)s characters.") % {"field": label, "n": max_length},
                    field,
                )
    return cleaned


def backlog_city_ids(candidate: Candidate) -> set[int]:
    """The cities (and other public bodies) in whose backlog the candidate is: its challenge's lead and co-owners."""
    return set(
        ChallengeOwnership.objects.filter(challenge_id=candidate.challenge_id, role__in=BACKLOG_ROLES).values_list(
            "organisation_id", flat=True
        )
    )


def require_in_backlog(candidate: Candidate, city: Organisation) -> None:
    if city.pk not in backlog_city_ids(candidate):
        raise invalid(
            ErrorCode.NOT_IN_BACKLOG,
            _("This candidate is not in the backlog of %(city)s.") % {"city": city},
            "candidate",
        )
