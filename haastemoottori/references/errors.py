"""Error codes of pilot references (keep the values stable)."""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    PILOT_NOT_FINISHED = "reference_pilot_not_finished"
    NO_LEAD_CITY = "reference_no_lead_city"
    NOT_PARTICIPANT = "reference_not_participant"
    ALREADY_ISSUED = "reference_already_issued"
    NOBODY_CHOSEN = "reference_nobody_chosen"
    STATEMENT_MISSING = "reference_statement_missing"
    STATEMENT_TOO_LONG = "reference_statement_too_long"
    ROLE_MISSING = "reference_role_missing"
    ROLE_TOO_LONG = "reference_role_too_long"
    REASON_MISSING = "reference_reason_missing"
    REASON_TOO_LONG = "reference_reason_too_long"
    ALREADY_REVOKED = "reference_already_revoked"
    UNKNOWN_LANGUAGE = "reference_unknown_language"
