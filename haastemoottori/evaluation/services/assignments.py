"""Owners assign evaluators to submitted proposals, and remove an assignment that has not been used yet."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.notifications.services import notification_send
from haastemoottori.organisations.models import Membership, Organisation
from haastemoottori.proposals.models import Proposal, ProposalPartner
from haastemoottori.proposals.services import call_ensure

from ..audit_actions import AuditAction
from ..errors import ErrorCode
from ..models import Declaration, Evaluation, EvaluatorAssignment

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge


@dataclass
class AssignResult:
    """What one assignment request did: the new assignments, the proposals the person was already assigned to,
    and those they could not be assigned to because they are a member of the lead or a partner."""

    created: list[EvaluatorAssignment] = field(default_factory=list)
    already: list[Proposal] = field(default_factory=list)
    conflicts: list[tuple[Proposal, object]] = field(default_factory=list)  # (proposal, the organisation)


def _member_conflict(proposal: Proposal, org_ids: set[int]) -> Organisation | None:
    """The lead or a (non-declined) partner organisation of the proposal the person is a member of, or None."""
    if proposal.lead_id in org_ids:
        return proposal.lead
    for partner in proposal.partners.all():
        if partner.status != ProposalPartner.Status.DECLINED and partner.organisation_id in org_ids:
            return partner.organisation
    return None


@transaction.atomic
def evaluator_assign(
    *, actor: User, challenge: Challenge, email: str, proposal: Proposal | None = None
) -> AssignResult:
    """Assign a registered person to one submitted proposal, or to every submitted proposal of the call.

    A member of a proposal's lead or partner organisation is not assigned to it (the conflict of interest is
    known already); assigning one proposal to such a person, or to someone already assigned, is refused. The
    person is notified once of the new assignments."""
    if not actor.has_perm("proposals.assign_evaluators", challenge):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You may not assign evaluators to this call."))
    user = get_user_model().objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if user is None:
        raise ServiceValidationError(
            ErrorCode.UNKNOWN_USER, _("No registered person has this e-mail address."), field="email"
        )
    call = call_ensure(challenge=challenge)
    proposals = call.proposals.submitted().select_related("lead").prefetch_related("partners__organisation")
    if proposal is not None:
        proposals = proposals.filter(pk=proposal.pk)
        if not proposals.exists():
            raise ServiceValidationError(
                ErrorCode.NOT_SUBMITTED, _("Evaluators are assigned to submitted proposals only."), field="proposal"
            )
    org_ids = set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
    assigned = set(
        EvaluatorAssignment.objects.filter(evaluator=user, proposal__call=call).values_list("proposal_id", flat=True)
    )
    result = AssignResult()
    for item in proposals.order_by("submitted_at", "pk"):
        organisation = _member_conflict(item, org_ids)
        if organisation is not None:
            result.conflicts.append((item, organisation))
        elif item.pk in assigned:
            result.already.append(item)
        else:
            result.created.append(EvaluatorAssignment.objects.create(proposal=item, evaluator=user, assigned_by=actor))
            audit_record(
                actor=actor, action=AuditAction.EVALUATOR_ASSIGNED, target=item, data={"evaluator": user.email}
            )
    if not result.created:
        _refuse_empty(result, user)
    notification_send(
        recipients=[user],
        kind="evaluation.assigned",
        template="evaluation/email/evaluator_assigned.txt",
        context={"challenge": challenge, "proposals": [a.proposal for a in result.created]},
        url_name="evaluation:mine",
        exclude=[actor],
    )
    return result


def _refuse_empty(result: AssignResult, user: User) -> None:
    """Nothing was assigned: say why (one proposal, or every proposal of the call)."""
    if result.conflicts:
        item, organisation = result.conflicts[0]
        raise ServiceValidationError(
            ErrorCode.MEMBER_OF_APPLICANT,
            _(
                "%(email)s cannot evaluate “%(title)s”: they are a member of %(organisation)s, which made the proposal "
                "or is a partner in it."
            )
            % {"email": user.email, "title": item.title, "organisation": organisation},
            field="email",
        )
    if len(result.already) == 1:
        raise ServiceValidationError(
            ErrorCode.ALREADY_ASSIGNED,
            _("%(email)s is already assigned to “%(title)s”.")
            % {"email": user.email, "title": result.already[0].title},
            field="email",
        )
    if result.already:
        raise ServiceValidationError(
            ErrorCode.ALREADY_ASSIGNED,
            _("%(email)s is already assigned to every submitted proposal.") % {"email": user.email},
            field="email",
        )
    raise ServiceValidationError(ErrorCode.NO_PROPOSALS, _("No proposal has been submitted yet."), field="proposal")


@transaction.atomic
def evaluator_unassign(*, actor: User, assignment: EvaluatorAssignment) -> None:
    """Remove an assignment (and any draft scores) so that the decision no longer waits for it.

    Refused once the evaluator has submitted an evaluation (it counts, so they stay) and after a recusal (the
    decision record shows how the conflict of interest was handled; a recused evaluator never blocks a decision).
    The person is notified."""
    challenge = assignment.proposal.call.challenge
    if not actor.has_perm("proposals.assign_evaluators", challenge):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You may not remove evaluators of this call."))
    locked = EvaluatorAssignment.objects.select_for_update().filter(pk=assignment.pk).first()
    if locked is None:
        raise ServiceConflict(ErrorCode.GONE, _("The assignment has already been removed."))
    evaluator, proposal = assignment.evaluator, assignment.proposal
    evaluation = Evaluation.objects.filter(assignment=locked).first()
    if evaluation is not None and evaluation.is_submitted:
        raise ServiceConflict(
            ErrorCode.EVALUATION_SUBMITTED,
            _("%(email)s has submitted an evaluation of this proposal, so they stay assigned.")
            % {"email": evaluator.email},
        )
    if Declaration.objects.filter(assignment=locked, status=Declaration.Status.RECUSED).exists():
        raise ServiceConflict(
            ErrorCode.RECUSED,
            _("%(email)s was recused: the assignment stays in the decision record and does not hold up the decision.")
            % {"email": evaluator.email},
        )
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATOR_UNASSIGNED,
        target=proposal,
        data={"evaluator": evaluator.email, "draft_discarded": evaluation is not None},
    )
    locked.delete()
    notification_send(
        recipients=[evaluator],
        kind="evaluation.unassigned",
        template="evaluation/email/evaluator_unassigned.txt",
        context={"challenge": challenge, "proposal": proposal},
        url_name="evaluation:mine",
        exclude=[actor],
    )
