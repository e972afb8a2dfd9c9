"""The audit actions of the installation's signing keys and status lists (values are stored: keep them stable)."""

from enum import StrEnum

from haastemoottori.audit.registry import register_actions


@register_actions
class AuditAction(StrEnum):
    KEY_CREATED = "signing_key_created"
    KEY_ROTATED_OUT = "signing_key_rotated_out"
    KEY_RETIRED = "signing_key_retired"
    STATUS_SET = "credential_status_set"
