"""Errors that services raise. Views and the API turn them into a 4xx with the translated message."""

from collections.abc import Iterable
from typing import Any


class ServiceError(Exception):
    status = 400

    def __init__(self, code: str, message, *, field: str | None = None, reasons: Iterable | None = None) -> None:
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
