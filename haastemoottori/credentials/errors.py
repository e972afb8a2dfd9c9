"""Error codes of the signing keys (keep the values stable)."""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    NOT_CONFIGURED = "signing_not_configured"
    NO_SUCH_KEY = "no_such_signing_key"
    ACTIVE_KEY = "active_key_cannot_retire"
    STATUS_LIST_FULL = "status_list_full"
