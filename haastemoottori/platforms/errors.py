"""Error codes of development platforms.

Services raise a ServiceError with one of these members, never a string. Keep the values stable.
"""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    NAME_MISSING = "name_missing"
    NOT_OWNER_KIND = "not_owner_kind"
    SLUG_TAKEN = "slug_taken"
