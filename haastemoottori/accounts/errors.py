"""Error codes of accounts (sign-up, e-mail confirmation, profile).

Services raise a ServiceError with one of these members, never a string. Keep the values stable.
"""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    COMPANY_EXISTS = "company_exists"
    EMAIL_TAKEN = "email_taken"
    INVALID_KIND = "invalid_kind"
    LINK_EXPIRED = "link_expired"
    LINK_INVALID = "link_invalid"
    NOT_REGISTERED = "not_registered"
    WEAK_PASSWORD = "weak_password"  # noqa: S105 (an error code, not a password)
    CODE_INVALID = "code_invalid"
    DEVICE_NOT_FOUND = "device_not_found"
