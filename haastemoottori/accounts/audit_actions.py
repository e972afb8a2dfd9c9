"""The audit actions of a person's own account (the generic ones, e.g. updated, are AuditEvent.Action).

Registered in the audit registry (audit/registry.py); the values are stored, so keep them stable.
"""

from enum import StrEnum

from haastemoottori.audit.registry import register_actions


@register_actions
class AuditAction(StrEnum):
    SIGNED_LINKS_RENEWED = "signed_links_renewed"
