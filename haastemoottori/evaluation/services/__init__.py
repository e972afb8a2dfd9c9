"""Writes of the evaluation app (see docs/evaluation.md)."""

from .assignments import AssignResult, evaluator_assign, evaluator_unassign
from .conflicts import conflict_detect, declaration_make, relationship_add
from .decisions import decision_make, decisions_send_feedback
from .form import criterion_add, criterion_delete, evaluation_form_ensure, form_prefill
from .scoring import comment_field, evaluation_save, evaluation_token, score_field, score_override

__all__ = [
    "AssignResult",
    "comment_field",
    "conflict_detect",
    "criterion_add",
    "criterion_delete",
    "decision_make",
    "decisions_send_feedback",
    "declaration_make",
    "evaluation_form_ensure",
    "evaluation_save",
    "evaluation_token",
    "evaluator_assign",
    "evaluator_unassign",
    "form_prefill",
    "relationship_add",
    "score_field",
    "score_override",
]
