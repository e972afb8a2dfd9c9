"""Writes for a pilot's milestones."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record

from ..audit_actions import AuditAction
from ..errors import ErrorCode
from ..formatting import short_date
from ..models import Milestone, Pilot
from ._common import invalid, pilot_changed, require, translations

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

MILESTONE_YEARS_AFTER = 5


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
    pilot_changed(pilot, milestones=True)
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
    pilot_changed(pilot, milestones=True)
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
    pilot_changed(pilot, milestones=True)


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
    pilot_changed(pilot, milestones=True)
    return milestone
