"""Errors that services raise. Views and the API turn them into a 4xx with the translated message.

Every error has a code from an enum, never a free string, so a misspelt code fails in a test rather than
reaching a client: the codes every domain shares are in :class:`CommonCode`, each domain app lists its own in
``<app>/errors.py`` as ``class ErrorCode(ErrorCodeEnum)``. :class:`ServiceError` refuses anything else.
"""

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError


class ErrorCodeEnum(StrEnum):
    """The base of the error code enums (it has no members itself). The values are what clients see."""


class CommonCode(ErrorCodeEnum):
    """Codes that mean the same in every domain."""

    # Any refusal for want of a permission, signing in included (the message says what would allow it).
    PERMISSION_DENIED = "permission_denied"
    # A text that should be an object keyed by language code is not one (see core.i18n.clean_translations).
    INVALID_TRANSLATIONS = "invalid_translations"
    # A language code that the deployment does not serve.
    UNKNOWN_LANGUAGE = "unknown_language"
    # The open API's own answers: nothing public with that identifier, a request it could not read, and a
    # request that needs signing in (401, which HTTP tells apart from a refusal, 403).
    NOT_FOUND = "not_found"
    INVALID_INPUT = "invalid_input"
    NOT_SIGNED_IN = "not_signed_in"
    # Someone else saved the record after the form was opened (core/concurrency.py): nothing was overwritten.
    EDIT_CONFLICT = "edit_conflict"
    # The database could not be reached (restarting, a dropped connection): nothing was saved, try again.
    DATABASE_UNAVAILABLE = "database_unavailable"


class ServiceError(Exception):
    status = 400

    def __init__(
        self, code: ErrorCodeEnum, message, *, field: str | None = None, reasons: Iterable | None = None
    ) -> None:
        if not isinstance(code, ErrorCodeEnum):
            raise TypeError(f"A service error's code is a member of an ErrorCode enum, not {code!r}.")
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.field = field
        self.reasons = list(reasons or [])

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": str(self.message)}
        if self.field:
            body["field"] = self.field
        if self.reasons:
            body["reasons"] = [{"code": r.code, "message": str(r.message)} for r in self.reasons]
        return body


class ServiceValidationError(ServiceError):
    status = 400


class ServicePermissionDenied(ServiceError):
    status = 403


class ServiceConflict(ServiceError):
    status = 409


def code_of(exc: ValidationError, default: ErrorCodeEnum) -> ErrorCodeEnum:
    """The enum code a validator gave its ``ValidationError`` (this project's validators give a member), or
    ``default`` for one that gave none (Django's own), so a service error never carries a free string."""
    return exc.code if isinstance(exc.code, ErrorCodeEnum) else default
