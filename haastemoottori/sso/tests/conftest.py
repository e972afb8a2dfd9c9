"""Two cities, each with its own OpenID Connect provider running on a real socket (oidc_provider.py)."""

from urllib.parse import parse_qs, urlparse

import pytest
import requests

from conftest import make_org
from haastemoottori.organisations.models import Department
from haastemoottori.sso.models import OidcProvider, OidcRoleMapping

from .oidc_provider import OidcTestProvider

ESPOO_PEOPLE = {
    "eeva": {
        "sub": "espoo-0001",
        "email": "eeva.espoolainen@espoo.test",
        "email_verified": True,
        "name": "Eeva Espoolainen",
        "groups": ["g-espoo-staff", "g-espoo-innovation"],
    },
    "nobody": {"sub": "espoo-0002", "email": "nobody@espoo.test", "name": "Ei Ketään", "groups": ["g-other"]},
    # A Vantaa person whose groups happen to carry Espoo's group ID: still nothing in Espoo through Vantaa.
}
VANTAA_PEOPLE = {
    "ville": {
        "sub": "vantaa-0001",
        "email": "ville@vantaa.test",
        "name": "Ville Vantaalainen",
        "roles": ["Haaste.Owner", "g-espoo-innovation"],
    },
    "stray": {"sub": "vantaa-0002", "email": "stray@vantaa.test", "roles": ["g-espoo-innovation"]},
}


class City:
    """One city: its organisation, its provider configuration, and the provider running."""

    def __init__(self, org, config, idp):
        self.org, self.config, self.idp = org, config, idp


def configure(org, idp, *, slug, env, roles_claim, mappings):
    config = OidcProvider.objects.create(
        slug=slug,
        organisation=org,
        issuer=idp.issuer,
        client_id=idp.client_id,
        client_secret_env=env,
        roles_claim=roles_claim,
        email_domains=f"{slug}.test",
        is_enabled=True,
    )
    for value, role, department in mappings:
        OidcRoleMapping.objects.create(provider=config, claim_value=value, role=role, department=department)
    return config


@pytest.fixture
def cities(db, monkeypatch, settings):
    settings.SITE_URL = "http://testserver"
    settings.HAASTEMOOTTORI_OIDC_TIMEOUT_SECONDS = 1.0
    monkeypatch.setenv("HAASTEMOOTTORI_OIDC_ESPOO_SECRET", "espoo-secret-from-env")
    monkeypatch.setenv("HAASTEMOOTTORI_OIDC_VANTAA_SECRET", "vantaa-secret-from-env")
    espoo = make_org("espoo", name={"fi": "Espoon kaupunki", "sv": "Esbo stad", "en": "City of Espoo"})
    vantaa = make_org("vantaa", name={"fi": "Vantaan kaupunki", "sv": "Vanda stad", "en": "City of Vantaa"})
    innovation = Department.objects.create(organisation=espoo, slug="innovation", name={"fi": "Innovaatiot"})
    with (
        OidcTestProvider(
            client_id="haastemoottori-espoo", client_secret="espoo-secret-from-env", users=ESPOO_PEOPLE
        ) as espoo_idp,
        OidcTestProvider(
            client_id="haastemoottori-vantaa", client_secret="vantaa-secret-from-env", users=VANTAA_PEOPLE
        ) as vantaa_idp,
    ):
        espoo_config = configure(
            espoo,
            espoo_idp,
            slug="espoo",
            env="HAASTEMOOTTORI_OIDC_ESPOO_SECRET",
            roles_claim="groups",
            mappings=[("g-espoo-staff", "member", None), ("g-espoo-innovation", "challenge_owner", innovation)],
        )
        vantaa_config = configure(
            vantaa,
            vantaa_idp,
            slug="vantaa",
            env="HAASTEMOOTTORI_OIDC_VANTAA_SECRET",
            roles_claim="roles",
            mappings=[("Haaste.Owner", "challenge_owner", None)],
        )
        yield {
            "espoo": City(espoo, espoo_config, espoo_idp),
            "vantaa": City(vantaa, vantaa_config, vantaa_idp),
            "innovation": innovation,
        }


def at_provider(authorize_url: str, username: str) -> str:
    """What a person does at the provider's sign-in page: posts their user name. Returns the redirect back."""
    query = {k: v[0] for k, v in parse_qs(urlparse(authorize_url).query).items()}
    form = requests.get(authorize_url, timeout=5)
    assert form.status_code == 200, form.text
    answer = requests.post(
        authorize_url.split("?")[0], data={**query, "username": username}, timeout=5, allow_redirects=False
    )
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def sign_in_via(client, slug: str, username: str, *, language: str = "en", callback_slug: str | None = None):
    """The whole round: our start view, the provider, our callback (followed to the page it lands on)."""
    start = client.get(f"/{language}/accounts/sso/{slug}/")
    assert start.status_code == 302, start
    back = at_provider(start["Location"], username)
    path = urlparse(back)
    assert back.startswith(f"http://testserver/sso/{slug}/callback/")
    callback_path = path.path.replace(f"/sso/{slug}/", f"/sso/{callback_slug}/") if callback_slug else path.path
    return client.get(f"{callback_path}?{path.query}", follow=True)
