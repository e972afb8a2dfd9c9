"""The OpenID Connect client of one city's identity provider, on Authlib (docs/adr/0009-city-sign-in-oidc.md).

Authorization code flow with PKCE (S256), state and nonce. The provider's discovery document gives the
endpoints and the JWKS; the ID token's signature is verified against that JWKS and its issuer (the configured
one), audience (our client ID), expiry and nonce are checked. Everything the provider could get wrong ends in a
:class:`ServiceError` with a code from errors.py, never an exception of the libraries.

The state, PKCE verifier and nonce are kept in the session under a key of this provider, so a response meant
for one city's provider is refused at another's callback.
"""

from dataclasses import dataclass
from typing import Any

import requests
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError  # type: ignore[import-untyped]
from authlib.integrations.django_client import DjangoIntegration, DjangoOAuth2App  # type: ignore[import-untyped]
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from joserfc import errors as jose_errors

from haastemoottori.core.errors import ServiceError

from .errors import ErrorCode
from .models import OidcIdentity, OidcProvider

UNAVAILABLE = _("The city's sign-in service cannot be reached right now. Try again later or sign in with a password.")
MISCONFIGURED = _(
    "The city's sign-in service is not configured correctly. Tell the platform's administrators, or sign in with "
    "a password."
)
REFUSED = _("The sign-in could not be verified, so you were not signed in. Start again from the sign-in page.")

MAX_SUBJECT = OidcIdentity._meta.get_field("subject").max_length or 255


@dataclass(frozen=True)
class CallbackResult:
    claims: dict[str, Any]
    next_url: str
    language: str


def _app(provider: OidcProvider) -> DjangoOAuth2App:
    secret = provider.client_secret()
    if not secret:
        raise ServiceError(ErrorCode.PROVIDER_MISCONFIGURED, MISCONFIGURED)
    name = f"sso_{provider.slug}"
    return DjangoOAuth2App(
        DjangoIntegration(name),
        name=name,
        client_id=provider.client_id,
        client_secret=secret,
        server_metadata_url=provider.metadata_url,
        client_kwargs={
            "scope": " ".join(provider.scope_list()),
            "code_challenge_method": "S256",
            "default_timeout": settings.HAASTEMOOTTORI_OIDC_TIMEOUT_SECONDS,
        },
    )


def _metadata(app: DjangoOAuth2App, provider: OidcProvider) -> dict[str, Any]:
    try:
        metadata: dict[str, Any] = app.load_server_metadata()
    except (requests.RequestException, ValueError):
        raise ServiceError(ErrorCode.PROVIDER_UNAVAILABLE, UNAVAILABLE)
    except (TypeError, AttributeError):  # JSON, but not a discovery document
        raise ServiceError(ErrorCode.PROVIDER_MISCONFIGURED, MISCONFIGURED)
    endpoints = ("authorization_endpoint", "token_endpoint", "jwks_uri")
    if metadata.get("issuer") != provider.issuer or not all(isinstance(metadata.get(k), str) for k in endpoints):
        raise ServiceError(ErrorCode.PROVIDER_MISCONFIGURED, MISCONFIGURED)
    return metadata


def authorization_url(
    provider: OidcProvider, request: HttpRequest, *, redirect_uri: str, next_url: str, language: str
) -> str:
    """The provider's address to send the browser to; the state, verifier and nonce stay in the session."""
    app = _app(provider)
    _metadata(app, provider)
    try:
        rv = app.create_authorization_url(redirect_uri, ui_locales=language)
    except (requests.RequestException, ValueError, RuntimeError):
        raise ServiceError(ErrorCode.PROVIDER_MISCONFIGURED, MISCONFIGURED)
    app.save_authorize_data(request, redirect_uri=redirect_uri, next_url=next_url, language=language, **rv)
    return str(rv["url"])


