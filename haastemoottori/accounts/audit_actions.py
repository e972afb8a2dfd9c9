"""The audit actions of accounts: a person's own account, sign-in protection and the second factor.

The generic ones (created, updated, ...) are AuditEvent.Action. These are registered in the audit registry
(audit/registry.py); the values are stored, so keep them stable.
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from haastemoottori.audit.registry import register_actions


class AuditAction(StrEnum):
    LOGIN_LOCKED_OUT = "login_locked_out"
    MFA_DEVICE_REMOVED = "mfa_device_removed"
    MFA_PASSKEY_ADDED = "mfa_passkey_added"
    MFA_RECOVERY_CODE_USED = "mfa_recovery_code_used"
    MFA_RECOVERY_CODES_CREATED = "mfa_recovery_codes_created"
    MFA_TOTP_ADDED = "mfa_totp_added"
    SIGNED_LINKS_RENEWED = "signed_links_renewed"


register_actions(
    AuditAction,
    labels={
        AuditAction.LOGIN_LOCKED_OUT: _("Sign-in locked after failed attempts"),
        AuditAction.MFA_DEVICE_REMOVED: _("Second-factor device removed"),
        AuditAction.MFA_PASSKEY_ADDED: _("Passkey added"),
        AuditAction.MFA_RECOVERY_CODE_USED: _("Recovery code used"),
        AuditAction.MFA_RECOVERY_CODES_CREATED: _("New recovery codes created"),
        AuditAction.MFA_TOTP_ADDED: _("Authenticator app added"),
        AuditAction.SIGNED_LINKS_RENEWED: _("Signed links renewed"),
    },
)
