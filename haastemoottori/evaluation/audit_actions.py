"""The audit actions of evaluation: the form, conflicts of interest, scores, decisions.

The generic ones (created, updated, deleted, ...) are AuditEvent.Action. These are registered in the audit
registry (audit/registry.py); the values are stored, so keep them stable.
"""

from enum import StrEnum

from haastemoottori.audit.registry import register_actions


@register_actions
class AuditAction(StrEnum):
    CONFLICT_DECLARED_NONE = "conflict_declared_none"
    DECISION_FEEDBACK_SENT = "decision_feedback_sent"
    DECISION_MADE = "decision_made"
    EVALUATION_CRITERION_ADDED = "evaluation_criterion_added"
    EVALUATION_CRITERION_DELETED = "evaluation_criterion_deleted"
    EVALUATION_DRAFT_SAVED = "evaluation_draft_saved"
    EVALUATION_FORM_PREFILLED = "evaluation_form_prefilled"
    EVALUATION_SUBMITTED = "evaluation_submitted"
    EVALUATOR_ASSIGNED = "evaluator_assigned"
    EVALUATOR_RECUSED = "evaluator_recused"
    EVALUATOR_UNASSIGNED = "evaluator_unassigned"
    RELATIONSHIP_DECLARED = "relationship_declared"
    SCORE_OVERRIDDEN = "score_overridden"
