"""Client of Suomi.fi e-Authorizations (Valtuudet), the Web API flow for acting on behalf of a company
("ypa"), as ``django-helsinki-suomifi-on-behalf`` 2.0 speaks it (docs/adr/0014-suomifi-e-authorizations.md):

1. ``GET /service/ypa/user/register/{client_id}/{person_id}?requestId=`` (signed) → ``sessionId``, ``userId``;
2. the person is sent to ``/oauth/authorize?client_id=&response_type=code&redirect_uri=&user={userId}``,
   chooses the company there and comes back with ``code``;
3. ``POST /oauth/token?code=&grant_type=authorization_code&redirect_uri=`` (HTTP Basic: client id and the
   OAuth secret) → ``access_token``;
4. ``GET /service/ypa/api/organizationRoles/{sessionId}?requestId=`` (Bearer + signed) → the companies the
   person may act for, ``[{"name", "identifier" (Business ID), "roles": [...]}]``.

Signed requests carry ``X-AsiointivaltuudetAuthorization: {client_id} {timestamp} {checksum}`` where the
checksum is base64(HMAC-SHA256(api key, "{path} {timestamp}")). Every failure (timeout, refused connection,
an HTTP error, a body that is not the expected JSON) is a ``SuomifiError``; nothing is retried."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

HEADER = "X-AsiointivaltuudetAuthorization"


class SuomifiError(Exception):
    """The e-Authorizations service could not be used (down, slow, misconfigured, an unexpected answer)."""


@dataclass(frozen=True)
class Mandate:
    business_id: str
    name: str
    roles: tuple[str, ...]


def checksum_header(path: str, *, client_id: str, api_key: str, timestamp: str | None = None) -> str:
    timestamp = timestamp or timezone.now().isoformat()
    digest = hmac.new(api_key.encode(), f"{path} {timestamp}".encode(), hashlib.sha256).digest()
    return f"{client_id} {timestamp} {base64.b64encode(digest).decode()}"


class SuomifiClient:
    def __init__(
        self,
        *,
        base_url: str | None = None,
        client_id: str | None = None,
        api_key: str | None = None,
        oauth_secret: str | None = None,
        timeout: float | None = None,
    ):
        self.base_url = (base_url or settings.HAASTEMOOTTORI_SUOMIFI_URL).rstrip("/")
        self.client_id = client_id if client_id is not None else settings.HAASTEMOOTTORI_SUOMIFI_CLIENT_ID
        self.api_key = api_key if api_key is not None else settings.HAASTEMOOTTORI_SUOMIFI_API_KEY
        self.oauth_secret = oauth_secret if oauth_secret is not None else settings.HAASTEMOOTTORI_SUOMIFI_OAUTH_SECRET
        self.timeout = timeout if timeout is not None else settings.HAASTEMOOTTORI_SUOMIFI_TIMEOUT

    def _call(self, path: str, *, method: str = "GET", headers: dict[str, str] | None = None) -> Any:
        if not (self.base_url.startswith(("http://", "https://")) and self.client_id and self.api_key):
            raise SuomifiError("not configured")
        request = urllib.request.Request(  # noqa: S310 (http(s) only, checked above)
            self.base_url + path, method=method, headers={"Accept": "application/json", **(headers or {})}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read(1_000_000)
        except urllib.error.HTTPError as exc:
            logger.warning("Suomi.fi e-Authorizations answered %s to %s", exc.code, path.split("?")[0])
            raise SuomifiError(f"http {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            logger.warning("Suomi.fi e-Authorizations unreachable: %s", exc)
            raise SuomifiError("unreachable") from exc
        try:
            return json.loads(body)
        except ValueError as exc:
            raise SuomifiError("not json") from exc

    def _signed(self, path: str) -> dict[str, str]:
        return {HEADER: checksum_header(path, client_id=self.client_id, api_key=self.api_key)}

    def register(self, person_id: str) -> tuple[str, str]:
        """Start a session for the strongly identified person; returns (sessionId, userId)."""
        path = (
            f"/service/ypa/user/register/{urllib.parse.quote(self.client_id, safe='')}"
            f"/{urllib.parse.quote(person_id, safe='')}?requestId={uuid.uuid4()}"
        )
        data = self._call(path, headers=self._signed(path))
        if not isinstance(data, dict) or not data.get("sessionId") or not data.get("userId"):
            raise SuomifiError("bad register answer")
        return str(data["sessionId"]), str(data["userId"])

    def authorize_url(self, *, user_id: str, redirect_uri: str, lang: str = "") -> str:
        params = {"client_id": self.client_id, "response_type": "code", "redirect_uri": redirect_uri, "user": user_id}
        if lang:
            params["lang"] = lang
        return f"{self.base_url}/oauth/authorize?{urllib.parse.urlencode(params)}"

    def token(self, *, code: str, redirect_uri: str) -> str:
        query = urllib.parse.urlencode({"code": code, "grant_type": "authorization_code", "redirect_uri": redirect_uri})
        basic = base64.b64encode(f"{self.client_id}:{self.oauth_secret}".encode()).decode()
        data = self._call(f"/oauth/token?{query}", method="POST", headers={"Authorization": f"Basic {basic}"})
        if not isinstance(data, dict) or not data.get("access_token"):
            raise SuomifiError("bad token answer")
        return str(data["access_token"])

    def organisation_roles(self, *, session_id: str, access_token: str) -> tuple[str, list[Mandate]]:
        """The companies the person chose and may act for; returns (requestId, mandates)."""
        request_id = str(uuid.uuid4())
        path = f"/service/ypa/api/organizationRoles/{urllib.parse.quote(session_id, safe='')}?requestId={request_id}"
        data = self._call(path, headers={**self._signed(path), "Authorization": f"Bearer {access_token}"})
        if not isinstance(data, list):
            raise SuomifiError("bad roles answer")
        mandates = [
            Mandate(
                business_id=str(item["identifier"]),
                name=str(item.get("name") or ""),
                roles=tuple(str(r) for r in item.get("roles") or []),
            )
            for item in data
            if isinstance(item, dict) and item.get("identifier")
        ]
        return request_id, mandates
