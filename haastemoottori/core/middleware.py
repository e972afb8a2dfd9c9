"""Small request/response middleware of the page shell."""

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
