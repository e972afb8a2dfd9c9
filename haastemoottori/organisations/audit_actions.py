"""The audit actions of organisations' verification (docs/identity.md).

The generic ones (created, updated, members, ...) are AuditEvent.Action. These are registered in the audit
registry (audit/registry.py); the values are stored, so keep them stable.
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from haastemoottori.audit.registry import register_actions


class AuditAction(StrEnum):
    ORGANISATION_VERIFIED = "organisation_verified"
    ORGANISATION_REJECTED = "organisation_rejected"
    DISPUTE_OPENED = "dispute_opened"
    DISPUTE_DECIDED = "dispute_decided"


register_actions(
    AuditAction,
    labels={
        AuditAction.ORGANISATION_VERIFIED: _("Organisation verified"),
        AuditAction.ORGANISATION_REJECTED: _("Organisation verification rejected"),
        AuditAction.DISPUTE_OPENED: _("Ownership dispute opened"),
        AuditAction.DISPUTE_DECIDED: _("Ownership dispute decided"),
    },
)
