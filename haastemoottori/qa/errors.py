"""Error codes of questions and answers.

Services raise a ServiceError with one of these members, never a string. Keep the values stable.
"""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    AFTER_CALL_DEADLINE = "after_call_deadline"
    ALREADY_PUBLISHED = "already_published"
    ANSWER_MISSING = "answer_missing"
    CHALLENGE_ENDED = "challenge_ended"
    DEADLINE_PAST = "deadline_past"
    INVALID_ANSWER = "invalid_answer"
    INVALID_TARGET = "invalid_target"
    NOT_PENDING = "not_pending"
    NOT_PUBLIC = "not_public"
    NOT_YOUR_ORGANISATION = "not_your_organisation"
    QUESTIONS_CLOSED = "questions_closed"
    QUESTIONS_DEADLINE_AFTER_CALL = "questions_deadline_after_call"
    REQUIRED = "required"
    TOO_LONG = "too_long"
    TOO_MANY_PENDING = "too_many_pending"
    TOO_SHORT = "too_short"
