"""Checks shared by the evaluation services."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import rules
from django.db.models import Model
from django.utils.translation import gettext as _

from haastemoottori.core.errors import CommonCode, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.forms_numbers import NumberFormatError, parse_number

from ..errors import ErrorCode
from ..models import EvaluationCriterion

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User


def require(actor: User, perm: str, obj: Model, message: str) -> None:
    if not actor.has_perm(perm, obj):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, message)


def require_personally(actor: User, perm: str, obj: Model, message: str) -> None:
    """For what only the person themself may do (declare their interests, score): ``rules.has_perm``, which,
    unlike ``user.has_perm``, gives a platform admin (a superuser) no way to act in an evaluator's name."""
    if not rules.has_perm(perm, actor, obj):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, message)


def parse_value(criterion: EvaluationCriterion, raw: Any, *, field: str) -> Decimal | None:
    """A score on the criterion's scale (None when blank); raises ServiceValidationError when out of range."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = parse_number(raw)
    except NumberFormatError as exc:
        raise ServiceValidationError(ErrorCode.NOT_A_NUMBER, exc.message, field=field) from None
    if not value.is_finite():
        raise ServiceValidationError(ErrorCode.NOT_A_NUMBER, _("Enter a number."), field=field)
    if criterion.scale != EvaluationCriterion.Scale.NUMERIC and value != value.to_integral_value():
        raise ServiceValidationError(ErrorCode.NOT_A_CHOICE, _("Choose one of the options."), field=field)
    if not criterion.low <= value <= criterion.high:
        raise ServiceValidationError(
            ErrorCode.OUT_OF_RANGE,
            _("The score must be between %(low)s and %(high)s.")
            % {"low": criterion.label_of(criterion.low), "high": criterion.label_of(criterion.high)},
            field=field,
        )
    return value
