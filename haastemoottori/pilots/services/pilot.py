"""Create and edit pilots, and record their results and the scale-up decision."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceConflict
from haastemoottori.core.i18n import language_codes
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.notifications.services import notification_send
from haastemoottori.organisations.models import Membership, Organisation
from haastemoottori.platforms.models import DevelopmentPlatform

from ..audit_actions import AuditAction
from ..errors import ErrorCode
from ..formatting import amount as format_amount
from ..formatting import short_date
from ..models import Pilot, PilotBudgetShare, PilotParticipant
from ._common import decimal, invalid, require, text, translations

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge
    from haastemoottori.proposals.models import Proposal

_ROLE_BY_KIND = {"city": "city", "public": "city", "company": "company", "research": "research"}
# Limits of the results form, per language (like the other long texts of the site).
RESULTS_MAX = 5000
REASONS_MAX = 2000


def _selected(proposal: Proposal) -> bool:
    from haastemoottori.evaluation.models import Decision

    try:
        decision = proposal.decision
    except Decision.DoesNotExist:
        return False
    return decision.outcome == Decision.Outcome.SELECTED


def _clean_facts(pilot: Pilot, data: dict[str, Any]) -> dict[str, Any]:
    """Validate the scalar facts in ``data`` against the pilot's current values; raise before changing anything."""
    cleaned: dict[str, Any] = {}
    for name, value in data.items():
        if name == "title":
            cleaned[name] = translations(
                value,
                name,
                _("Title"),
                required_language=pilot.original_language,
                missing=ErrorCode.TITLE_MISSING,
                max_length=200,
                too_long=ErrorCode.TITLE_TOO_LONG,
            )
        elif name == "scope":
            cleaned[name] = translations(
                value, name, _("Scope"), max_length=RESULTS_MAX, too_long=ErrorCode.SCOPE_TOO_LONG
            )
        elif name == "platform":
            if value is not None and not isinstance(value, DevelopmentPlatform):
                raise invalid(ErrorCode.INVALID_PLATFORM, _("Choose a development platform from the list."), name)
            cleaned[name] = value
        elif name == "location":
            cleaned[name] = str(value or "").strip()[:300]
        elif name in ("start_date", "end_date"):
            if value is not None and not isinstance(value, date):
                raise invalid(ErrorCode.INVALID_DATE, _("Enter a date."), name)
            cleaned[name] = value
        elif name == "budget_total":
            cleaned[name] = decimal(value, name, minimum=Decimal(0))
        elif name == "status":
            if value not in (Pilot.Status.PLANNED, Pilot.Status.RUNNING):
                raise invalid(ErrorCode.INVALID_STATUS, _("A pilot is finished by recording its results."), name)
            cleaned[name] = value
        else:
            raise invalid(ErrorCode.UNKNOWN_FIELD, _("Unknown field: %(field)s.") % {"field": name}, name)
    start = cleaned.get("start_date", pilot.start_date)
    end = cleaned.get("end_date", pilot.end_date)
    if start and end and end <= start:
        raise invalid(ErrorCode.PILOT_DATES, _("The pilot must end after it starts."), "end_date")
    return cleaned


def _clean_shares(
    challenge: Challenge, shares: dict[Organisation, Any], total: Decimal | None
) -> dict[Organisation, Decimal]:
    owner_ids = {o.organisation_id for o in challenge.ownerships.all()}
    cleaned: dict[Organisation, Decimal] = {}
    for organisation, amount in shares.items():
        if organisation.pk not in owner_ids or not organisation.can_own_challenges:
            raise invalid(
                ErrorCode.SHARE_NOT_OWNER,
                _("Budget shares can be given only for the cities that own the challenge."),
                "budget_shares",
            )
        value = decimal(amount, "budget_shares", minimum=Decimal(0))
        if value:
            cleaned[organisation] = value
    if cleaned and total is None:
        raise invalid(
            ErrorCode.SHARES_WITHOUT_TOTAL, _("Give the total budget before the cities' shares."), "budget_total"
        )
    if total is not None and sum(cleaned.values(), Decimal(0)) > total:
        raise invalid(
            ErrorCode.SHARES_EXCEED_TOTAL,
            _("The cities' shares (%(sum)s EUR) add up to more than the total budget (%(total)s EUR).")
            % {"sum": format_amount(sum(cleaned.values(), Decimal(0))), "total": format_amount(total)},
            "budget_shares",
        )
    return cleaned


