"""Verifying the regional profile service's API tokens, as django-helusers' ``ApiTokenAuthentication`` does
(the authentication that ``helsinki-profile-gdpr-api`` uses; see docs/adr/0011-gdpr-api-of-the-profile-service.md):

- a JWT in ``Authorization: Bearer``; its ``iss`` must be one of ``GDPR_API_ISSUERS``;
- the issuer's keys come from its OpenID Connect discovery document (``<iss>/.well-known/openid-configuration``
  → ``jwks_uri``), cached for ``GDPR_API_KEYS_CACHE_SECONDS``; each key is tried in turn;
- algorithms from ``GDPR_API_ALGORITHMS`` (RS256), ``exp`` and ``aud`` required, ``aud`` intersecting
  ``GDPR_API_AUDIENCE``;
- the API scopes are read from the claims named by ``GDPR_API_AUTHORIZATION_FIELD``
  (``https://api.hel.fi/auth`` for Tunnistamo, ``authorization.permissions.scopes`` for Keycloak).
"""

from __future__ import annotations

from typing import Any

import jwt
import requests
from django.conf import settings
from django.core.cache import cache


class TokenInvalid(Exception):
    """The token is missing, malformed, from an unknown issuer, expired, for another audience or forged."""


class KeysUnavailable(Exception):
    """The issuer's keys could not be fetched (down, timeout, an answer that is not a key set)."""


def _get_json(url: str) -> dict[str, Any]:
    try:
        response = requests.get(url, timeout=settings.GDPR_API_HTTP_TIMEOUT)
        response.raise_for_status()
        data = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise KeysUnavailable(f"{url}: {exc}") from exc
    if not isinstance(data, dict):
        raise KeysUnavailable(f"{url}: not a JSON object")
    return data


def issuer_keys(issuer: str) -> dict[str, Any]:
    cache_key = f"gdpr-api-jwks:{issuer}"
    keys = cache.get(cache_key)
    if keys is None:
        config = _get_json(issuer.rstrip("/") + "/.well-known/openid-configuration")
        jwks_uri = config.get("jwks_uri")
        if not isinstance(jwks_uri, str):
            raise KeysUnavailable(f"{issuer}: the discovery document has no jwks_uri")
        keys = _get_json(jwks_uri)
        if not isinstance(keys.get("keys"), list):
            raise KeysUnavailable(f"{jwks_uri}: not a key set")
        cache.set(cache_key, keys, settings.GDPR_API_KEYS_CACHE_SECONDS)
    return keys


def verify_api_token(token: str) -> dict[str, Any]:
    """The verified claims of an API token, or TokenInvalid / KeysUnavailable."""
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as exc:
        raise TokenInvalid("not a JWT") from exc
    issuer = unverified.get("iss")
    if not isinstance(issuer, str) or issuer not in settings.GDPR_API_ISSUERS:
        raise TokenInvalid(f"unknown issuer {issuer!r}")
    claims: dict[str, Any] | None = None
    last_error: Exception | None = None
    for jwk in issuer_keys(issuer)["keys"]:
        try:
            key = jwt.PyJWK(jwk)
        except (jwt.PyJWTError, ValueError, TypeError):
            continue  # a key of another kind or use
        try:
            claims = jwt.decode(
                token,
                key.key,
                algorithms=list(settings.GDPR_API_ALGORITHMS),
                options={"verify_aud": False, "require": ["exp"]},
            )
            break
        except (jwt.InvalidSignatureError, jwt.InvalidKeyError, TypeError) as exc:
            last_error = exc
        except jwt.PyJWTError as exc:  # expired, algorithm not allowed, a claim missing
            raise TokenInvalid(str(exc)) from exc
    if claims is None:
        raise TokenInvalid(f"no key verifies the signature ({last_error})")
    audiences = claims.get("aud")
    if isinstance(audiences, str):
        audiences = [audiences]
    if not isinstance(audiences, list) or not set(audiences) & set(settings.GDPR_API_AUDIENCE):
        raise TokenInvalid("the token is for another audience")
    return claims


def _nested(claims: dict[str, Any], path: str) -> Any:
    value: Any = claims
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def api_scopes(claims: dict[str, Any]) -> set[str]:
    scopes: set[str] = set()
    for name in settings.GDPR_API_AUTHORIZATION_FIELD:
        value = claims.get(name)
        if value is None and "." in name:
            value = _nested(claims, name)
        if isinstance(value, list):
            scopes.update(v for v in value if isinstance(v, str) and v)
    return scopes
