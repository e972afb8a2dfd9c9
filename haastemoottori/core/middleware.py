"""Small request/response middleware of the page shell."""

from django.conf import settings
from django.shortcuts import render


class MethodNotAllowedPageMiddleware:
    """A form's address opened as a page (e.g. through the language switch after a form error) gets a
    page that says so and links back, instead of an empty 405. API responses are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not response.content
            and request.method in ("GET", "HEAD")
            and not request.path.startswith("/api/")
        ):
            # The page a form lives on is the address one level up (…/questions/ask/ → …/questions/).
            back_url = request.path.rstrip("/").rsplit("/", 1)[0] + "/"
            page = render(request, "core/error.html", {"status": 405, "back_url": back_url}, status=405)
            if response.has_header("Allow"):
                page["Allow"] = response["Allow"]
            return page
        return response


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header from ``settings.PERMISSIONS_POLICY`` ({feature: [allowed origins]}; an
    empty list switches the feature off for every origin, the page's own included)."""

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class RequestBodyLimitMiddleware:
    """Refuses a request whose declared body is larger than ``HAASTEMOOTTORI_MAX_REQUEST_BODY`` with 413 before
    anything reads it (the reverse proxy and granian limit it too; Django's DATA_UPLOAD_* limits the fields)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.HAASTEMOOTTORI_MAX_REQUEST_BODY
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit and length > limit:
            response = render(request, "core/error.html", {"status": 413}, status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)