def _participants(proposal: Proposal, challenge: Challenge) -> list[tuple[Organisation, str]]:
    found: dict[int, tuple[Organisation, str]] = {}
    found[proposal.lead_id] = (proposal.lead, _ROLE_BY_KIND.get(proposal.lead.kind, "other"))
    for partner in proposal.partners.filter(status="confirmed").select_related("organisation"):
        found.setdefault(
            partner.organisation_id, (partner.organisation, _ROLE_BY_KIND.get(partner.organisation.kind, "other"))
        )
    for ownership in challenge.ownerships.select_related("organisation"):
        if ownership.organisation.can_own_challenges:
            found.setdefault(ownership.organisation_id, (ownership.organisation, "city"))
    return list(found.values())


@transaction.atomic
def pilot_create(
    *,
    actor: User,
    proposal: Proposal,
    start_date: date | None = None,
    end_date: date | None = None,
    title: dict[str, str] | None = None,
    original_language: str | None = None,
    platform: DevelopmentPlatform | None = None,
    location: str = "",
    budget_total: Decimal | str | None = None,
    budget_shares: dict[Organisation, Any] | None = None,
    scope: dict[str, str] | None = None,
) -> Pilot:
    """Start a pilot from a selected proposal; participants come from the proposal and the owning cities."""
    challenge = proposal.call.challenge
    require(actor, "pilots.manage_pilot", challenge, _("You cannot start pilots for this challenge."))
    if not _selected(proposal):
        raise invalid(ErrorCode.NOT_SELECTED, _("Only a selected proposal can become a pilot."), "proposal")
    if Pilot.objects.filter(proposal=proposal).exists():
        raise ServiceConflict(ErrorCode.PILOT_EXISTS, _("This proposal already has a pilot."))
    language = original_language or proposal.language
    if language not in language_codes():
        raise invalid(
            CommonCode.UNKNOWN_LANGUAGE, _("Choose the original language from the list."), "original_language"
        )
    pilot = Pilot(challenge=challenge, proposal=proposal, original_language=language, created_by=actor)
    cleaned = _clean_facts(
        pilot,
        {
            "title": title or {language: proposal.title},
            "scope": scope or {},
            "platform": platform,
            "location": location,
            "start_date": start_date,
            "end_date": end_date,
            "budget_total": budget_total,
        },
    )
    shares = _clean_shares(challenge, budget_shares or {}, cleaned["budget_total"])
    for name, value in cleaned.items():
        setattr(pilot, name, value)
    pilot.save()
    participants = _participants(proposal, challenge)
    PilotParticipant.objects.bulk_create(
        [PilotParticipant(pilot=pilot, organisation=org, role=role) for org, role in participants]
    )
    PilotBudgetShare.objects.bulk_create(
        [PilotBudgetShare(pilot=pilot, organisation=org, amount=amount) for org, amount in shares.items()]
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        target=pilot,
        changes={k: (None, v) for k, v in cleaned.items() if v not in (None, "", {})},
        data={
            "proposal": str(proposal.pk),
            "challenge": challenge.slug,
            "participants": [org.slug for org, _role in participants],
            "budget_shares": {org.slug: str(a) for org, a in shares.items()},
        },
        is_public=challenge.is_public,
    )
    company_ids = [org.pk for org, role in participants if role in ("company", "research")]
    people = [m.user for m in Membership.objects.filter(organisation_id__in=company_ids).select_related("user")]
    notification_send(
        recipients=people,
        kind="pilots.created",
        template="pilots/email/pilot_created.txt",
        context={"pilot": pilot, "challenge": challenge},
        url_name="pilots:detail",
        url_args=[pilot.pk],
        exclude=[actor],
    )
    if challenge.is_public:
        public_content_changed()
    return pilot


def _lock(pilot: Pilot) -> Pilot:
    locked = Pilot.objects.select_for_update().get(pk=pilot.pk)
    locked.challenge = pilot.challenge
    return locked


