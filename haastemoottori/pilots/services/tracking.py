"""KPIs and their measurements, milestones and check-ins. Measurements are appended, never overwritten."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.i18n import current_language
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.organisations.rules import member_organisation_ids

from ..models import KPI, CheckIn, KPIMeasurement, Milestone, Pilot
from ._common import decimal, invalid, require, translations


def _changed(pilot: Pilot) -> None:
    if pilot.is_public:
        public_content_changed()


@transaction.atomic
def kpi_add(*, actor, pilot: Pilot, name: dict[str, str], baseline: Decimal | str, target: Decimal | str,
            direction: str, unit: str = "", method: str = "", is_co2e: bool = False) -> KPI:
    require(actor, "pilots.manage_pilot", pilot, _("You cannot change the KPIs of this pilot."))
    name = translations(name, "name", _("Name"), required_language=pilot.original_language, max_length=200)
    baseline_value = decimal(baseline, "baseline")
    target_value = decimal(target, "target")
    if direction not in KPI.Direction.values:
        raise invalid("invalid_direction", _("Choose whether higher or lower is better."), "direction")
    if baseline_value == target_value:
        raise invalid("target_equals_baseline", _("The target must differ from the baseline."), "target")
    if (direction == KPI.Direction.INCREASE) != (target_value > baseline_value):
        raise invalid("target_direction", _("The target must be on the better side of the baseline."), "target")
    unit, method = (unit or "").strip(), (method or "").strip()
    if len(unit) > 60:
        raise invalid("unit_too_long", _("A unit can be at most 60 characters."), "unit")
    if is_co2e and not (unit and method):
        raise invalid("co2e_unit_method", _("A CO2e indicator needs its unit and measurement method."),
                      "method" if unit else "unit")
    kpi = KPI.objects.create(pilot=pilot, name=name, original_language=pilot.original_language, unit=unit,
                             method=method, baseline=baseline_value, target=target_value, direction=direction,
                             is_co2e=bool(is_co2e))
    audit_record(actor=actor, action="kpi_added", target=pilot, data={
        "kpi": kpi.pk, "name": name, "unit": unit, "method": method, "baseline": baseline_value,
        "target": target_value, "direction": direction, "is_co2e": kpi.is_co2e}, is_public=pilot.is_public)
    _changed(pilot)
    return kpi


@transaction.atomic
def measurement_record(*, actor, kpi: KPI, value: Decimal | str, measured_on: date, note: str = "",
                       corrects: KPIMeasurement | None = None) -> KPIMeasurement:
    """Append a measurement. A correction is a new row that names the one it corrects and says why."""
    pilot = kpi.pilot
    require(actor, "pilots.manage_pilot", pilot, _("You cannot record measurements for this pilot."))
    number = decimal(value, "value")
    if not isinstance(measured_on, date):
        raise invalid("invalid_date", _("Enter a date."), "measured_on")
    if measured_on > timezone.localdate():
        raise invalid("future_date", _("A measurement cannot be dated in the future."), "measured_on")
    note = (note or "").strip()
    if corrects is not None:
        if corrects.kpi_id != kpi.pk:
            raise invalid("corrects_other_kpi", _("A correction must be for the same KPI."), "corrects")
        if not note:
            raise invalid("correction_note_missing", _("Say in the note why the value is corrected."), "note")
    measurement = KPIMeasurement.objects.create(kpi=kpi, value=number, measured_on=measured_on, note=note,
                                                corrects=corrects, recorded_by=actor)
    audit_record(actor=actor, action="kpi_measured", target=pilot, data={
        "kpi": kpi.pk, "measurement": measurement.pk, "value": number, "measured_on": measured_on.isoformat(),
        "note": note, "corrects": corrects.pk if corrects else None}, is_public=pilot.is_public)
    _changed(pilot)
    return measurement


@transaction.atomic
def milestone_add(*, actor, pilot: Pilot, title: dict[str, str], due_date: date) -> Milestone:
    require(actor, "pilots.manage_pilot", pilot, _("You cannot change the milestones of this pilot."))
    title = translations(title, "title", _("Title"), required_language=pilot.original_language, max_length=200)
    if not isinstance(due_date, date):
        raise invalid("invalid_date", _("Enter a date."), "due_date")
    milestone = Milestone.objects.create(pilot=pilot, title=title, original_language=pilot.original_language,
                                         due_date=due_date)
    audit_record(actor=actor, action="milestone_added", target=pilot,
                 data={"milestone": milestone.pk, "title": title, "due_date": due_date.isoformat()},
                 is_public=pilot.is_public)
    _changed(pilot)
    return milestone


@transaction.atomic
def milestone_set_done(*, actor, milestone: Milestone, done: bool) -> Milestone:
    pilot = milestone.pilot
    require(actor, "pilots.manage_pilot", pilot, _("You cannot change the milestones of this pilot."))
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if bool(milestone.done_at) == done:
        return milestone
    old = milestone.done_at
    milestone.done_at = timezone.now() if done else None
    milestone.save(update_fields=["done_at"])
    audit_record(actor=actor, action="milestone_done" if done else "milestone_reopened", target=pilot,
                 changes={"done_at": (old, milestone.done_at)}, data={"milestone": milestone.pk},
                 is_public=pilot.is_public)
    _changed(pilot)
    return milestone


def _check_in_organisation(actor, pilot: Pilot):
    """The organisation the author reports for: their participating organisation, owners' cities first."""
    mine = member_organisation_ids(actor)
    for participant in sorted(pilot.participants.all(), key=lambda p: p.role != "city"):
        if participant.organisation_id in mine:
            return participant.organisation
    return None


@transaction.atomic
def check_in_create(*, actor, pilot: Pilot, status: str, summary: str, next_steps: str = "",
                    on: date | None = None, language: str | None = None) -> CheckIn:
    """A short status report by an owner or a member of the pilot's company."""
    require(actor, "pilots.check_in", pilot, _("You cannot report on this pilot."))
    if pilot.status in (Pilot.Status.FINISHED, Pilot.Status.STOPPED):
        raise invalid("pilot_ended", _("The pilot has ended; check-ins are closed."), "status")
    if status not in CheckIn.Status.values:
        raise invalid("invalid_status", _("Choose a status from the list."), "status")
    summary, next_steps = (summary or "").strip(), (next_steps or "").strip()
    if not summary:
        raise invalid("summary_missing", _("Write a short summary."), "summary")
    if len(summary) > 2000 or len(next_steps) > 2000:
        raise invalid("too_long", _("Keep the summary and next steps under 2,000 characters each."), "summary")
    check_in = CheckIn.objects.create(
        pilot=pilot, author=actor, organisation=_check_in_organisation(actor, pilot),
        date=on or timezone.localdate(), status=status, summary=summary, next_steps=next_steps,
        language=language or current_language())
    audit_record(actor=actor, action="checked_in", target=pilot,
                 data={"check_in": check_in.pk, "status": status}, is_public=pilot.is_public)
    _changed(pilot)
    return check_in
