"""The audit actions of city sign-in: roles given, changed and taken away by a city's identity provider, and
refused sign-ins. Registered in the audit registry (audit/registry.py); the values are stored, keep them stable."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from haastemoottori.audit.registry import register_actions


class AuditAction(StrEnum):
    SSO_ACCOUNT_CREATED = "sso_account_created"
    SSO_ACCOUNT_LINKED = "sso_account_linked"
    SSO_ROLE_GRANTED = "sso_role_granted"
    SSO_ROLE_CHANGED = "sso_role_changed"
    SSO_ROLE_REVOKED = "sso_role_revoked"
    SSO_SIGN_IN_REFUSED = "sso_sign_in_refused"


register_actions(
    AuditAction,
    labels={
        AuditAction.SSO_ACCOUNT_CREATED: _("Account created by city sign-in"),
        AuditAction.SSO_ACCOUNT_LINKED: _("Account linked to the city's identity provider"),
        AuditAction.SSO_ROLE_GRANTED: _("Role given by city sign-in"),
        AuditAction.SSO_ROLE_CHANGED: _("Role changed by city sign-in"),
        AuditAction.SSO_ROLE_REVOKED: _("Role removed by city sign-in"),
        AuditAction.SSO_SIGN_IN_REFUSED: _("City sign-in refused"),
    },
)
