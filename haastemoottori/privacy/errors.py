"""Error codes of personal data rights. Services raise a ServiceError with one of these, never a string."""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    WRONG_PASSWORD = "wrong_password"  # noqa: S105 (an error code, not a password)
    SIGN_IN_AGAIN = "sign_in_again"
    NOT_CONFIRMED = "not_confirmed"
