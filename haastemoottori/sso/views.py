"""City sign-in: the button on the login page starts here; the city's identity provider sends the browser back
to the callback. Any refusal returns to the login page with a message in the person's language (never a 500);
the password form there keeps working."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.backends import ModelBackend
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.i18n import current_language, language_codes

from . import client, selectors, services

LANGUAGE_KEY = "sso_language"


def _unknown() -> str:
    return _("This city's sign-in is not in use. Sign in with a password.")


def _safe_next(request, next_url: str) -> str:
    ok = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure())
    return next_url if next_url and ok else ""


def _back_to_login(request, message: str, next_url: str = "") -> HttpResponseRedirect:
    messages.error(request, message)
    url = reverse("accounts:login")
    return redirect(url + ("?" + urlencode({"next": next_url}) if next_url else ""))


CITY_SIGN_IN_BACKEND = "haastemoottori.sso.backends.CitySignInBackend"


def session_backend() -> str:
    """The configured backend that loads the signed-in person for later requests: the city sign-in backend
    (exempt from a second factor here: the provider asked for its own), else the first ModelBackend."""
    if CITY_SIGN_IN_BACKEND in settings.AUTHENTICATION_BACKENDS:
        return CITY_SIGN_IN_BACKEND
    for path in settings.AUTHENTICATION_BACKENDS:
        if issubclass(import_string(path), ModelBackend):
            return path
    return "django.contrib.auth.backends.ModelBackend"


def callback_uri(slug: str) -> str:
    """The redirect URI a city registers at its identity provider."""
    return settings.SITE_URL.rstrip("/") + reverse("sso_callback:callback", args=[slug])


@never_cache
def start(request, slug):
    next_url = _safe_next(request, request.GET.get("next", ""))
    provider = selectors.enabled_provider(slug)
    if provider is None:
        return _back_to_login(request, _unknown(), next_url)
    try:
        url = client.authorization_url(
            provider, request, redirect_uri=callback_uri(slug), next_url=next_url, language=current_language()
        )
    except ServiceError as exc:
        return _back_to_login(request, str(exc.message), next_url)
    request.session[LANGUAGE_KEY] = current_language()  # for a refusal at a callback without a known state
    return HttpResponseRedirect(url)


@never_cache
def callback(request, slug):
    provider = selectors.enabled_provider(slug)
    if provider is None:
        return _back_to_login(request, _unknown())
    language = request.session.get(LANGUAGE_KEY, current_language())
    try:
        data = client.take_state(provider, request)
    except ServiceError as exc:
        data = None
        refusal = exc
    else:
        language = data.get("language", language)
    with translation.override(language if language in language_codes() else current_language()):
        if data is None:
            services.record_refusal(provider=provider, code=refusal.code)
            return _back_to_login(request, str(refusal.message))
        try:
            result = client.complete(provider, request, data)
        except ServiceError as exc:
            services.record_refusal(provider=provider, code=exc.code)
            return _back_to_login(request, str(exc.message))
        try:
            user = services.sign_in(provider=provider, claims=result.claims)
        except ServiceError as exc:
            services.record_refusal(provider=provider, code=exc.code, claims=result.claims)
            return _back_to_login(request, str(exc.message))
        login(request, user, backend=session_backend())
        # Signed in by the city's provider (which did its own second factor): other checks may read this.
        request.session["sso_provider"] = provider.slug
        target = _safe_next(request, result.next_url) or reverse(settings.LOGIN_REDIRECT_URL)
    response = redirect(target)
    if user.preferred_language in language_codes():
        response.set_cookie("django_language", user.preferred_language, samesite="Lax")
    return response
