"""Writes for the backlog. Each function checks permission and invariants, changes, and audits."""

from .criteria import RECOMMENDED, criteria_add_recommended, criterion_create, criterion_remove, criterion_update
from .promotion import Prefill, candidate_promote, promotion_prefill, promotion_signals
from .publishing import candidate_publish, candidate_unpublish
from .scoring import comparison_record, score_field, score_sheet_save

__all__ = [
    "RECOMMENDED",
    "Prefill",
    "candidate_promote",
    "candidate_publish",
    "candidate_unpublish",
    "comparison_record",
    "criteria_add_recommended",
    "criterion_create",
    "criterion_remove",
    "criterion_update",
    "promotion_prefill",
    "promotion_signals",
    "score_field",
    "score_sheet_save",
]
