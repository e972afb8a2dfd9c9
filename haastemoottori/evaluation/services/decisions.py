"""Decisions on proposals, once every assigned non-recused evaluation is complete, and feedback to applicants."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.notifications.services import notification_send
from haastemoottori.proposals.models import Proposal

from ..audit_actions import AuditAction
from ..errors import ErrorCode
from ..models import Decision
from ..selectors import evaluation_progress

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge


@transaction.atomic
def decision_make(*, actor: User, proposal: Proposal, outcome: str, justification: str, feedback: str = "") -> Decision:
    challenge = proposal.call.challenge
    if not actor.has_perm("evaluation.decide", challenge):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You may not make decisions on this call."))
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ServiceConflict(ErrorCode.NOT_SUBMITTED, _("Decisions are made on submitted proposals only."))
    if Decision.objects.filter(proposal=proposal).exists():
        raise ServiceConflict(ErrorCode.DECIDED, _("A decision has already been made on this proposal."))
    if outcome not in Decision.Outcome.values:
        raise ServiceValidationError(ErrorCode.OUTCOME, _("Choose the decision from the list."), field="outcome")
    progress = evaluation_progress(proposal=proposal)
    if progress["pending"]:
        raise ServiceConflict(
            ErrorCode.EVALUATIONS_INCOMPLETE,
            _("Every assigned evaluation must be submitted before the decision: %(done)s of %(total)s are complete.")
            % {"done": progress["submitted"], "total": progress["active"]},
        )
    if not progress["submitted"]:
        raise ServiceConflict(ErrorCode.NO_EVALUATIONS, _("No evaluation of this proposal has been submitted yet."))
    justification = (justification or "").strip()
    if not justification:
        raise ServiceValidationError(
            ErrorCode.JUSTIFICATION_REQUIRED, _("Write a justification for the decision."), field="justification"
        )
    decision = Decision.objects.create(
        proposal=proposal,
        outcome=outcome,
        justification=justification,
        feedback=(feedback or "").strip(),
        decided_by=actor,
        decided_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action=AuditAction.DECISION_MADE,
        target=proposal,
        changes={"decision": (None, outcome)},
        data={"justification": justification, "challenge": challenge.slug},
    )
    return decision


@transaction.atomic
def decisions_send_feedback(*, actor: User, challenge: Challenge) -> int:
    """Notify each decided proposal's lead members of their own decision and feedback (in their language).
    Each decision is sent once; returns how many were sent."""
    if not actor.has_perm("evaluation.decide", challenge):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You may not send the decisions of this call."))
    decisions = list(
        Decision.objects.select_for_update()
        .filter(proposal__call__challenge=challenge, feedback_sent_at__isnull=True)
        .select_related("proposal__lead")
    )
    User = get_user_model()
    now = timezone.now()
    for decision in decisions:
        proposal = decision.proposal
        recipients = User.objects.filter(memberships__organisation_id=proposal.lead_id, is_active=True).distinct()
        notification_send(
            recipients=recipients,
            kind="evaluation.decision",
            template="evaluation/email/decision.txt",
            context={"challenge": challenge, "proposal": proposal, "decision": decision},
            url_name="proposals:detail",
            url_args=[proposal.pk],
        )
        decision.feedback_sent_at = now
        decision.save(update_fields=["feedback_sent_at"])
        audit_record(
            actor=actor,
            action=AuditAction.DECISION_FEEDBACK_SENT,
            target=proposal,
            changes={"feedback_sent_at": (None, now)},
            data={"outcome": decision.outcome},
        )
    if decisions:
        public_content_changed()
    return len(decisions)
