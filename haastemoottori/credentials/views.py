"""The public, language-free documents of the signing keys: the JWKS and the status lists."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from haastemoottori.core.errors import ServiceError

from .selectors import jwks, status_list_get
from .services import status_list_credential


@require_GET
@cache_control(public=True, max_age=300)
def jwks_json(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(jwks())
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@cache_control(public=True, max_age=60)
def status_list(request: HttpRequest, slug: str) -> HttpResponse:
    found = status_list_get(slug)
    if found is None:
        raise Http404
    try:
        token = status_list_credential(found)
    except ServiceError as exc:  # signing not configured: say so, never a 500
        return HttpResponse(exc.message, status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(token, content_type="application/vc+jwt")
    response["Access-Control-Allow-Origin"] = "*"
    return response
