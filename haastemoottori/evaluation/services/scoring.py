"""Scoring: drafts, submission (every criterion validated) and a manager's override with a justification."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.concurrency import EditConflict, differences, edit_token, token_matches
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.evaluation.models import EvaluatorAssignment

from ..audit_actions import AuditAction
from ..errors import ErrorCode
from ..models import Declaration, Evaluation, EvaluationCriterion, EvaluationForm, Score, ScoreOverride
from ..rules import declaration_of
from .common import parse_value, require_personally
from .conflicts import conflict_recheck

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User


def score_field(criterion: EvaluationCriterion) -> str:
    return f"score_{criterion.pk}"


def comment_field(criterion: EvaluationCriterion) -> str:
    return f"comment_{criterion.pk}"


def evaluation_save(
    *,
    actor: User,
    assignment: EvaluatorAssignment,
    values: dict[int, tuple[object, str]],
    submit: bool = False,
    token: str | None = None,
) -> Evaluation:
    """Save the evaluator's scores ``{criterion id: (value, comment)}``; ``submit`` also checks that every
    criterion is scored and every required comment written, then submits (final) and locks the form.

    ``token`` is the evaluation's edit token when the form was opened ("" before the first save; None skips
    the check): a save over a later save from another tab is refused with what differs (``EditConflict``).

    A conflict that arose after the declaration (checked again first, in its own transaction so the recusal
    stays) refuses the save."""
    require_personally(actor, "evaluation.score", assignment, _("You may not score this proposal."))
    if conflict_recheck(actor=actor, assignment=assignment):
        raise ServiceConflict(
            ErrorCode.RECUSED,
            _(
                "You now have a conflict of interest with this proposal and have been "
                "recused; your scores were not saved."
            ),
        )
    return _evaluation_save(actor=actor, assignment=assignment, values=values, submit=submit, token=token)


def evaluation_token(evaluation: Evaluation | None) -> str:
    """The edit token of an evaluator's scores as a form shows them ("" before the first save)."""
    return edit_token(evaluation.updated_at if evaluation else None)


def _score_inputs(
    criteria: list[EvaluationCriterion], values: dict[int, tuple[Decimal | None, str]]
) -> tuple[dict[str, str], dict[str, object]]:
    labels: dict[str, str] = {}
    flat: dict[str, object] = {}
    for criterion in criteria:
        value, comment = values.get(criterion.pk, (None, ""))
        labels[score_field(criterion)] = f"{criterion}: {_('score')}"
        labels[comment_field(criterion)] = f"{criterion}: {_('comment')}"
        flat[score_field(criterion)] = value.normalize() if value is not None else None
        flat[comment_field(criterion)] = comment
    return labels, flat


def _check_token(
    evaluation: Evaluation,
    saved_before: bool,
    criteria: list[EvaluationCriterion],
    parsed: dict[int, tuple[Decimal | None, str]],
    token: str | None,
) -> None:
    current = evaluation.updated_at if saved_before else None
    if token_matches(current, token):
        return
    labels, yours = _score_inputs(criteria, parsed)
    _labels, theirs = _score_inputs(criteria, {s.criterion_id: (s.value, s.comment) for s in evaluation.scores.all()})
    raise EditConflict(
        _(
            "Your scores were saved from another window or tab after you opened this one, so these were not "
            "saved. Compare the values below, then save again to keep yours."
        ),
        differences=differences(labels, theirs, yours),
        current_token=edit_token(current),
    )


