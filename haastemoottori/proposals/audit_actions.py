"""The audit actions of the open call and proposals: questions, criteria, partners, attachments, submission.

The generic ones (created, updated, deleted, ...) are AuditEvent.Action. These are registered in the audit
registry (audit/registry.py); the values are stored, so keep them stable.
"""

from enum import StrEnum

from haastemoottori.audit.registry import register_actions


@register_actions
class AuditAction(StrEnum):
    ATTACHMENT_ADDED = "attachment_added"
    ATTACHMENT_REMOVED = "attachment_removed"
    CRITERION_ADDED = "criterion_added"
    CRITERION_REMOVED = "criterion_removed"
    PARTNER_CONFIRMED = "partner_confirmed"
    PARTNER_DECLINED = "partner_declined"
    PARTNER_INVITED = "partner_invited"
    PARTNER_REMOVED = "partner_removed"
    QUESTION_ADDED = "question_added"
    QUESTION_CHANGED = "question_changed"
    QUESTION_REMOVED = "question_removed"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
