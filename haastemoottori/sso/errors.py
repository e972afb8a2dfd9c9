"""Error codes of city sign-in (OpenID Connect). Keep the values stable."""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    PROVIDER_UNKNOWN = "provider_unknown"
    PROVIDER_UNAVAILABLE = "provider_unavailable"
    PROVIDER_MISCONFIGURED = "provider_misconfigured"
    SIGN_IN_CANCELLED = "sign_in_cancelled"
    STATE_MISMATCH = "state_mismatch"
    TOKEN_INVALID = "token_invalid"  # noqa: S105 (an error code, not a password)
    TOKEN_EXPIRED = "token_expired"  # noqa: S105 (an error code, not a password)
    WRONG_AUDIENCE = "wrong_audience"
    WRONG_ISSUER = "wrong_issuer"
    NONCE_MISMATCH = "nonce_mismatch"
    NO_ROLE = "no_role"
    NO_EMAIL = "no_email"
    EMAIL_TAKEN = "email_taken"
    ACCOUNT_INACTIVE = "account_inactive"
