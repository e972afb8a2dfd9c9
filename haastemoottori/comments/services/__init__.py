"""Writes for comments. Each service checks its named permission, audits, and reports public changes."""

from .comments import (
    DAILY_LIMIT,
    MAX_LENGTH,
    RATE_LIMITS,
    SHORT_LIMIT,
    comment_create,
    text_fingerprint,
)
from .moderation import (
    comment_hide,
    comment_report,
    comment_take_into_account,
    comment_undo_taken_into_account,
    comment_unhide,
    report_resolve,
)

__all__ = [
    "DAILY_LIMIT",
    "MAX_LENGTH",
    "RATE_LIMITS",
    "SHORT_LIMIT",
    "comment_create",
    "comment_hide",
    "comment_report",
    "comment_take_into_account",
    "comment_undo_taken_into_account",
    "comment_unhide",
    "report_resolve",
    "text_fingerprint",
]
