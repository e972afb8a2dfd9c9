"""Error codes of events and registrations.

Services raise a ServiceError with one of these members, never a string. Keep the values stable.
"""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    ALREADY_REGISTERED = "already_registered"
    CAPACITY_BELOW_REGISTERED = "capacity_below_registered"
    CHALLENGES_MISSING = "challenges_missing"
    CHALLENGE_NOT_OWNED = "challenge_not_owned"
    ENDS_BEFORE_START = "ends_before_start"
    EVENT_CANCELLED = "event_cancelled"
    EVENT_PAST = "event_past"
    EVENT_STARTED = "event_started"
    INVALID_CAPACITY = "invalid_capacity"
    INVALID_DATETIME = "invalid_datetime"
    INVALID_KIND = "invalid_kind"
    INVALID_URL = "invalid_url"
    LOCATION_TOO_LONG = "location_too_long"
    NOTE_TOO_LONG = "note_too_long"
    NOT_A_MEMBER = "not_a_member"
    NOT_REGISTERED = "not_registered"
    ORGANISER_NOT_PUBLIC = "organiser_not_public"
    PLACE_MISSING = "place_missing"
    REASON_MISSING = "reason_missing"
    REASON_TOO_LONG = "reason_too_long"
    REGISTRATION_AFTER_START = "registration_after_start"
    REGISTRATION_CLOSED = "registration_closed"
    STARTS_IN_PAST = "starts_in_past"
    TITLE_MISSING = "title_missing"
    TITLE_TOO_LONG = "title_too_long"
    UNKNOWN_FIELD = "unknown_field"
