"""Aggregated results per proposal: weighted total, per-criterion mean and spread, disagreement, pass/fail.

Each score is normalised to 0–1 of its criterion's scale (numeric: (value − min) / (max − min); rating:
(position − 1) / (labels − 1); pass/fail: 1 or 0). The total is the weighted mean of the per-criterion means,
times 100. A proposal "did not pass" when a pass/fail criterion's mean is below 0.5 (most evaluators failed it)
or a criterion's mean (on its own scale) is below its threshold. A criterion is flagged for disagreement when
the spread (max − min of the normalised scores) exceeds :data:`DISAGREEMENT_THRESHOLD`.

Independence: :func:`is_withheld` is true for a viewer assigned to the proposal who has not submitted their
evaluation (or was recused); nothing of the proposal's scores is computed for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from .models import EvaluationCriterion, Score
from .rules import declaration_of
from .selectors import assignment_state, evaluation_of

if TYPE_CHECKING:
    from haastemoottori.proposals.models import Proposal

DISAGREEMENT_THRESHOLD = 0.3
PASS_FAIL_MAJORITY = 0.5


def effective_value(score: Score) -> Decimal | None:
    """The latest override's value, else the evaluator's own."""
    overrides = list(score.overrides.all())
    return overrides[-1].value if overrides else score.value


@dataclass
class CriterionResult:
    criterion: EvaluationCriterion
    count: int = 0
    mean: float | None = None  # on the criterion's own scale
    mean_normalised: float | None = None
    spread: float | None = None  # max − min of the normalised scores
    passed: bool = True

    @property
    def disagreement(self) -> bool:
        return self.spread is not None and self.spread > DISAGREEMENT_THRESHOLD


@dataclass
class ProposalResult:
    proposal: Proposal
    withheld: bool = False
    submitted: int = 0
    active: int = 0
    recused: int = 0
    total: float | None = None
    passed: bool | None = None
    criteria: list[CriterionResult] = field(default_factory=list)
    rank: int | None = None

    @property
    def disagreement(self) -> bool:
        return any(c.disagreement for c in self.criteria)

    @property
    def complete(self) -> bool:
        return self.active > 0 and self.submitted == self.active


def is_withheld(proposal, viewer) -> bool:
    """The viewer is assigned to the proposal and has not submitted an evaluation of it."""
    pk = getattr(viewer, "pk", None)
    return any(a.evaluator_id == pk and assignment_state(a) != "submitted" for a in proposal.evaluators.all())


def counted_evaluations(proposal) -> list:
    """Submitted evaluations of non-recused evaluators."""
    result = []
    for assignment in proposal.evaluators.all():
        declaration = declaration_of(assignment)
        evaluation = evaluation_of(assignment)
        if (
            declaration is not None
            and not declaration.is_recused
            and evaluation is not None
            and evaluation.is_submitted
        ):
            result.append(evaluation)
    return result


def proposal_result(proposal, criteria: list[EvaluationCriterion], *, viewer) -> ProposalResult:
    states = [assignment_state(a) for a in proposal.evaluators.all()]
    result = ProposalResult(
        proposal=proposal,
        recused=states.count("recused"),
        active=sum(1 for s in states if s != "recused"),
        submitted=states.count("submitted"),
    )
    if is_withheld(proposal, viewer):
        result.withheld = True
        return result
    evaluations = counted_evaluations(proposal)
    if not evaluations:
        return result
    values: dict[int, list[Decimal]] = {c.pk: [] for c in criteria}
    for evaluation in evaluations:
        for score in evaluation.scores.all():
            value = effective_value(score)
            if value is not None and score.criterion_id in values:
                values[score.criterion_id].append(value)
    weighted = weights = 0.0
    passed = True
    for criterion in criteria:
        item = CriterionResult(criterion=criterion)
        found = values[criterion.pk]
        if found:
            normalised = [criterion.normalise(v) for v in found]
            item.count = len(found)
            item.mean = float(sum(found)) / len(found)
            item.mean_normalised = sum(normalised) / len(normalised)
            item.spread = max(normalised) - min(normalised)
            if criterion.scale == EvaluationCriterion.Scale.PASS_FAIL and item.mean_normalised < PASS_FAIL_MAJORITY:
                item.passed = False
            if criterion.threshold is not None and item.mean < float(criterion.threshold):
                item.passed = False
            passed = passed and item.passed
            weighted += criterion.weight * item.mean_normalised
            weights += criterion.weight
        result.criteria.append(item)
    if weights:
        result.total = round(weighted / weights * 100, 1)
    elif any(c.count for c in result.criteria):  # every weight 0: a plain mean
        means = [c.mean_normalised for c in result.criteria if c.count and c.mean_normalised is not None]
        result.total = round(sum(means) / len(means) * 100, 1)
    result.passed = passed
    return result


def ranking(proposals, criteria, *, viewer) -> list[ProposalResult]:
    """Every proposal's result, ranked: passing proposals by total (highest first), then those that did not
    pass, then those without results (or withheld from the viewer). Equal totals share a rank."""
    results = [proposal_result(p, criteria, viewer=viewer) for p in proposals]

    def key(r: ProposalResult):
        if r.total is None:
            return (2, 0.0, str(r.proposal.title))
        return (0 if r.passed else 1, -r.total, str(r.proposal.title))

    results.sort(key=key)
    previous, rank = None, 0
    for index, r in enumerate(results, start=1):
        if r.total is None:
            continue
        if previous is None or key(r)[:2] != key(previous)[:2]:
            rank = index
        r.rank, previous = rank, r
    return results
