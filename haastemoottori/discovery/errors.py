"""Error codes of discovery (the suggestions and their ratings).

Services raise a ServiceError with one of these members, never a string. Keep the values stable.
"""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    INVALID_DIRECTION = "invalid_direction"
