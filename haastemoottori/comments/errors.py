"""Error codes of co-definition comments and their moderation.

Services raise a ServiceError with one of these members, never a string. Keep the values stable.
"""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    ALREADY_HIDDEN = "already_hidden"
    ALREADY_REPORTED = "already_reported"
    CLOSED = "closed"
    DUPLICATE = "duplicate"
    HIDDEN = "hidden"
    LANGUAGE_INVALID = "language_invalid"
    NOTE_MISSING = "note_missing"
    NOTE_TOO_LONG = "note_too_long"
    ORGANISATION_INVALID = "organisation_invalid"
    RATE_LIMITED = "rate_limited"
    REASON_INVALID = "reason_invalid"
    REASON_MISSING = "reason_missing"
    REASON_TOO_LONG = "reason_too_long"
    RESOLUTION_INVALID = "resolution_invalid"
    RESOLVED = "resolved"
    SECTION_INVALID = "section_invalid"
    TEXT_MISSING = "text_missing"
    TEXT_TOO_LONG = "text_too_long"
