"""Writes for a pilot's KPIs and their measured values (corrections keep the original)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.concurrency import Difference, EditConflict
from haastemoottori.core.errors import ServiceConflict

from ..audit_actions import AuditAction
from ..errors import ErrorCode
from ..formatting import plain, short_date
from ..models import KPI, KPIMeasurement, Pilot
from ._common import decimal, invalid, pilot_changed, require, translations

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

METHOD_MAX = 2000
NOTE_MAX = 1000


def _clean_kpi(
    pilot: Pilot,
    *,
    name: Any,
    baseline: Any,
    target: Any,
    direction: str,
    unit: str | None,
    method: str | None,
    is_co2e: bool,
) -> dict[str, Any]:
    name = translations(
        name,
        "name",
        _("Name"),
        required_language=pilot.original_language,
        missing=ErrorCode.NAME_MISSING,
        max_length=200,
        too_long=ErrorCode.NAME_TOO_LONG,
    )
    baseline_value = decimal(baseline, "baseline", missing=ErrorCode.BASELINE_MISSING)
    target_value = decimal(target, "target", missing=ErrorCode.TARGET_MISSING)
    if direction not in KPI.Direction.values:
        raise invalid(ErrorCode.INVALID_DIRECTION, _("Choose whether higher or lower is better."), "direction")
    if baseline_value == target_value:
        raise invalid(ErrorCode.TARGET_EQUALS_BASELINE, _("The target must differ from the baseline."), "target")
    if (direction == KPI.Direction.INCREASE) != (target_value > baseline_value):
        raise invalid(ErrorCode.TARGET_DIRECTION, _("The target must be on the better side of the baseline."), "target")
    unit, method = (unit or "").strip(), (method or "").strip()
    if len(unit) > 60:
        raise invalid(ErrorCode.UNIT_TOO_LONG, _("A unit can be at most 60 characters."), "unit")
    if len(method) > METHOD_MAX:
        raise invalid(ErrorCode.METHOD_TOO_LONG, _("Keep the measurement method under 2,000 characters."), "method")
    if is_co2e and not (unit and method):
        raise invalid(
            ErrorCode.CO2E_UNIT_METHOD,
            _("A CO2e indicator needs its unit and measurement method."),
            "method" if unit else "unit",
        )
    return {
        "name": name,
        "unit": unit,
        "method": method,
        "baseline": baseline_value,
        "target": target_value,
        "direction": direction,
        "is_co2e": bool(is_co2e),
    }


@transaction.atomic
def kpi_add(
    *,
    actor: User,
    pilot: Pilot,
    name: dict[str, str],
    baseline: Decimal | str,
    target: Decimal | str,
    direction: str,
    unit: str = "",
    method: str = "",
    is_co2e: bool = False,
) -> KPI:
    require(actor, "pilots.manage_pilot", pilot, _("You cannot change the KPIs of this pilot."))
    cleaned = _clean_kpi(
        pilot,
        name=name,
        baseline=baseline,
        target=target,
        direction=direction,
        unit=unit,
        method=method,
        is_co2e=is_co2e,
    )
    kpi = KPI.objects.create(pilot=pilot, original_language=pilot.original_language, **cleaned)
    audit_record(
        actor=actor,
        action=AuditAction.KPI_ADDED,
        target=pilot,
        data={"kpi": kpi.pk, **cleaned},
        is_public=pilot.is_public,
    )
    pilot_changed(pilot)
    return kpi


@transaction.atomic
def kpi_update(
    *,
    actor: User,
    kpi: KPI,
    name: dict[str, str],
    baseline: Decimal | str,
    target: Decimal | str,
    direction: str,
    unit: str = "",
    method: str = "",
    is_co2e: bool = False,
) -> KPI:
    """Correct a KPI's name, unit, method, baseline, target or direction; the measurements stay as they are."""
    pilot = kpi.pilot
    require(actor, "pilots.manage_pilot", pilot, _("You cannot change the KPIs of this pilot."))
    cleaned = _clean_kpi(
        pilot,
        name=name,
        baseline=baseline,
        target=target,
        direction=direction,
        unit=unit,
        method=method,
        is_co2e=is_co2e,
    )
    kpi = KPI.objects.select_for_update().get(pk=kpi.pk)
    changes = {k: (getattr(kpi, k), v) for k, v in cleaned.items() if getattr(kpi, k) != v}
    if not changes:
        return kpi
    for name_, value in cleaned.items():
        setattr(kpi, name_, value)
    kpi.save()
    audit_record(
        actor=actor,
        action=AuditAction.KPI_UPDATED,
        target=pilot,
        changes=changes,
        data={"kpi": kpi.pk},
        is_public=pilot.is_public,
    )
    pilot_changed(pilot)
    return kpi


def kpi_delete_refusal(kpi: KPI) -> str:
    """Why the KPI cannot be deleted ("" when it can): one with measurements stays (decided in docs/pilots.md)."""
    if kpi.measurements.exists():
        return _(
            "This KPI already has measurements, so it cannot be deleted: its values are part of the pilot's "
            "public history. Edit the KPI, or correct a wrong value with a correction."
        )
    return ""