def take_state(provider: OidcProvider, request: HttpRequest) -> dict[str, Any]:
    """The data kept at the start for the ``state`` of this callback, removed from the session (one use only):
    the redirect URI, PKCE verifier, nonce, the page to return to and the person's language."""
    app = DjangoOAuth2App(DjangoIntegration(f"sso_{provider.slug}"), name=f"sso_{provider.slug}")
    state = request.GET.get("state", "")
    data = app.framework.get_state_data(request.session, state) if state else None
    if state:
        app.framework.clear_state_data(request.session, state)  # one use only
    if not data or "nonce" not in data:
        raise ServiceError(ErrorCode.STATE_MISMATCH, REFUSED)
    return dict(data)


def _refusal(exc: Exception) -> ServiceError:
    if isinstance(exc, jose_errors.ExpiredTokenError):
        return ServiceError(ErrorCode.TOKEN_EXPIRED, _("The sign-in had expired. Start again from the sign-in page."))
    if isinstance(exc, jose_errors.ClaimError):
        code = {"aud": ErrorCode.WRONG_AUDIENCE, "iss": ErrorCode.WRONG_ISSUER, "nonce": ErrorCode.NONCE_MISMATCH}
        return ServiceError(code.get(exc.claim, ErrorCode.TOKEN_INVALID), REFUSED)
    return ServiceError(ErrorCode.TOKEN_INVALID, REFUSED)


def complete(provider: OidcProvider, request: HttpRequest, data: dict[str, Any]) -> CallbackResult:
    """Check the provider's answer at our callback (``data``: from :func:`take_state`): the code for tokens (with
    the PKCE verifier), the ID token's signature and claims. Returns the verified claims."""
    if request.GET.get("error"):
        raise ServiceError(
            ErrorCode.SIGN_IN_CANCELLED, _("The sign-in was cancelled or refused at the city's sign-in service.")
        )
    code = request.GET.get("code")
    if not code:
        raise ServiceError(ErrorCode.STATE_MISMATCH, REFUSED)
    app = _app(provider)
    _metadata(app, provider)
    params: dict[str, Any] = {"code": code, "state": request.GET["state"], "redirect_uri": data["redirect_uri"]}
    if data.get("code_verifier"):
        params["code_verifier"] = data["code_verifier"]
    try:
        token = app.fetch_access_token(**params)
    except MismatchingStateError:
        raise ServiceError(ErrorCode.STATE_MISMATCH, REFUSED)
    except OAuthError:
        raise ServiceError(ErrorCode.TOKEN_INVALID, REFUSED)
    except (requests.RequestException, ValueError):
        raise ServiceError(ErrorCode.PROVIDER_UNAVAILABLE, UNAVAILABLE)
    if not isinstance(token, dict) or not token.get("id_token"):
        raise ServiceError(ErrorCode.TOKEN_INVALID, REFUSED)
    options = {
        "iss": {"essential": True, "values": [provider.issuer]},
        "aud": {"essential": True, "values": [provider.client_id]},
    }
    try:
        claims = app.parse_id_token(
            token, nonce=data["nonce"], claims_options=options, leeway=settings.HAASTEMOOTTORI_OIDC_LEEWAY_SECONDS
        )
    except jose_errors.JoseError as exc:
        raise _refusal(exc)
    except requests.RequestException:  # the JWKS could not be fetched
        raise ServiceError(ErrorCode.PROVIDER_UNAVAILABLE, UNAVAILABLE)
    except (RuntimeError, ValueError, TypeError, KeyError, AttributeError):  # a JWKS or token that is not one
        raise ServiceError(ErrorCode.TOKEN_INVALID, REFUSED)
    subject = claims.get("sub") if claims else None
    if not isinstance(subject, str) or not 0 < len(subject) <= MAX_SUBJECT:
        raise ServiceError(ErrorCode.TOKEN_INVALID, REFUSED)
    return CallbackResult(claims=dict(claims), next_url=data.get("next_url", ""), language=data.get("language", ""))
