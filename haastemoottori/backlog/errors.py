"""Error codes of the backlog of candidate challenges.

Services raise a ServiceError with one of these members, never a string. Keep the values stable.
"""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    ALREADY_PROMOTED = "already_promoted"
    COMMENT_TOO_LONG = "comment_too_long"
    CO_OWNER_NOT_IN_SIGNALS = "co_owner_not_in_signals"
    DESCRIPTION_TOO_LONG = "description_too_long"
    INVALID_POSITION = "invalid_position"
    INVALID_SCALE_MAX = "invalid_scale_max"
    INVALID_SCORE = "invalid_score"
    INVALID_SCORES = "invalid_scores"
    INVALID_WEIGHT = "invalid_weight"
    NAME_MISSING = "name_missing"
    NAME_TOO_LONG = "name_too_long"
    NOT_IN_BACKLOG = "not_in_backlog"
    NOT_PUBLISHED = "not_published"
    NO_ACCEPTED_SIGNALS = "no_accepted_signals"
    NO_CRITERIA = "no_criteria"
    PUBLIC_REASON_MISSING = "public_reason_missing"
    PUBLIC_REASON_TOO_LONG = "public_reason_too_long"
    SAME_CANDIDATE = "same_candidate"
    SCALE_IN_USE = "scale_in_use"
    SCORE_REQUIRED = "score_required"
    SOURCE_MISSING = "source_missing"
    SUBMITTED = "submitted"
    TITLE_MISSING = "title_missing"
    UNKNOWN_CRITERION = "unknown_criterion"
    UNKNOWN_FIELD = "unknown_field"
