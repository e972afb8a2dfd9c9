"""Error codes of notifications and their settings.

Services raise a ServiceError with one of these members, never a string. Keep the values stable.
"""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    LINK_INVALID = "link_invalid"
    UNKNOWN_CATEGORY = "unknown_category"
    UNKNOWN_MODE = "unknown_mode"
