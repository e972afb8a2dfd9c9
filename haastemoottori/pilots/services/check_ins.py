"""Writes for a pilot's check-ins."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.i18n import current_language
from haastemoottori.organisations.rules import member_organisation_ids

from ..audit_actions import AuditAction
from ..errors import ErrorCode
from ..models import CheckIn, Pilot
from ._common import invalid, pilot_changed, require

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.organisations.models import Organisation


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
    pilot_changed(pilot)
    return check_in