@transaction.atomic
def kpi_delete(*, actor: User, kpi: KPI) -> None:
    """Delete a KPI added by mistake. One with measurements is kept: its values are public history (correct a
    value with a correction, or edit the KPI)."""
    pilot = kpi.pilot
    require(actor, "pilots.manage_pilot", pilot, _("You cannot change the KPIs of this pilot."))
    kpi = KPI.objects.select_for_update().get(pk=kpi.pk)
    refusal = kpi_delete_refusal(kpi)
    if refusal:
        raise ServiceConflict(ErrorCode.KPI_HAS_MEASUREMENTS, refusal)
    audit_record(
        actor=actor,
        action=AuditAction.KPI_DELETED,
        target=pilot,
        data={
            "kpi": kpi.pk,
            "name": kpi.name,
            "unit": kpi.unit,
            "baseline": kpi.baseline,
            "target": kpi.target,
            "direction": kpi.direction,
            "is_co2e": kpi.is_co2e,
        },
        is_public=pilot.is_public,
    )
    kpi.delete()
    pilot_changed(pilot)


@transaction.atomic
def measurement_record(
    *,
    actor: User,
    kpi: KPI,
    value: Decimal | str,
    measured_on: date,
    note: str = "",
    corrects: KPIMeasurement | None = None,
    edit_token: str | None = None,
) -> KPIMeasurement:
    """Append a measurement. A correction is a new row that names the one it corrects and says why.

    ``edit_token`` (``measurement_token`` when the form was opened; None skips the check): a value for the same
    day, or a correction of the same value, recorded by someone else since then refuses this one
    (``EditConflict``), so two people entering the same reading do not both count."""
    pilot = kpi.pilot
    require(actor, "pilots.manage_pilot", pilot, _("You cannot record measurements for this pilot."))
    number = decimal(value, "value", missing=ErrorCode.VALUE_MISSING)
    if not isinstance(measured_on, date):
        raise invalid(ErrorCode.INVALID_DATE, _("Enter a date."), "measured_on")
    if measured_on > timezone.localdate():
        raise invalid(ErrorCode.FUTURE_DATE, _("A measurement cannot be dated in the future."), "measured_on")
    if pilot.start_date and measured_on < pilot.start_date:
        raise invalid(
            ErrorCode.BEFORE_START,
            _("A measurement cannot be dated before the pilot started (%(start)s).")
            % {"start": short_date(pilot.start_date)},
            "measured_on",
        )
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise invalid(ErrorCode.NOTE_TOO_LONG, _("Keep the note under 1,000 characters."), "note")
    if corrects is not None:
        if corrects.kpi_id != kpi.pk:
            raise invalid(ErrorCode.CORRECTS_OTHER_KPI, _("A correction must be for the same KPI."), "corrects")
        if not note:
            raise invalid(ErrorCode.CORRECTION_NOTE_MISSING, _("Say in the note why the value is corrected."), "note")
    _check_measurement_token(kpi, measured_on, corrects, number, note, edit_token)
    measurement = KPIMeasurement.objects.create(
        kpi=kpi, value=number, measured_on=measured_on, note=note, corrects=corrects, recorded_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.KPI_MEASURED,
        target=pilot,
        data={
            "kpi": kpi.pk,
            "measurement": measurement.pk,
            "value": number,
            "measured_on": measured_on.isoformat(),
            "note": note,
            "corrects": corrects.pk if corrects else None,
        },
        is_public=pilot.is_public,
    )
    pilot_changed(pilot)
    return measurement


def measurement_token(kpi: KPI) -> str:
    """The edit token of a KPI's measurement form: the newest measurement it was opened with."""
    return str(max((m.pk for m in kpi.measurements.all()), default=0))


def _check_measurement_token(
    kpi: KPI, measured_on: date, corrects: KPIMeasurement | None, number: Decimal, note: str, token: str | None
) -> None:
    if token is None:
        return
    KPI.objects.select_for_update().filter(pk=kpi.pk).first()  # one recorder of this KPI at a time
    seen = int(token) if token.isdigit() else 0
    newer = KPIMeasurement.objects.filter(kpi=kpi, pk__gt=seen).order_by("pk")
    same = [
        m
        for m in newer
        if (corrects is not None and m.corrects_id == corrects.pk)
        or (corrects is None and m.measured_on == measured_on)
    ]
    if not same:
        return
    theirs = same[-1]
    day = short_date(measured_on)
    raise EditConflict(
        _(
            "Someone else recorded a value for the same day (or corrected the same value) after you opened the "
            "form, so yours was not recorded. Compare the values below, then record again to add yours too."
        ),
        differences=[
            Difference("value", f"{_('Value')} ({day})", plain(theirs.value), plain(number)),
            Difference("note", _("Note"), theirs.note or "—", note or "—"),
        ],
        current_token=str(max(m.pk for m in newer)),
    )
