"""Helpers shared by the pilot services: input cleaning that raises translated ServiceValidationErrors."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Literal, overload

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from haastemoottori.core.errors import ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.i18n import clean_translations, language_name

from ..formatting import plain

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User


def invalid(code: str, message: str, field: str | None = None) -> ServiceValidationError:
    return ServiceValidationError(code, message, field=field)


def require(actor: User, perm: str, obj: Model, message: str) -> None:
    if not actor.has_perm(perm, obj):
        raise ServicePermissionDenied("permission_denied", message)


def translations(value: Any, field: str, label: str, *, required_language: str | None = None,
                 max_length: int | None = None) -> dict[str, str]:
    try:
        cleaned = clean_translations(value, field_label=label)
    except ValidationError as exc:
        raise invalid(exc.code or "invalid", exc.messages[0], field) from exc
    if required_language and not cleaned.get(required_language):
        raise invalid(f"{field}_missing", _("Fill in “%(field)s” in %(language)s, the original language.")
                      % {"field": label, "language": language_name(required_language)}, field)
    if max_length:
        for code, written in cleaned.items():
            if len(written) > max_length:
                raise invalid(f"{field}_too_long", _("“%(field)s” in %(language)s can be at most %(n)s characters "
                                                     "(now %(length)s).")
                              % {"field": label, "language": language_name(code), "n": plain(max_length),
                                 "length": plain(len(written))}, field)
    return cleaned


def text(value: Any, field: str, label: str, *, max_length: int, required_message: str | None = None) -> str:
    """A plain text stripped; required when ``required_message`` is given; at most ``max_length`` characters."""
    cleaned = str(value or "").strip()
    if required_message and not cleaned:
        raise invalid(f"{field}_missing", required_message, field)
    if len(cleaned) > max_length:
        raise invalid(f"{field}_too_long", _("“%(field)s” can be at most %(n)s characters (now %(length)s).")
                      % {"field": label, "n": plain(max_length), "length": plain(len(cleaned))}, field)
    return cleaned


@overload
def decimal(value: Any, field: str, *, required: Literal[True] = ..., minimum: Decimal | None = ...) -> Decimal: ...


@overload
def decimal(value: Any, field: str, *, required: bool, minimum: Decimal | None = ...) -> Decimal | None: ...


def decimal(value: Any, field: str, *, required: bool = True, minimum: Decimal | None = None) -> Decimal | None:
    if value in (None, ""):
        if required:
            raise invalid(f"{field}_missing", _("Enter a number."), field)
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", ".").replace(" ", ""))
    except InvalidOperation as exc:
        raise invalid("not_a_number", _("Enter a number."), field) from exc
    if not number.is_finite() or abs(number) >= 10**14:
        raise invalid("not_a_number", _("Enter a number."), field)
    if minimum is not None and number < minimum:
        raise invalid("too_small", _("The number cannot be negative."), field)
    return number