@transaction.atomic
def pilot_update(
    *, actor: User, pilot: Pilot, budget_shares: dict[Organisation, Any] | None = None, **data: Any
) -> Pilot:
    """Edit the pilot's facts (title, scope, platform, location, dates, budget and shares, planned/running)."""
    require(actor, "pilots.manage_pilot", pilot, _("You cannot edit this pilot."))
    pilot = _lock(pilot)
    cleaned = _clean_facts(pilot, data)
    total = cleaned.get("budget_total", pilot.budget_total)
    current = {s.organisation: s.amount for s in pilot.budget_shares.select_related("organisation")}
    shares = _clean_shares(pilot.challenge, current if budget_shares is None else budget_shares, total)
    changes = {k: (getattr(pilot, k), v) for k, v in cleaned.items() if getattr(pilot, k) != v}
    old_shares = {o.slug: str(a) for o, a in current.items()}
    new_shares = {o.slug: str(a) for o, a in shares.items()}
    if old_shares != new_shares:
        changes["budget_shares"] = (old_shares, new_shares)
        pilot.budget_shares.all().delete()
        PilotBudgetShare.objects.bulk_create(
            [PilotBudgetShare(pilot=pilot, organisation=org, amount=amount) for org, amount in shares.items()]
        )
    if not changes:
        return pilot
    for name, value in cleaned.items():
        setattr(pilot, name, value)
    pilot.save()
    audit_record(
        actor=actor, action=AuditEvent.Action.UPDATED, target=pilot, changes=changes, is_public=pilot.is_public
    )
    if pilot.is_public:
        public_content_changed()
    return pilot


def default_end_date(pilot: Pilot) -> date:
    """The end date the results form offers: the recorded one once finished (a correction keeps it), the planned
    end when it has already passed (the results are often written afterwards), otherwise today."""
    today = timezone.localdate()
    if pilot.end_date and (pilot.status == Pilot.Status.FINISHED or pilot.end_date <= today):
        return pilot.end_date
    return today


def _clean_end(pilot: Pilot, ended_on: date | None) -> date:
    if ended_on is None:
        ended_on = default_end_date(pilot)
    if not isinstance(ended_on, date):
        raise invalid(ErrorCode.INVALID_DATE, _("Enter a date."), "ended_on")
    if ended_on > timezone.localdate():
        raise invalid(ErrorCode.END_IN_FUTURE, _("The pilot cannot have ended in the future."), "ended_on")
    if pilot.start_date and ended_on <= pilot.start_date:
        raise invalid(
            ErrorCode.END_BEFORE_START,
            _("The pilot must end after it starts (%(start)s).") % {"start": short_date(pilot.start_date)},
            "ended_on",
        )
    return ended_on


@transaction.atomic
def pilot_finish(
    *,
    actor: User,
    pilot: Pilot,
    results: dict[str, str],
    lessons: dict[str, str],
    scale_up: str,
    scale_up_reasons: str,
    ended_on: date | None = None,
) -> Pilot:
    """Record the results, lessons learned, the scale-up decision with its reasons and the day the pilot actually
    ended (stored as its end date; by default see ``default_end_date``); the pilot is finished.

    Recording again (a correction) keeps the pilot finished and is audited with the old and new values.
    """
    require(actor, "pilots.manage_pilot", pilot, _("You cannot record the results of this pilot."))
    pilot = _lock(pilot)
    cleaned: dict[str, Any] = {
        "results": translations(
            results,
            "results",
            _("Results"),
            required_language=pilot.original_language,
            missing=ErrorCode.RESULTS_MISSING,
            max_length=RESULTS_MAX,
            too_long=ErrorCode.RESULTS_TOO_LONG,
        ),
        "lessons": translations(
            lessons, "lessons", _("Lessons learned"), max_length=RESULTS_MAX, too_long=ErrorCode.LESSONS_TOO_LONG
        ),
    }
    if scale_up not in Pilot.ScaleUp.values:
        raise invalid(
            ErrorCode.SCALE_UP_MISSING, _("Choose the scale-up decision: procure, extend or stop."), "scale_up"
        )
    reasons = text(
        scale_up_reasons,
        "scale_up_reasons",
        _("Reasons for the decision"),
        max_length=REASONS_MAX,
        too_long=ErrorCode.SCALE_UP_REASONS_TOO_LONG,
        missing=ErrorCode.SCALE_UP_REASONS_MISSING,
        required_message=_("Give the reasons for the scale-up decision."),
    )
    cleaned.update(
        {
            "scale_up": scale_up,
            "scale_up_reasons": reasons,
            "end_date": _clean_end(pilot, ended_on),
            "status": Pilot.Status.FINISHED,
        }
    )
    changes = {k: (getattr(pilot, k), v) for k, v in cleaned.items() if getattr(pilot, k) != v}
    if not changes:
        return pilot
    for name, value in cleaned.items():
        setattr(pilot, name, value)
    pilot.finished_at = pilot.finished_at or timezone.now()
    pilot.save()
    audit_record(
        actor=actor,
        action=AuditAction.PILOT_FINISHED,
        target=pilot,
        changes=changes,
        data={"scale_up": scale_up},
        is_public=pilot.is_public,
    )
    if pilot.is_public:
        public_content_changed()
    return pilot
