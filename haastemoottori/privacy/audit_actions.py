"""The audit actions of personal data rights: exports, erasures and the purge of unconfirmed accounts.

Registered in the audit registry (audit/registry.py); the values are stored, so keep them stable.
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from haastemoottori.audit.registry import register_actions


class AuditAction(StrEnum):
    DATA_EXPORTED = "personal_data_exported"
    ACCOUNT_ERASED = "account_erased"
    UNCONFIRMED_PURGED = "unconfirmed_account_purged"
    GDPR_API_QUERIED = "gdpr_api_queried"


register_actions(
    AuditAction,
    labels={
        AuditAction.DATA_EXPORTED: _("Personal data downloaded"),
        AuditAction.ACCOUNT_ERASED: _("Account deleted and personal data erased"),
        AuditAction.UNCONFIRMED_PURGED: _("Unconfirmed account removed"),
        AuditAction.GDPR_API_QUERIED: _("Personal data read through the profile service"),
    },
)
