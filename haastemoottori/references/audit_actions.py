"""The audit actions of pilot references (values are stored: keep them stable)."""

from enum import StrEnum

from haastemoottori.audit.registry import register_actions


@register_actions
class AuditAction(StrEnum):
    ISSUED = "reference_issued"
    REVOKED = "reference_revoked"
    VISIBILITY = "reference_visibility"
