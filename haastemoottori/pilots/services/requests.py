"""Requests to pilot on a development platform: submit, the owner's questions and the requester's answers, the
decision (approve with conditions, decline with a reason), withdrawal. Each checks its named permission and the
request's state, changes, audits and notifies (docs/pilots.md, "Pilot requests")."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServicePermissionDenied
from haastemoottori.core.i18n import language_codes
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.notifications.services import notification_send
from haastemoottori.organisations.models import Membership, Organisation

from ..audit_actions import AuditAction
from ..errors import ErrorCode
from ..models import Pilot, PilotRequest, PilotRequestMessage
from ..rules import requesting_organisations
from ._common import invalid, require, text

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.platforms.models import DevelopmentPlatform
    from haastemoottori.proposals.models import Proposal

TITLE_MAX = 200
SITE_MAX = 200
LONG_MAX = 2000
Status = PilotRequest.Status


def _long(value: Any, field: str, label: str, *, required_message: str | None = None) -> str:
    return text(
        value,
        field,
        label,
        max_length=LONG_MAX,
        too_long=ErrorCode.REQUEST_TOO_LONG,
        missing=ErrorCode.REQUEST_MISSING,
        required_message=required_message,
    )


def _dates(start: Any, end: Any) -> tuple[date, date]:
    if not isinstance(start, date):
        raise invalid(ErrorCode.REQUEST_MISSING, _("Enter the first day of the pilot."), "start_date")
    if not isinstance(end, date):
        raise invalid(ErrorCode.REQUEST_MISSING, _("Enter the last day of the pilot."), "end_date")
    if start < timezone.localdate():
        raise invalid(ErrorCode.REQUEST_IN_PAST, _("The pilot cannot start in the past."), "start_date")
    if end < start:
        raise invalid(ErrorCode.REQUEST_DATES, _("The last day cannot be before the first day."), "end_date")
    return start, end


def _owner_staff(platform: DevelopmentPlatform) -> list[User]:
    """The editors of the city that owns the platform: they review the requests."""
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=platform.owner_id, role__in=Membership.EDITOR_ROLES
        ).select_related("user")
    ]


def _requester_people(request: PilotRequest) -> list[User]:
    """Who made the request and the requester's editors."""
    people = [
        m.user
        for m in Membership.objects.filter(
            organisation_id=request.requester_id, role__in=Membership.EDITOR_ROLES
        ).select_related("user")
    ]
    return [request.created_by, *people] if request.created_by is not None else people


def _notify(request: PilotRequest, recipients: Iterable[User | None], kind: str, actor: User) -> None:
    # The e-mails say what happened and link to the request; its confidential details stay on the page.
    notification_send(
        recipients=recipients,
        kind=f"pilots.{kind}",
        template=f"pilots/email/request_{kind.removeprefix('request_')}.txt",
        context={"request": request, "platform": request.platform},
        url_name="pilots:request-detail",
        url_args=[request.pk],
        exclude=[actor],
    )


def _lock(request: PilotRequest) -> PilotRequest:
    locked = PilotRequest.objects.select_for_update().select_related("platform", "requester").get(pk=request.pk)
    return locked


def _require_undecided(request: PilotRequest) -> None:
    if not request.is_undecided:
        raise invalid(
            ErrorCode.REQUEST_STATE,
            _("The request has already been decided or withdrawn (%(status)s).")
            % {"status": request.get_status_display()},
        )


@transaction.atomic
def pilot_request_submit(
    *,
    actor: User,
    platform: DevelopmentPlatform,
    requester: Organisation,
    title: str,
    summary: str,
    site_area: str,
    start_date: date | None,
    end_date: date | None,
    needs: Iterable[str] = (),
    needs_details: str = "",
    safety_notes: str = "",
    data_protection_notes: str = "",
    language: str = "fi",
    proposal: Proposal | None = None,
) -> PilotRequest:
    """Ask to pilot on ``platform`` for ``requester`` (an organisation of the actor's), alone or as the lead of
    ``proposal``'s consortium."""
    require(actor, "pilots.request_pilot", platform, _("Only a member of a verified company can ask to pilot."))
    if requester.pk not in {o.pk for o in requesting_organisations(actor)}:
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED, _("You can ask to pilot only for your own company or research organisation.")
        )
    if proposal is not None and (proposal.lead_id != requester.pk or proposal.status != "submitted"):
        raise invalid(
            ErrorCode.REQUEST_PROPOSAL,
            _("Choose a submitted proposal that your organisation leads."),
            "proposal",
        )
    if language not in language_codes():
        raise invalid(CommonCode.UNKNOWN_LANGUAGE, _("Choose the language from the list."), "language")
    wanted = list(dict.fromkeys(needs))
    if any(n not in PilotRequest.Need.values for n in wanted):
        raise invalid(ErrorCode.REQUEST_NEED, _("Choose the needs from the list."), "needs")
    start, end = _dates(start_date, end_date)
    request = PilotRequest(
        platform=platform,
        requester=requester,
        proposal=proposal,
        language=language,
        title=text(
            title,
            "title",
            _("What is piloted"),
            max_length=TITLE_MAX,
            too_long=ErrorCode.REQUEST_TOO_LONG,
            missing=ErrorCode.REQUEST_MISSING,
            required_message=_("Say what you want to pilot."),
        ),
        summary=_long(summary, "summary", _("Summary"), required_message=_("Describe the pilot in a few sentences.")),
        site_area=text(
            site_area,
            "site_area",
            _("Where on the site"),
            max_length=SITE_MAX,
            too_long=ErrorCode.REQUEST_TOO_LONG,
            missing=ErrorCode.REQUEST_MISSING,
            required_message=_("Say where on the site the pilot would be."),
        ),
        start_date=start,
        end_date=end,
        needs=wanted,
        needs_details=_long(needs_details, "needs_details", _("Details of the needs")),
        safety_notes=_long(safety_notes, "safety_notes", _("Safety")),
        data_protection_notes=_long(data_protection_notes, "data_protection_notes", _("Data protection")),
        created_by=actor,
    )
    request.save()
    audit_record(
        actor=actor,
        action=AuditAction.REQUEST_SUBMITTED,
        target=request,
        changes={
            "status": (None, request.status),
            "title": (None, request.title),
            "site_area": (None, request.site_area),
            "start_date": (None, start),
            "end_date": (None, end),
        },
        data={
            "platform": platform.slug,
            "requester": requester.slug,
            "proposal": str(proposal.pk) if proposal else None,
        },
    )
    _notify(request, _owner_staff(platform), "request_submitted", actor)
    return request


