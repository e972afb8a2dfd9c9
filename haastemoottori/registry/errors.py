"""Error codes of the trade register. Keep the values stable."""

from haastemoottori.core.errors import ErrorCodeEnum


class ErrorCode(ErrorCodeEnum):
    BULK_FILE = "bulk_file"
    COMPANY_CEASED = "company_ceased"
    COMPANY_NOT_FOUND = "company_not_found"
