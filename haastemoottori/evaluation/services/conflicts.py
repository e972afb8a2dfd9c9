"""Conflicts of interest: the evaluator's declaration per proposal, declared relationships, and recusal.

A conflict is declared by the evaluator, or detected: the evaluator is a member of the proposal's lead or a
partner organisation, or has declared a relationship with the lead's or a partner's Business ID. Either way
the assignment is recused (audited) and the evaluator can no longer open or score the proposal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.evaluation.models import EvaluatorAssignment
from haastemoottori.organisations.business_id import normalise_business_id, validate_business_id
from haastemoottori.organisations.models import Membership, OrganisationIdentifier
from haastemoottori.proposals.models import ProposalPartner

from ..audit_actions import AuditAction
from ..errors import ErrorCode
from ..models import Declaration, Relationship
from ..rules import declaration_of
from .common import require_personally

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

Reason = Declaration.Reason


def _business_id(value: str, *, field: str) -> str:
    try:
        validate_business_id(value)
    except ValidationError as exc:
        raise ServiceValidationError(ErrorCode.BUSINESS_ID_INVALID, exc.messages[0], field=field) from exc
    return normalise_business_id(value)


def conflict_detect(assignment: EvaluatorAssignment) -> tuple[str, str] | None:
    """(reason, detail) when the evaluator has a conflict with the proposal that nobody had to declare."""
    proposal = assignment.proposal
    partners = [
        p
        for p in ProposalPartner.objects.filter(proposal=proposal).select_related("organisation")
        if p.status != ProposalPartner.Status.DECLINED
    ]
    orgs = set(Membership.objects.filter(user_id=assignment.evaluator_id).values_list("organisation_id", flat=True))
    if proposal.lead_id in orgs:
        return Reason.LEAD_MEMBER, str(proposal.lead)
    for partner in partners:
        if partner.organisation_id in orgs:
            return Reason.PARTNER_MEMBER, str(partner.organisation)
    ids = {p.business_id: str(p.organisation) for p in partners}
    ids.update(
        {
            i: str(proposal.lead)
            for i in OrganisationIdentifier.objects.filter(
                organisation_id=proposal.lead_id, scheme=OrganisationIdentifier.FINNISH_BUSINESS_ID
            ).values_list("identifier", flat=True)
        }
    )
    related = (
        Relationship.objects.filter(evaluator_id=assignment.evaluator_id, business_id__in=ids)
        .order_by("business_id")
        .first()
    )
    if related is not None:
        return Reason.RELATIONSHIP, f"{ids[related.business_id]} ({related.business_id})"
    return None


def _recuse(
    *, actor: User, assignment: EvaluatorAssignment, reason: str, detail: str, declaration: Declaration | None
) -> Declaration:
    now = timezone.now()
    if declaration is None:
        declaration = Declaration(assignment=assignment)
    old = declaration.status or None
    declaration.status, declaration.reason, declaration.reason_detail = Declaration.Status.RECUSED, reason, detail[:300]
    declaration.recused_at = now
    declaration.save()
    assignment.declaration = declaration
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATOR_RECUSED,
        target=assignment,
        changes={"status": (old, Declaration.Status.RECUSED)},
        data={
            "evaluator": assignment.evaluator.email,
            "proposal": str(assignment.proposal_id),
            "reason": reason,
            "detail": detail,
        },
    )
    return declaration


@transaction.atomic
def declaration_make(
    *,
    actor: User,
    assignment: EvaluatorAssignment,
    has_conflict: bool,
    description: str = "",
    business_ids: list[str] | None = None,
    language: str = "fi",
) -> Declaration:
    """The evaluator declares, for one proposal, no conflict (checked against what is known) or a conflict."""
    require_personally(actor, "evaluation.view_assignment", assignment, _("You may not evaluate this proposal."))
    if declaration_of(assignment) is not None:
        raise ServiceConflict(ErrorCode.DECLARED, _("You have already declared your interests for this proposal."))
    description = (description or "").strip()
    if has_conflict and not description:
        raise ServiceValidationError(
            ErrorCode.DESCRIPTION_REQUIRED, _("Describe the conflict of interest."), field="description"
        )
    cleaned_ids = sorted({_business_id(x, field="business_ids") for x in business_ids or [] if x.strip()})
    # Built only after every check: an unsaved Declaration(assignment=...) is cached on the assignment
    # (``assignment.declaration``), so a refusal after building it would show the caller a phantom declaration.
    declaration = Declaration(
        assignment=assignment,
        declared_at=timezone.now(),
        description=description,
        business_ids=cleaned_ids,
        language=language,
    )
    if has_conflict:
        return _recuse(
            actor=actor, assignment=assignment, reason=Reason.DECLARED, detail=description, declaration=declaration
        )
    found = conflict_detect(assignment)
    if found is not None:
        return _recuse(actor=actor, assignment=assignment, reason=found[0], detail=found[1], declaration=declaration)
    declaration.status = Declaration.Status.CLEARED
    declaration.save()
    assignment.declaration = declaration
    audit_record(
        actor=actor,
        action=AuditAction.CONFLICT_DECLARED_NONE,
        target=assignment,
        data={"proposal": str(assignment.proposal_id)},
    )
    return declaration


@transaction.atomic
def relationship_add(
    *, actor: User, business_id: str, description: str = "", language: str = "fi"
) -> tuple[Relationship, list[Declaration]]:
    """Declare a tie to an organisation; every assignment of the person it conflicts with is recused now."""
    if not getattr(actor, "is_authenticated", False):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("Sign in to declare a relationship."))
    business_id = _business_id(business_id, field="business_id")
    if Relationship.objects.filter(evaluator=actor, business_id=business_id).exists():
        raise ServiceValidationError(
            ErrorCode.DUPLICATE, _("You have already declared this Business ID."), field="business_id"
        )
    relationship = Relationship.objects.create(
        evaluator=actor, business_id=business_id, description=(description or "").strip(), language=language
    )
    audit_record(
        actor=actor, action=AuditAction.RELATIONSHIP_DECLARED, target=relationship, data={"business_id": business_id}
    )
    recused = []
    for assignment in (
        EvaluatorAssignment.objects.filter(evaluator=actor)
        .select_related("proposal__lead", "evaluator")
        .exclude(declaration__status=Declaration.Status.RECUSED)
    ):
        found = conflict_detect(assignment)
        if found is not None:
            recused.append(
                _recuse(
                    actor=actor,
                    assignment=assignment,
                    reason=found[0],
                    detail=found[1],
                    declaration=declaration_of(assignment),
                )
            )
    return relationship, recused


@transaction.atomic
def conflict_recheck(*, actor: User, assignment: EvaluatorAssignment) -> bool:
    """Look again before scoring: a tie that appeared after the evaluator declared no conflict (they joined
    the lead or a partner, or declared a relationship since) recuses them now. True when recused."""
    declaration = declaration_of(assignment)
    if declaration is None or declaration.status != Declaration.Status.CLEARED:
        return False
    found = conflict_detect(assignment)
    if found is None:
        return False
    _recuse(actor=actor, assignment=assignment, reason=found[0], detail=found[1], declaration=declaration)
    return True
