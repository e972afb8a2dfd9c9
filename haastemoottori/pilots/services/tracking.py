"""KPIs and their measurements, milestones and check-ins. Measurements are appended, never overwritten."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import ServiceConflict
from haastemoottori.core.i18n import current_language
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.organisations.rules import member_organisation_ids

from ..audit_actions import AuditAction
from ..errors import ErrorCode
from ..formatting import short_date
from ..models import KPI, CheckIn, KPIMeasurement, Milestone, Pilot
from ._common import decimal, invalid, require, translations

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.organisations.models import Organisation

METHOD_MAX = 2000
NOTE_MAX = 1000
MILESTONE_YEARS_AFTER = 5


def _changed(pilot: Pilot, *, milestones: bool = False) -> None:
    if milestones:  # the OCDS implementation release dates its milestones by the pilot's last change
        Pilot.objects.filter(pk=pilot.pk).update(updated_at=timezone.now())
    if pilot.is_public:
        public_content_changed()


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
    _changed(pilot)
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
    _changed(pilot)
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
    _changed(pilot)


@transaction.atomic
def measurement_record(
    *,
    actor: User,
    kpi: KPI,
    value: Decimal | str,
    measured_on: date,
    note: str = "",
    corrects: KPIMeasurement | None = None,
) -> KPIMeasurement:
    """Append a measurement. A correction is a new row that names the one it corrects and says why."""
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
    _changed(pilot)
    return measurement


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def milestone_window(pilot: Pilot) -> tuple[date | None, date | None]:
    """The due dates a milestone may have: from a year before the start to five years after the (planned) end,
    or after the start when there is no end. Preparations before and follow-ups after a pilot fit; typos such
    as 2002 for 2026 or 9999 do not."""
    earliest = pilot.start_date - timedelta(days=365) if pilot.start_date else None
    anchor = pilot.end_date or pilot.start_date
    return earliest, _years_later(anchor, MILESTONE_YEARS_AFTER) if anchor else None


def _clean_milestone(pilot: Pilot, title: Any, due_date: Any) -> tuple[dict[str, str], date]:
    title = translations(
        title,
        "title",
        _("Title"),
        required_language=pilot.original_language,
        missing=ErrorCode.TITLE_MISSING,
        max_length=200,
        too_long=ErrorCode.TITLE_TOO_LONG,
    )
    if not isinstance(due_date, date):
        raise invalid(ErrorCode.INVALID_DATE, _("Enter a date."), "due_date")
    earliest, latest = milestone_window(pilot)
    if (earliest and due_date < earliest) or (latest and due_date > latest):
        raise invalid(
            ErrorCode.DUE_DATE_OUT_OF_RANGE,
            _(
                "The due date must be between %(earliest)s and %(latest)s: from a year before the pilot starts to five "
                "years after it ends."
            )
            % {"earliest": short_date(earliest) or "–", "latest": short_date(latest) or "–"},
            "due_date",
        )
    return title, due_date


@transaction.atomic
def milestone_add(*, actor: User, pilot: Pilot, title: dict[str, str], due_date: date) -> Milestone:
    require(actor, "pilots.manage_pilot", pilot, _("You cannot change the milestones of this pilot."))
    title, due_date = _clean_milestone(pilot, title, due_date)
    milestone = Milestone.objects.create(
        pilot=pilot, title=title, original_language=pilot.original_language, due_date=due_date
    )
    audit_record(
        actor=actor,
        action=AuditAction.MILESTONE_ADDED,
        target=pilot,
        data={"milestone": milestone.pk, "title": title, "due_date": due_date.isoformat()},
        is_public=pilot.is_public,
    )
    _changed(pilot, milestones=True)
    return milestone


@transaction.atomic
def milestone_update(*, actor: User, milestone: Milestone, title: dict[str, str], due_date: date) -> Milestone:
    pilot = milestone.pilot
    require(actor, "pilots.manage_pilot", pilot, _("You cannot change the milestones of this pilot."))
    title, due_date = _clean_milestone(pilot, title, due_date)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    changes = {
        k: (getattr(milestone, k), v)
        for k, v in (("title", title), ("due_date", due_date))
        if getattr(milestone, k) != v
    }
    if not changes:
        return milestone
    milestone.title, milestone.due_date = title, due_date
    milestone.save(update_fields=["title", "due_date"])
    audit_record(
        actor=actor,
        action=AuditAction.MILESTONE_UPDATED,
        target=pilot,
        changes=changes,
        data={"milestone": milestone.pk},
        is_public=pilot.is_public,
    )
    _changed(pilot, milestones=True)
    return milestone


@transaction.atomic
def milestone_delete(*, actor: User, milestone: Milestone) -> None:
    pilot = milestone.pilot
    require(actor, "pilots.manage_pilot", pilot, _("You cannot change the milestones of this pilot."))
    audit_record(
        actor=actor,
        action=AuditAction.MILESTONE_DELETED,
        target=pilot,
        data={
            "milestone": milestone.pk,
            "title": milestone.title,
            "due_date": milestone.due_date.isoformat(),
            "done_at": milestone.done_at,
        },
        is_public=pilot.is_public,
    )
    milestone.delete()
    _changed(pilot, milestones=True)


@transaction.atomic
def milestone_set_done(*, actor: User, milestone: Milestone, done: bool) -> Milestone:
    pilot = milestone.pilot
    require(actor, "pilots.manage_pilot", pilot, _("You cannot change the milestones of this pilot."))
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if bool(milestone.done_at) == done:
        return milestone
    old = milestone.done_at
    milestone.done_at = timezone.now() if done else None
    milestone.save(update_fields=["done_at"])
    audit_record(
        actor=actor,
        action=AuditAction.MILESTONE_DONE if done else AuditAction.MILESTONE_REOPENED,
        target=pilot,
        changes={"done_at": (old, milestone.done_at)},
        data={"milestone": milestone.pk},
        is_public=pilot.is_public,
    )
    _changed(pilot, milestones=True)
    return milestone


def _check_in_organisation(actor: User, pilot: Pilot) -> Organisation | None:
    """The organisation the author reports for: their participating organisation, owners' cities first."""
    mine = member_organisation_ids(actor)
    for participant in sorted(pilot.participants.all(), key=lambda p: p.role != "city"):
        if participant.organisation_id in mine:
            return participant.organisation
    return None