def _message(request: PilotRequest, actor: User, side: str, body: Any, empty: str) -> PilotRequestMessage:
    cleaned = _long(body, "body", _("Message"), required_message=empty)
    return PilotRequestMessage.objects.create(request=request, side=side, author=actor, body=cleaned)


@transaction.atomic
def pilot_request_ask(*, actor: User, request: PilotRequest, body: str) -> PilotRequestMessage:
    """The owner city asks the requester a question; the request waits for the answer."""
    require(actor, "pilots.review_pilot_request", request, _("Only the platform's city can ask about a request."))
    request = _lock(request)
    _require_undecided(request)
    message = _message(request, actor, PilotRequestMessage.Side.OWNER, body, _("Write the question."))
    old = request.status
    request.status = Status.QUESTION
    request.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.REQUEST_QUESTION,
        target=request,
        changes={"status": (old, request.status)},
        data={"message": message.pk},
    )
    _notify(request, _requester_people(request), "request_question", actor)
    return message


@transaction.atomic
def pilot_request_answer(*, actor: User, request: PilotRequest, body: str) -> PilotRequestMessage:
    """The requester answers (or adds to the request); it goes back to the owner for review."""
    require(actor, "pilots.answer_pilot_request", request, _("Only the requesting organisation can answer."))
    request = _lock(request)
    _require_undecided(request)
    message = _message(request, actor, PilotRequestMessage.Side.REQUESTER, body, _("Write the answer."))
    old = request.status
    request.status = Status.SUBMITTED
    request.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.REQUEST_ANSWERED,
        target=request,
        changes={"status": (old, request.status)} if old != request.status else {},
        data={"message": message.pk},
    )
    askers = [m.author for m in request.messages.filter(side=PilotRequestMessage.Side.OWNER).select_related("author")]
    _notify(request, [*askers, *_owner_staff(request.platform)], "request_answered", actor)
    return message


def _linked_pilot(request: PilotRequest) -> Pilot | None:
    """The pilot record of the request's proposal on this platform, whose results the public page shows."""
    if request.proposal_id is None:
        return None
    return Pilot.objects.filter(proposal_id=request.proposal_id).first()


@transaction.atomic
def pilot_request_approve(*, actor: User, request: PilotRequest, conditions: str = "") -> PilotRequest:
    """Approve, with the conditions the requester must meet; the pilot shows on the platform's public page."""
    require(actor, "pilots.review_pilot_request", request, _("Only the platform's city can approve a request."))
    request = _lock(request)
    _require_undecided(request)
    old = request.status
    request.conditions = _long(conditions, "conditions", _("Conditions"))
    request.status = Status.APPROVED
    request.decided_by, request.decided_at = actor, timezone.now()
    request.pilot = request.pilot or _linked_pilot(request)
    request.save(update_fields=["status", "conditions", "decided_by", "decided_at", "pilot", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.REQUEST_APPROVED,
        target=request,
        changes={"status": (old, request.status)},
        data={"with_conditions": bool(request.conditions), "pilot": request.pilot_id},
    )
    _notify(request, _requester_people(request), "request_approved", actor)
    public_content_changed()
    return request


@transaction.atomic
def pilot_request_decline(*, actor: User, request: PilotRequest, reason: str) -> PilotRequest:
    """Decline, with the reason the requester is told."""
    require(actor, "pilots.review_pilot_request", request, _("Only the platform's city can decline a request."))
    request = _lock(request)
    _require_undecided(request)
    old = request.status
    request.decline_reason = _long(reason, "reason", _("Reason"), required_message=_("Give the reason for declining."))
    request.status = Status.DECLINED
    request.decided_by, request.decided_at = actor, timezone.now()
    request.save(update_fields=["status", "decline_reason", "decided_by", "decided_at", "updated_at"])
    audit_record(
        actor=actor, action=AuditAction.REQUEST_DECLINED, target=request, changes={"status": (old, request.status)}
    )
    _notify(request, _requester_people(request), "request_declined", actor)
    return request


@transaction.atomic
def pilot_request_withdraw(*, actor: User, request: PilotRequest) -> PilotRequest:
    """The requester withdraws a request under review or an approved pilot that has not ended."""
    require(actor, "pilots.answer_pilot_request", request, _("Only the requesting organisation can withdraw."))
    request = _lock(request)
    ended = request.status == Status.APPROVED and request.end_date < timezone.localdate()
    if request.status not in PilotRequest.HOLDING or ended:
        raise invalid(ErrorCode.REQUEST_STATE, _("This request can no longer be withdrawn."))
    old = request.status
    request.status = Status.WITHDRAWN
    request.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor, action=AuditAction.REQUEST_WITHDRAWN, target=request, changes={"status": (old, request.status)}
    )
    _notify(request, _owner_staff(request.platform), "request_withdrawn", actor)
    if old == Status.APPROVED:
        public_content_changed()
    return request
