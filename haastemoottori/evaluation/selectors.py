"""Reads of the evaluation app. Pages read through these with a fixed number of queries.

Score independence lives in :mod:`.aggregation`: no one sees another evaluator's scores of a proposal
while they themselves are assigned to it and have not submitted their evaluation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Prefetch, QuerySet

from haastemoottori.challenges.models import Challenge
from haastemoottori.challenges.selectors import challenge_detail_queryset
from haastemoottori.evaluation.models import EvaluatorAssignment
from haastemoottori.proposals.models import Proposal, ProposalPartner

from .models import Decision, Declaration, Evaluation, EvaluationCriterion, EvaluationForm, Relationship, Score
from .rules import declaration_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from haastemoottori.accounts.models import User


def challenge_for_evaluation(*, slug: str, user: User) -> Challenge | None:
    """The challenge behind an owners' evaluation URL if the user may see the challenge."""
    challenge = challenge_detail_queryset().filter(slug=slug).first()
    if challenge is None or not user.has_perm("challenges.view_challenge", challenge):
        return None
    return challenge


def form_for_challenge(*, challenge: Challenge) -> EvaluationForm | None:
    return (
        EvaluationForm.objects.filter(call__challenge=challenge)
        .prefetch_related(Prefetch("criteria", queryset=EvaluationCriterion.objects.select_related("source")))
        .first()
    )


def _assignment_queryset() -> QuerySet[EvaluatorAssignment]:
    return EvaluatorAssignment.objects.select_related(
        "evaluator", "declaration", "evaluation", "proposal__lead", "proposal__call__challenge"
    )


def _scores_prefetch() -> Prefetch[str, QuerySet[Score], str]:
    return Prefetch(
        "evaluation__scores",
        queryset=Score.objects.select_related("criterion").prefetch_related("overrides__overridden_by"),
    )


def assignments_for_user(*, user: User | AnonymousUser) -> list[EvaluatorAssignment]:
    """The person's assignments on submitted proposals, newest call first."""
    if not user.is_authenticated:
        return []
    return list(
        _assignment_queryset()
        .filter(evaluator=user, proposal__status=Proposal.Status.SUBMITTED)
        .order_by("-proposal__call__challenge__call_deadline", "proposal__title")
    )


def assignment_for_user(*, pk: int, user: User | AnonymousUser) -> EvaluatorAssignment | None:
    """One of the person's own assignments (None for anyone else's), with its scores and the proposal's owners."""
    if not user.is_authenticated:
        return None
    # Every assignment of the proposal with its declaration, evaluation and scores: the aggregate after
    # submitting reads them all (a fixed number of queries whatever the number of evaluators).
    evaluators = EvaluatorAssignment.objects.select_related("declaration", "evaluation").prefetch_related(
        _scores_prefetch()
    )
    return (
        _assignment_queryset()
        .filter(pk=pk, evaluator=user)
        .prefetch_related(
            _scores_prefetch(),
            Prefetch("proposal__evaluators", queryset=evaluators),
            "proposal__call__challenge__ownerships",
        )
        .first()
    )


def relationships_for_user(*, user: User | AnonymousUser) -> list[Relationship]:
    return list(Relationship.objects.filter(evaluator=user)) if user.is_authenticated else []


def recused_proposal_ids(user: User | AnonymousUser) -> set[UUID]:
    """The proposals the person is recused from (a declared or detected conflict of interest): they read none of
    them, whatever other role they hold. Registered with proposals' rules by ``EvaluationConfig.ready``."""
    if not user.is_authenticated:
        return set()
    return set(
        EvaluatorAssignment.objects.filter(evaluator=user, declaration__status=Declaration.Status.RECUSED).values_list(
            "proposal_id", flat=True
        )
    )


def proposals_with_evaluations(*, challenge: Challenge, viewer: User | AnonymousUser | None = None) -> list[Proposal]:
    """Submitted proposals of the challenge with every assignment, declaration, evaluation, score and override
    (six queries whatever the number of proposals); without those ``viewer`` is recused from."""
    assignments = _assignment_queryset().prefetch_related(_scores_prefetch()).order_by("evaluator__email")
    excluded = recused_proposal_ids(viewer) if viewer is not None else set()
    return list(
        Proposal.objects.submitted()
        .filter(call__challenge=challenge)
        .exclude(pk__in=excluded)
        .select_related("lead", "decision__decided_by")
        .prefetch_related(
            Prefetch("evaluators", queryset=assignments),
            Prefetch("partners", queryset=ProposalPartner.objects.select_related("organisation")),
        )
        .order_by("title", "pk")
    )


def proposal_with_evaluations(
    *, challenge: Challenge, pk: UUID | str, viewer: User | AnonymousUser | None = None
) -> Proposal | None:
    """One submitted proposal with its evaluations; None also when ``viewer`` is recused from it."""
    proposals = proposals_with_evaluations(challenge=challenge, viewer=viewer)
    return next((p for p in proposals if str(p.pk) == str(pk)), None)


def evaluation_of(assignment: EvaluatorAssignment) -> Evaluation | None:
    try:
        return assignment.evaluation
    except Evaluation.DoesNotExist:
        return None


def assignment_state(assignment: EvaluatorAssignment) -> str:
    """pending (nothing declared), recused, cleared, draft or submitted."""
    declaration = declaration_of(assignment)
    if declaration is None:
        return "pending"
    if declaration.status == Declaration.Status.RECUSED:
        return "recused"
    evaluation = evaluation_of(assignment)
    if evaluation is None:
        return "cleared"
    return evaluation.status


def evaluation_progress(*, proposal: Proposal) -> dict[str, int]:
    """How many assignments of the proposal are active (not recused), submitted, pending and recused."""
    assignments = list(
        EvaluatorAssignment.objects.filter(proposal=proposal).select_related("declaration", "evaluation")
    )
    states = [assignment_state(a) for a in assignments]
    active = [s for s in states if s != "recused"]
    submitted = sum(1 for s in active if s == "submitted")
    return {
        "active": len(active),
        "submitted": submitted,
        "pending": len(active) - submitted,
        "recused": len(states) - len(active),
    }


def decisions_for_challenge(*, challenge: Challenge) -> list[Decision]:
    return list(
        Decision.objects.filter(proposal__call__challenge=challenge)
        .select_related("proposal__lead", "decided_by")
        .order_by("proposal__title")
    )


def public_decisions(*, challenge: Challenge) -> list[Decision]:
    """Decisions whose feedback has been sent to the applicants (the public only learns an outcome after them)."""
    return list(
        Decision.objects.filter(
            proposal__call__challenge=challenge,
            feedback_sent_at__isnull=False,
            proposal__status=Proposal.Status.SUBMITTED,
        )
        .select_related("proposal__lead")
        .order_by("proposal__title")
    )


def is_evaluator(user: User) -> bool:
    """Assigned to evaluate at least one proposal: an evaluator (accounts/staff_roles.py)."""
    return EvaluatorAssignment.objects.filter(evaluator=user).exists()
