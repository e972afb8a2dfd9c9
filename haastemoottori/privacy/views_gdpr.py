"""The GDPR API of the regional profile service, in the protocol of the City of Helsinki's
``helsinki-profile-gdpr-api`` (docs/adr/0011-gdpr-api-of-the-profile-service.md):

``GET /gdpr-api/v1/profiles/<uuid>``: 200 and the person's data as a tree, 204 when there is no such person;
``DELETE`` (``dry_run`` in the query or the JSON body): 204 when deleted (or deletable, on a dry run) or when
there is no such person, 403 with ``{"errors": [...]}`` when refused. A Bearer API token of the profile
service is required (401 without a valid one), with the query or delete scope (403 without it), and its
``sub`` must be the person in the path (403 otherwise). Off (404) unless ``GDPR_API_ENABLED``.
"""

import json
import logging

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from .api_tokens import KeysUnavailable, TokenInvalid, api_scopes, verify_api_token
from .models import ProfileLink
from .services_gdpr_api import profile_data_delete, profile_data_tree

logger = logging.getLogger(__name__)

_TRUE = {"true", "True", "1", "yes", "on"}


def _error(status: int, code: str, message: str) -> JsonResponse:
    response = JsonResponse({"errors": [{"code": code, "message": {"en": message}}]}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _dry_run(request) -> bool:
    if request.GET.get("dry_run") in _TRUE:
        return True
    if request.body:
        try:
            body = json.loads(request.body)
        except ValueError:
            return False
        value = body.get("dry_run") if isinstance(body, dict) else None
        return value is True or (isinstance(value, str) and value in _TRUE)
    return False


@csrf_exempt
def profile_gdpr(request, subject):
    if not settings.GDPR_API_ENABLED:
        raise Http404
    if request.method not in ("GET", "DELETE"):
        return _error(405, "method_not_allowed", "Use GET or DELETE.")
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return _error(401, "not_authenticated", "A Bearer API token of the profile service is required.")
    try:
        claims = verify_api_token(token.strip())
    except TokenInvalid as exc:
        logger.info("GDPR API: token refused: %s", exc)
        return _error(401, "invalid_token", "The API token is not valid.")
    except KeysUnavailable as exc:
        logger.warning("GDPR API: the issuer's keys are unavailable: %s", exc)
        return _error(503, "keys_unavailable", "The token cannot be checked right now; try again later.")
    scope = settings.GDPR_API_QUERY_SCOPE if request.method == "GET" else settings.GDPR_API_DELETE_SCOPE
    if scope not in api_scopes(claims):
        return _error(403, "scope_missing", f"The token lacks the scope {scope}.")
    link = ProfileLink.objects.select_related("user").filter(subject=subject).first()
    if link is None:
        return HttpResponse(status=204)
    if str(claims.get("sub")) != str(subject):
        return _error(403, "other_person", "The token is not this person's.")
    if request.method == "GET":
        return JsonResponse(profile_data_tree(user=link.user))
    refusal = profile_data_delete(user=link.user, dry_run=_dry_run(request))
    if refusal is not None:
        return JsonResponse(refusal, status=403)
    return HttpResponse(status=204)
