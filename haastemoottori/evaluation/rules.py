"""Named permissions for evaluation (the ``rules`` library). Tested per role in tests/test_permissions.py.

Challenge-level permissions take the challenge; ``evaluation.score`` takes an ``EvaluatorAssignment``.
"""

from typing import TYPE_CHECKING

import rules
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.challenges.rules import is_lead_editor, is_owner_editor, is_owner_member
from haastemoottori.organisations.rules import is_platform_admin

if TYPE_CHECKING:
    from .models import Declaration, EvaluatorAssignment


def declaration_of(assignment: "EvaluatorAssignment") -> "Declaration | None":
    """The assignment's Declaration, or None when nothing has been declared (prefetched or one query)."""
    try:
        return assignment.declaration
    except ObjectDoesNotExist:
        return None


def is_recused(assignment) -> bool:
    declaration = declaration_of(assignment)
    return declaration is not None and declaration.is_recused


def scoring_open(challenge, now=None) -> bool:
    """Scoring happens in the evaluation stage, or once the call deadline has passed."""
    if challenge.stage == Stage.EVALUATION:
        return True
    now = now or timezone.now()
    return challenge.call_deadline is not None and challenge.call_deadline <= now and challenge.stage == Stage.OPEN_CALL


@rules.predicate
def is_own_assignment(user, assignment) -> bool:
    return assignment is not None and getattr(user, "is_authenticated", False) and assignment.evaluator_id == user.pk


@rules.predicate
def is_not_recused(user, assignment) -> bool:
    return assignment is not None and not is_recused(assignment)


@rules.predicate
def is_scoring_open(user, assignment) -> bool:
    return assignment is not None and scoring_open(assignment.proposal.call.challenge)


@rules.predicate
def is_submitted_proposal(user, assignment) -> bool:
    return assignment is not None and assignment.proposal.status == "submitted"


rules.add_perm("evaluation.configure_form", is_owner_editor | is_platform_admin)
rules.add_perm("evaluation.view_results", is_owner_member | is_platform_admin)
# Every evaluator's individual scores, comments and overrides: the owners' editors only. Other owner members
# (contributors, members, the owners' own evaluators) see the aggregate. ``aggregation.is_withheld`` still hides
# a proposal's scores from an editor who evaluates it and has not submitted.
rules.add_perm("evaluation.view_scores", is_owner_editor | is_platform_admin)
rules.add_perm("evaluation.override_score", is_lead_editor | is_platform_admin)
rules.add_perm("evaluation.decide", is_owner_editor | is_platform_admin)
# The evaluator's own page (declaration and scores): the assigned, non-recused evaluator.
rules.add_perm("evaluation.view_assignment", is_own_assignment & is_not_recused & is_submitted_proposal)
rules.add_perm("evaluation.score", is_own_assignment & is_not_recused & is_submitted_proposal & is_scoring_open)


@rules.predicate
def is_assigned_evaluator(user, proposal) -> bool:
    """An evaluator assigned to the proposal who is not recused (a declared or detected conflict of interest
    closes the proposal to them). Registered with proposals' rules by ``EvaluationConfig.ready``."""
    if proposal is None or not getattr(user, "is_authenticated", False):
        return False
    return any(a.evaluator_id == user.pk and not is_recused(a) for a in proposal.evaluators.all())
