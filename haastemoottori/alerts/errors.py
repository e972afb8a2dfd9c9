"""Error codes of following and saved searches.

Services raise a ServiceError with one of these members, never a string. Keep the values stable.
"""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    EMPTY_SEARCH = "empty_search"
    INVALID_SEARCH = "invalid_search"
    LINK_INVALID = "link_invalid"
    NAME_TOO_LONG = "name_too_long"
    NOT_AN_OWNER = "not_an_owner"
    NOT_PUBLIC = "not_public"
    TOO_MANY_SEARCHES = "too_many_searches"
    UNKNOWN_FREQUENCY = "unknown_frequency"
