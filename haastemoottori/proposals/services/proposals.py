"""Start, save, submit and withdraw a proposal. Every change is refused at and after the deadline."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import rules
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.challenges.selectors import challenge_owner_editors
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.forms_numbers import NumberFormatError, format_number, parse_number
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.notifications.services import notification_send, user_language
from haastemoottori.organisations.models import Membership, Organisation

from ..audit_actions import AuditAction
from ..deadline import call_check_open, deadline_text
from ..errors import ErrorCode
from ..models import CallQuestion, Proposal, ProposalAnswer
from ..rules import is_lead_member, solver_organisation_ids
from .call import call_ensure
from .common import check_lead_change, lock
from .receipt import proposal_content_hash

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge


@transaction.atomic
def proposal_start(
    *,
    actor: User,
    challenge: Challenge,
    lead: Organisation,
    title: str,
    language: str = "fi",
    another: bool = False,
) -> Proposal:
    """Start a draft. An organisation may lead several proposals on one call (different solutions), but only
    by choice: while it has a draft or a submitted proposal there, a new one needs ``another=True``."""
    call_check_open(challenge, timezone.now())
    if not rules.has_perm("proposals.start_proposal", actor, challenge):
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED, _("Only members of a company or research organisation may start a proposal.")
        )
    if lead.pk not in solver_organisation_ids(actor):
        raise ServiceValidationError(
            ErrorCode.LEAD, _("Choose a company or research organisation you are a member of."), field="lead"
        )
    title = (title or "").strip()
    if not title:
        raise ServiceValidationError(ErrorCode.TITLE, _("Give the proposal a title."), field="title")
    existing = (
        Proposal.objects.filter(
            call__challenge=challenge, lead=lead, status__in=(Proposal.Status.DRAFT, Proposal.Status.SUBMITTED)
        )
        .order_by("-updated_at")
        .first()
    )
    if existing is not None and not another:
        raise ServiceConflict(
            ErrorCode.EXISTING_PROPOSAL,
            _(
                "%(org)s already has a proposal for this call: “%(title)s”. Continue it, or tick the box to "
                "start another one."
            )
            % {"org": lead, "title": existing.title},
            field="another",
        )
    call = call_ensure(challenge=challenge)
    proposal = Proposal.objects.create(
        call=call, lead=lead, title=title[:200], language=language, created_by=actor, updated_by=actor
    )
    audit_record(actor=actor, action=AuditEvent.Action.CREATED, target=proposal, data={"challenge": challenge.slug})
    return proposal


def _clean_answer(question: CallQuestion, raw: Any) -> dict[str, Any]:
    """Validate the type and limits of one answer (required-ness is checked on submit only)."""
    label = str(question.t.label)
    values: dict[str, Any] = {"text": "", "number": None, "choice": None}
    if raw in (None, ""):
        return values
    if question.kind == CallQuestion.Kind.TEXT:
        text = str(raw).strip()
        if question.max_length and len(text) > question.max_length:
            raise ServiceValidationError(
                ErrorCode.TOO_LONG,
                _("“%(question)s”: at most %(n)d characters.") % {"question": label, "n": question.max_length},
                field=f"q{question.pk}",
            )
        values["text"] = text
    elif question.kind == CallQuestion.Kind.NUMBER:
        try:
            number = parse_number(raw)
        except NumberFormatError as exc:
            raise ServiceValidationError(
                ErrorCode.NUMBER, f"“{label}”: {exc.message}", field=f"q{question.pk}"
            ) from exc
        if abs(number) >= Decimal("1e16"):
            raise ServiceValidationError(
                ErrorCode.NUMBER, _("“%(question)s”: enter a number.") % {"question": label}, field=f"q{question.pk}"
            )
        if (question.min_value is not None and number < question.min_value) or (
            question.max_value is not None and number > question.max_value
        ):
            raise ServiceValidationError(
                ErrorCode.RANGE,
                _("“%(question)s”: the number must be between %(min)s and %(max)s.")
                % {
                    "question": label,
                    "min": format_number(question.min_value) if question.min_value is not None else "–",
                    "max": format_number(question.max_value) if question.max_value is not None else "–",
                },
                field=f"q{question.pk}",
            )
        values["number"] = number.quantize(Decimal("0.01"))
    elif question.kind == CallQuestion.Kind.CHOICE:
        try:
            index = int(raw)
        except (TypeError, ValueError):
            index = -1
        if not 0 <= index < len(question.choices):
            raise ServiceValidationError(
                ErrorCode.CHOICE,
                _("“%(question)s”: choose one of the options.") % {"question": label},
                field=f"q{question.pk}",
            )
        values["choice"] = index
    return values


@transaction.atomic
def proposal_save(
    *, actor: User, proposal: Proposal, version: int, title: str | None = None, answers: dict[int, object] | None = None
) -> Proposal:
    """Save a draft partially. ``version`` is the one the editor started from: a stale save is refused."""
    proposal = lock(proposal)
    check_lead_change(actor, proposal)
    if version != proposal.version:
        who = proposal.updated_by.email if proposal.updated_by else _("someone")
        raise ServiceConflict(
            ErrorCode.STALE,
            _(
                "%(who)s saved this proposal at %(when)s, after you opened it. Your changes "
                "were not saved: they are still in the form below. Copy them, reload the "
                "page and save again."
            )
            % {"who": who, "when": deadline_text(proposal.updated_at)},
        )
    changed = []
    if title is not None:
        title = title.strip()[:200]
        if not title:
            raise ServiceValidationError(ErrorCode.TITLE, _("Give the proposal a title."), field="title")
        if title != proposal.title:
            proposal.title = title
            changed.append("title")
    questions = {q.pk: q for q in proposal.call.questions.exclude(kind=CallQuestion.Kind.FILE)}
    existing = {a.question_id: a for a in proposal.answers.all()}
    for question_id, raw in (answers or {}).items():
        question = questions.get(int(question_id))
        if question is None:
            continue
        values = _clean_answer(question, raw)
        answer = existing.get(question.pk)
        if answer is None:
            if any(v not in ("", None) for v in values.values()):
                ProposalAnswer.objects.create(proposal=proposal, question=question, **values)
                changed.append(f"q{question.pk}")
        elif any(getattr(answer, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(answer, key, value)
            answer.save()
            changed.append(f"q{question.pk}")
    proposal.version += 1
    proposal.updated_by = actor
    proposal.save()
    # Only the names of the changed fields: answers may be business secrets.
    audit_record(actor=actor, action=AuditEvent.Action.UPDATED, target=proposal, data={"fields": changed})
    return proposal


def _missing(proposal: Proposal) -> list[str]:
    answers = {a.question_id: a for a in proposal.answers.all()}
    files = {a.question_id for a in proposal.attachments.all()}
    missing = []
    for question in proposal.call.questions.all():
        if not question.required:
            continue
        if question.kind == CallQuestion.Kind.FILE:
            if question.pk not in files:
                missing.append(str(question.t.label))
        elif question.pk not in answers or answers[question.pk].is_empty:
            missing.append(str(question.t.label))
    return missing


@transaction.atomic
def proposal_submit(*, actor: User, proposal: Proposal, version: int | None = None) -> Proposal:
    """Submit the proposal and send the receipt. The same submission arriving twice (a double click, a second
    tab: the version it was made from is the one that was submitted) is answered with the submitted proposal,
    without a second submission or receipt. The row lock queues the two, so the second sees the first."""
    proposal = lock(proposal)
    if (
        proposal.status == Proposal.Status.SUBMITTED
        and version is not None
        and version + 1 == proposal.version
        and is_lead_member(actor, proposal)
    ):
        return proposal
    check_lead_change(actor, proposal)
    if version is not None and version != proposal.version:
        raise ServiceConflict(
            ErrorCode.STALE, _("The proposal was changed after you opened it. Check it and submit again.")
        )
    missing = _missing(proposal)
    if missing:
        raise ServiceValidationError(
            ErrorCode.ANSWERS_MISSING,
            _("Answer the required questions first: %(questions)s.") % {"questions": "; ".join(missing)},
        )
    waiting = [p for p in proposal.partners.select_related("organisation") if p.status != "confirmed"]
    if waiting:
        raise ServiceConflict(
            ErrorCode.PARTNERS_UNCONFIRMED,
            _(
                "Every partner must confirm before the proposal can be "
                "submitted (or be removed). Waiting for: %(partners)s."
            )
            % {"partners": ", ".join(str(p.organisation) for p in waiting)},
        )
    now = timezone.now()
    proposal.status = Proposal.Status.SUBMITTED
    proposal.submitted_at = now
    proposal.submitted_by = actor
    proposal.updated_by = actor
    proposal.version += 1
    proposal.content_hash = proposal_content_hash(proposal)
    proposal.save()
    audit_record(
        actor=actor, action=AuditAction.SUBMITTED, target=proposal, data={"content_hash": proposal.content_hash}
    )
    _notify_submitted(actor, proposal)
    public_content_changed()
    return proposal


def _lead_members(proposal: Proposal) -> list[User]:
    return [m.user for m in Membership.objects.filter(organisation=proposal.lead).select_related("user")]


def _notify_submitted(actor: User, proposal: Proposal) -> None:
    challenge = proposal.call.challenge
    context = {"proposal": proposal, "challenge": challenge, "deadline": challenge.call_deadline}
    members = _lead_members(proposal)
    notification_send(
        recipients=members,
        kind="proposals.submitted",
        template="proposals/email/submitted.txt",
        context=context,
        url_name="proposals:detail",
        url_args=[proposal.pk],
    )
    notification_send(
        recipients=challenge_owner_editors(challenge=challenge),
        kind="proposals.received",
        template="proposals/email/received.txt",
        context={"challenge": challenge},
        url_name="calls:proposals",
        url_args=[challenge.slug],
    )
    recipients = [actor, *[m for m in members if m.pk != actor.pk and m.is_active]]
    transaction.on_commit(lambda: _send_receipts(recipients, proposal, challenge))


def _send_receipts(recipients: list[User], proposal: Proposal, challenge: Challenge) -> None:
    """The receipt goes to the submitter and the lead's members whatever their notification preferences."""
    assert proposal.submitted_at is not None
    for user in recipients:
        with translation.override(user_language(user)):
            text = render_to_string(
                "proposals/email/receipt.txt",
                {
                    "proposal": proposal,
                    "challenge": challenge,
                    "submitter": proposal.submitted_by,
                    "submitted_at": deadline_text(proposal.submitted_at),
                    "url": reverse("proposals:detail", args=[proposal.pk]),
                },
            ).strip()
        subject, _sep, body = text.partition("\n")
        send_mail(" ".join(subject.split()), body.strip(), None, [user.email])


@transaction.atomic
def proposal_withdraw(*, actor: User, proposal: Proposal) -> Proposal:
    proposal = lock(proposal)
    check_lead_change(actor, proposal, editable_only=False)
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ServiceConflict(ErrorCode.NOT_SUBMITTED, _("Only a submitted proposal can be withdrawn."))
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.updated_by = actor
    proposal.version += 1
    proposal.save()
    audit_record(actor=actor, action=AuditAction.WITHDRAWN, target=proposal)
    public_content_changed()
    return proposal
