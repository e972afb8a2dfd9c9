"""Error codes of organisations, their profiles and members.

Services raise a ServiceError with one of these members, never a string. Keep the values stable.
"""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    ALREADY_MEMBER = "already_member"
    BUSINESS_ID_CHECK_DIGIT = "business_id_check_digit"
    BUSINESS_ID_FORMAT = "business_id_format"
    DEPARTMENT_MISMATCH = "department_mismatch"
    IDENTIFIER_TAKEN = "identifier_taken"
    INVALID_CHOICE = "invalid_choice"
    INVALID_CLIENT = "invalid_client"
    INVALID_EMAIL = "invalid_email"
    INVALID_IDENTIFIER = "invalid_identifier"
    INVALID_KIND = "invalid_kind"
    INVALID_LANGUAGES = "invalid_languages"
    INVALID_ROLE = "invalid_role"
    INVALID_TRL = "invalid_trl"
    INVALID_URL = "invalid_url"
    INVALID_YEAR = "invalid_year"
    INVITATION_CLOSED = "invitation_closed"
    INVITATION_EXPIRED = "invitation_expired"
    INVITATION_INVALID = "invitation_invalid"
    INVITATION_OTHER_EMAIL = "invitation_other_email"
    INVITATION_REVOKED = "invitation_revoked"
    INVITATION_USED = "invitation_used"
    JOIN_REQUEST_DECIDED = "join_request_decided"
    JOIN_REQUEST_PENDING = "join_request_pending"
    JOIN_REQUEST_UNCONFIRMED = "join_request_unconfirmed"
    LOGO_TOO_LARGE = "logo_too_large"
    LOGO_TYPE = "logo_type"
    MESSAGE_TOO_LONG = "message_too_long"
    NAME_MISSING = "name_missing"
    NOT_A_CITY = "not_a_city"
    NOT_A_SOLVER = "not_a_solver"
    TITLE_MISSING = "title_missing"
    TOO_LONG = "too_long"
    UNKNOWN_CHOICE = "unknown_choice"
