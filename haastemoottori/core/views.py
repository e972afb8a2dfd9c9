"""The health probe and the error pages; the site's own pages are in the site app."""

from django.http import HttpResponse
from django.shortcuts import render

from .db_unavailable import current_exception_is_database_unavailable, database_unavailable_response


def healthz(request):
    """Liveness probe for load balancers, and the minimal view the benchmarks compare pages with."""
    return HttpResponse("ok", content_type="text/plain")


def bad_request(request, exception=None):
    return render(request, "core/error.html", {"status": 400}, status=400)


def permission_denied(request, exception=None):
    return render(request, "core/error.html", {"status": 403}, status=403)


def page_not_found(request, exception=None):
    return render(request, "core/error.html", {"status": 404}, status=404)


def server_error(request):
    if current_exception_is_database_unavailable():  # e.g. saving the session after PostgreSQL went away
        return database_unavailable_response(request)
    return render(request, "core/error.html", {"status": 500}, status=500)
