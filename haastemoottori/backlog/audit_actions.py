"""The audit actions of the backlog: promotion, publishing, scoring, comparison.

The generic ones (created, updated, deleted, ...) are AuditEvent.Action. These are registered in the audit
registry (audit/registry.py); the values are stored, so keep them stable.
"""

from enum import StrEnum

from haastemoottori.audit.registry import register_actions


@register_actions
class AuditAction(StrEnum):
    BACKLOG_COMPARED = "backlog_compared"
    BACKLOG_SHEET_SAVED = "backlog_sheet_saved"
    BACKLOG_SHEET_SUBMITTED = "backlog_sheet_submitted"
    CANDIDATE_PROMOTED = "candidate_promoted"
    CANDIDATE_PUBLISHED = "candidate_published"
    CANDIDATE_UNPUBLISHED = "candidate_unpublished"
    CLUSTER_PROMOTED = "cluster_promoted"
