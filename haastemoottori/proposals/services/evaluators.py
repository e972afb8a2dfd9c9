"""Owners assign evaluators to submitted proposals."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import ServicePermissionDenied, ServiceValidationError

from ..models import EvaluatorAssignment, Proposal
from .call import call_ensure


@transaction.atomic
def evaluator_assign(*, actor, challenge, email: str, proposal: Proposal | None = None) -> list[EvaluatorAssignment]:
    """Assign a registered person to one submitted proposal, or to every submitted proposal of the call."""
    if not actor.has_perm("proposals.assign_evaluators", challenge):
        raise ServicePermissionDenied("forbidden", _("You may not assign evaluators to this call."))
    user = get_user_model().objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if user is None:
        raise ServiceValidationError("unknown_user", _("No registered person has this e-mail address."),
                                     field="email")
    call = call_ensure(challenge=challenge)
    proposals = call.proposals.submitted()
    if proposal is not None:
        proposals = proposals.filter(pk=proposal.pk)
        if not proposals.exists():
            raise ServiceValidationError("not_submitted", _("Evaluators are assigned to submitted proposals only."),
                                         field="proposal")
    created = []
    for item in proposals:
        assignment, was_created = EvaluatorAssignment.objects.get_or_create(
            proposal=item, evaluator=user, defaults={"assigned_by": actor})
        if was_created:
            created.append(assignment)
            audit_record(actor=actor, action="evaluator_assigned", target=item, data={"evaluator": user.email})
    return created
