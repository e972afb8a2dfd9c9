"""Reads of city sign-in: the enabled providers and the login page's buttons."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from haastemoottori.accounts.sign_in_options import SignInOption

from .models import OidcProvider


def enabled_providers() -> list[OidcProvider]:
    return list(OidcProvider.objects.filter(is_enabled=True).select_related("organisation"))


def enabled_provider(slug: str) -> OidcProvider | None:
    return OidcProvider.objects.filter(slug=slug, is_enabled=True).select_related("organisation").first()


def sign_in_buttons(request: HttpRequest) -> list[SignInOption]:
    """One button per enabled city; the page's ``next`` goes along when it is an address of this site."""
    next_url = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure())
    query = "?" + urlencode({"next": next_url}) if next_url and safe else ""
    return [
        SignInOption(
            label=_("Sign in with your city account: %(city)s") % {"city": provider.organisation},
            url=reverse("sso:start", args=[provider.slug]) + query,
        )
        for provider in enabled_providers()
    ]