@transaction.atomic
def _evaluation_save(
    *,
    actor: User,
    assignment: EvaluatorAssignment,
    values: dict[int, tuple[object, str]],
    submit: bool,
    token: str | None,
) -> Evaluation:
    declaration = declaration_of(assignment)
    if declaration is None or declaration.status != Declaration.Status.CLEARED:
        raise ServiceConflict(ErrorCode.DECLARE_FIRST, _("Declare first that you have no conflict of interest."))
    form = EvaluationForm.objects.filter(call_id=assignment.proposal.call_id).first()
    criteria = list(form.criteria.all()) if form else []
    if not criteria:
        raise ServiceConflict(ErrorCode.NO_FORM, _("The evaluation form has no criteria yet."))
    assert form is not None  # it has criteria
    evaluation, created = Evaluation.objects.select_for_update().get_or_create(assignment=assignment)
    if evaluation.is_submitted:
        raise ServiceConflict(ErrorCode.SUBMITTED, _("The evaluation has been submitted and can no longer be changed."))
    errors: list[ServiceValidationError] = []
    parsed: dict[int, tuple[Decimal | None, str]] = {}
    for criterion in criteria:
        raw, comment = values.get(criterion.pk, (None, ""))
        comment = (comment or "").strip()
        try:
            value = parse_value(criterion, raw, field=score_field(criterion))
        except ServiceValidationError as exc:
            errors.append(exc)
            continue
        if submit and value is None:
            errors.append(
                ServiceValidationError(ErrorCode.SCORE_REQUIRED, _("Give a score."), field=score_field(criterion))
            )
        if submit and criterion.comment_required and not comment:
            errors.append(
                ServiceValidationError(
                    ErrorCode.COMMENT_REQUIRED, _("Write a comment."), field=comment_field(criterion)
                )
            )
        parsed[criterion.pk] = (value, comment)
    if errors:
        raise ServiceValidationError(ErrorCode.INVALID_SCORES, _("Check the scores."), reasons=errors)
    _check_token(evaluation, not created, criteria, parsed, token)
    existing = {s.criterion_id: s for s in evaluation.scores.all()}
    for criterion in criteria:
        value, comment = parsed[criterion.pk]
        score = existing.get(criterion.pk) or Score(evaluation=evaluation, criterion=criterion)
        score.value, score.comment = value, comment
        score.save()
    if submit:
        evaluation.status, evaluation.submitted_at = Evaluation.Status.SUBMITTED, timezone.now()
        if form.locked_at is None:
            form.locked_at = evaluation.submitted_at
            form.save(update_fields=["locked_at"])
    evaluation.save()
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_SUBMITTED if submit else AuditAction.EVALUATION_DRAFT_SAVED,
        target=evaluation,
        changes={"status": (None, evaluation.status)} if submit else None,
        data={
            "proposal": str(assignment.proposal_id),
            "scores": {str(c): (str(parsed[c.pk][0]) if parsed[c.pk][0] is not None else None) for c in criteria},
        },
    )
    return evaluation


@transaction.atomic
def score_override(*, actor: User, score: Score, value: Any, justification: str, language: str = "fi") -> ScoreOverride:
    """Replace one submitted score; the original stays, the override is audited and shown to the owners."""
    evaluation = score.evaluation
    challenge = evaluation.assignment.proposal.call.challenge
    if not actor.has_perm("evaluation.override_score", challenge):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You may not override scores."))
    if not evaluation.is_submitted:
        raise ServiceConflict(ErrorCode.NOT_SUBMITTED, _("Only a submitted score can be overridden."))
    declaration = declaration_of(evaluation.assignment)
    if declaration is None or declaration.is_recused:
        raise ServiceConflict(ErrorCode.RECUSED, _("The evaluator was recused; their scores do not count."))
    justification = (justification or "").strip()
    if not justification:
        raise ServiceValidationError(
            ErrorCode.JUSTIFICATION_REQUIRED, _("Write a justification for the override."), field="justification"
        )
    new = parse_value(score.criterion, value, field="value")
    if new is None:
        raise ServiceValidationError(ErrorCode.SCORE_REQUIRED, _("Give a score."), field="value")
    previous = score.overrides.last()
    old = previous.value if previous else score.value
    override = ScoreOverride.objects.create(
        score=score, value=new, justification=justification, language=language, overridden_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.SCORE_OVERRIDDEN,
        target=score,
        changes={"value": (old, new)},
        data={
            "justification": justification,
            "evaluator": evaluation.assignment.evaluator.email,
            "criterion": str(score.criterion),
            "original": score.value,
        },
    )
    return override