@transaction.atomic
def check_in_create(
    *,
    actor: User,
    pilot: Pilot,
    status: str,
    summary: str,
    next_steps: str = "",
    on: date | None = None,
    language: str | None = None,
) -> CheckIn:
    """A short status report by an owner or a member of the pilot's company."""
    require(actor, "pilots.check_in", pilot, _("You cannot report on this pilot."))
    if pilot.status in (Pilot.Status.FINISHED, Pilot.Status.STOPPED):
        raise invalid(ErrorCode.PILOT_ENDED, _("The pilot has ended; check-ins are closed."), "status")
    if status not in CheckIn.Status.values:
        raise invalid(ErrorCode.INVALID_STATUS, _("Choose a status from the list."), "status")
    summary, next_steps = (summary or "").strip(), (next_steps or "").strip()
    if not summary:
        raise invalid(ErrorCode.SUMMARY_MISSING, _("Write a short summary."), "summary")
    if len(summary) > 2000 or len(next_steps) > 2000:
        raise invalid(ErrorCode.TOO_LONG, _("Keep the summary and next steps under 2,000 characters each."), "summary")
    check_in = CheckIn.objects.create(
        pilot=pilot,
        author=actor,
        organisation=_check_in_organisation(actor, pilot),
        date=on or timezone.localdate(),
        status=status,
        summary=summary,
        next_steps=next_steps,
        language=language or current_language(),
    )
    audit_record(
        actor=actor,
        action=AuditAction.CHECKED_IN,
        target=pilot,
        data={"check_in": check_in.pk, "status": status},
        is_public=pilot.is_public,
    )
    _changed(pilot)
    return check_in
