"""The database cannot be reached (PostgreSQL restarting, a connection dropped): a 503 that says so, never a 500.

Nothing was saved by the request that met the error (its transaction did not commit), so the page says to try
again, and ``Retry-After`` tells clients when. The page is rendered without the site's base template: that one
reads the signed-in user, which needs the database. The connection is closed, so the next request opens a new
one (and PostgreSQL's health check, ``CONN_HEALTH_CHECKS``, replaces a stale one at the start of a request).
"""

from __future__ import annotations

import contextlib
import logging
import sys

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .errors import CommonCode

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
DATABASE_ERRORS = (OperationalError, InterfaceError)


def is_database_unavailable(exception: BaseException | None) -> bool:
    return isinstance(exception, DATABASE_ERRORS)


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(*DATABASE_ERRORS):
            connection.close()
    message = _("The service is briefly unavailable. Nothing was saved from this request: please try again shortly.")
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"code": str(CommonCode.DATABASE_UNAVAILABLE), "message": message}, status=503)
    else:
        html = render_to_string(
            "core/unavailable.html",
            {"language": get_language(), "title": _("Service briefly unavailable"), "message": message},
        )
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database connection error raised by a view into the 503 page (errors raised later, e.g. when the
    session is saved, reach ``core.views.server_error``, which answers the same)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        logger.warning("Database unavailable during %s %s: %s", request.method, request.path, exception)
        return database_unavailable_response(request)


def current_exception_is_database_unavailable() -> bool:
    """Inside Django's 500 handler: whether the error being handled is a database connection error."""
    return is_database_unavailable(sys.exc_info()[1])
