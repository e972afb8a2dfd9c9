"""Helpers of the procurement services: the permission, the path (created on the first write), values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.core.errors import CommonCode, ServicePermissionDenied, ServiceValidationError

from ..errors import ErrorCode
from ..models import ProcurementPath

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge

DEFAULT_OCID_PREFIX = "ocds-hmoot1"
MAX_VALUE = Decimal("999999999999.99")
# An award follows the call (or, for a market-dialogue route, the closing of the challenge).
AWARD_STAGES = (Stage.EVALUATION, Stage.PILOTING, Stage.CLOSED)


def ocid_for(challenge: Challenge) -> str:
    """The Open Contracting ID a new path gets: ``<prefix>-<challenge id>`` (stored, never recomputed)."""
    prefix = getattr(settings, "HAASTEMOOTTORI_OCID_PREFIX", DEFAULT_OCID_PREFIX) or DEFAULT_OCID_PREFIX
    return f"{prefix}-{challenge.pk}"


def _check_permission(actor: User, challenge: Challenge) -> None:
    if not actor.has_perm("procurement.change_procurement", challenge):
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED, _("Only the owners' editors may change the procurement path.")
        )


def _path_for_update(*, actor: User | None, challenge: Challenge) -> tuple[ProcurementPath, bool]:
    """The challenge's path, locked; created (with its ocid) on the first write."""
    path = ProcurementPath.objects.select_for_update().filter(challenge=challenge).first()
    if path is not None:
        return path, False
    path = ProcurementPath.objects.create(
        challenge=challenge,
        ocid=ocid_for(challenge),
        route=challenge.route,
        original_language=challenge.original_language,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        target=path,
        is_public=True,
        data={"challenge": challenge.slug, "ocid": path.ocid},
    )
    return path, True


def _amount(value: Any, field: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise ServiceValidationError(
            ErrorCode.INVALID_VALUE, _("Give the value as a number of euros."), field=field
        ) from None
    if not amount.is_finite() or amount < 0:
        raise ServiceValidationError(ErrorCode.NEGATIVE_VALUE, _("The value cannot be negative."), field=field)
    if amount > MAX_VALUE:
        raise ServiceValidationError(ErrorCode.VALUE_TOO_LARGE, _("The value is too large."), field=field)
    return amount.quantize(Decimal("0.01"))


def _currency(value: str) -> str:
    if value != "EUR":
        raise ServiceValidationError(
            ErrorCode.INVALID_CURRENCY, _("Values are recorded in euros (EUR)."), field="currency"
        )
    return value


def _date(value: Any, field: str) -> date:
    if not isinstance(value, date):
        raise ServiceValidationError(ErrorCode.INVALID_DATE, _("Give a date."), field=field)
    return value
