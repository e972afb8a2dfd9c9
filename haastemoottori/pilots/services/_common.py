"""Helpers shared by the pilot services: input cleaning that raises translated ServiceValidationErrors."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, overload

from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.core.errors import CommonCode, ErrorCodeEnum, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.forms_numbers import NumberFormatError, parse_number
from haastemoottori.core.i18n import language_name, service_translations
from haastemoottori.core.page_cache import public_content_changed

from ..errors import ErrorCode
from ..formatting import plain
from ..models import Pilot

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User


def invalid(code: ErrorCodeEnum, message: str, field: str | None = None) -> ServiceValidationError:
    return ServiceValidationError(code, message, field=field)


def require(actor: User, perm: str, obj: Model, message: str) -> None:
    if not actor.has_perm(perm, obj):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, message)


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
    """A cleaned {language: text} dict; ``missing`` and ``too_long`` are the codes of the errors on ``field``."""
    cleaned = service_translations(value, field=field, label=label)
    if required_language and not cleaned.get(required_language):
        raise invalid(
            missing or CommonCode.INVALID_INPUT,
            _("Fill in “%(field)s” in %(language)s, the original language.")
            % {"field": label, "language": language_name(required_language)},
            field,
        )
    if max_length:
        for code, written in cleaned.items():
            if len(written) > max_length:
                raise invalid(
                    too_long or CommonCode.INVALID_INPUT,
                    _("“%(field)s” in %(language)s can be at most %(n)s characters (now %(length)s).")
                    % {
                        "field": label,
                        "language": language_name(code),
                        "n": plain(max_length),
                        "length": plain(len(written)),
                    },
                    field,
                )
    return cleaned


def text(
    value: Any,
    field: str,
    label: str,
    *,
    max_length: int,
    too_long: ErrorCode,
    missing: ErrorCode | None = None,
    required_message: str | None = None,
) -> str:
    """A plain text stripped; required when ``required_message`` is given (the error's code is ``missing``); at
    most ``max_length`` characters (else the error's code is ``too_long``)."""
    cleaned = str(value or "").strip()
    if required_message and not cleaned:
        raise invalid(missing or CommonCode.INVALID_INPUT, required_message, field)
    if len(cleaned) > max_length:
        raise invalid(
            too_long or CommonCode.INVALID_INPUT,
            _("“%(field)s” can be at most %(n)s characters (now %(length)s).")
            % {"field": label, "n": plain(max_length), "length": plain(len(cleaned))},
            field,
        )
    return cleaned


@overload
def decimal(value: Any, field: str, *, missing: ErrorCode, minimum: Decimal | None = ...) -> Decimal: ...


@overload
def decimal(value: Any, field: str, *, missing: None = ..., minimum: Decimal | None = ...) -> Decimal | None: ...


def decimal(
    value: Any, field: str, *, missing: ErrorCode | None = None, minimum: Decimal | None = None
) -> Decimal | None:
    """A number; an empty value is None, or an error with the code ``missing`` when that is given."""
    if value in (None, ""):
        if missing is not None:
            raise invalid(missing or CommonCode.INVALID_INPUT, _("Enter a number."), field)
        return None
    try:
        number = parse_number(value)
    except NumberFormatError as exc:
        raise invalid(ErrorCode.NOT_A_NUMBER, exc.message, field) from exc
    if not number.is_finite() or abs(number) >= 10**14:
        raise invalid(ErrorCode.NOT_A_NUMBER, _("Enter a number."), field)
    if minimum is not None and number < minimum:
        raise invalid(ErrorCode.TOO_SMALL, _("The number cannot be negative."), field)
    return number


def pilot_changed(pilot: Pilot, *, milestones: bool = False) -> None:
    if milestones:  # the OCDS implementation release dates its milestones by the pilot's last change
        Pilot.objects.filter(pk=pilot.pk).update(updated_at=timezone.now())
    if pilot.is_public:
        public_content_changed()
