"""A city employee clicks their city's button on the login page, signs in at the city's OpenID Connect provider
(a real one on its own socket, signing RS256 ID tokens) and lands signed in with the role their group maps to.
A provider that is down gives a clear message on the login page, where the password still works. Axe clean."""

import pytest

from conftest import make_org, make_user
from haastemoottori.organisations.models import Department, Membership
from haastemoottori.sso.models import OidcProvider, OidcRoleMapping
from haastemoottori.sso.tests.oidc_provider import OidcTestProvider

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PEOPLE = {
    "eeva": {
        "sub": "espoo-0001",
        "email": "eeva.espoolainen@espoo.test",
        "name": "Eeva Espoolainen",
        "groups": ["g-espoo-innovation"],
    }
}


@pytest.fixture
def espoo_idp(live_server, settings, monkeypatch, transactional_db):
    settings.SITE_URL = live_server.url
    monkeypatch.setenv("HAASTEMOOTTORI_OIDC_ESPOO_SECRET", "espoo-secret-from-env")
    espoo = make_org("espoo", name={"fi": "Espoon kaupunki", "sv": "Esbo stad", "en": "City of Espoo"})
    make_org("vantaa", name={"fi": "Vantaan kaupunki", "sv": "Vanda stad", "en": "City of Vantaa"})
    innovation = Department.objects.create(organisation=espoo, slug="innovation", name={"fi": "Innovaatiot"})
    with OidcTestProvider(client_id="haastemoottori-espoo", client_secret="espoo-secret-from-env", users=PEOPLE) as idp:
        config = OidcProvider.objects.create(
            slug="espoo",
            organisation=espoo,
            issuer=idp.issuer,
            client_id=idp.client_id,
            client_secret_env="HAASTEMOOTTORI_OIDC_ESPOO_SECRET",
            is_enabled=True,
        )
        OidcRoleMapping.objects.create(
            provider=config, claim_value="g-espoo-innovation", role="challenge_owner", department=innovation
        )
        yield idp


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def test_a_city_employee_signs_in_with_the_citys_provider(live_server, page, espoo_idp):
    page.goto(f"{live_server.url}/en/accounts/login/")
    check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Sign in with your city account: City of Espoo").click()
    assert page.url.startswith(espoo_idp.issuer)  # at the city's provider
    page.fill("#username", "eeva")
    page.fill("#password", "anything")
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.url.startswith(f"{live_server.url}/en/challenges/"), page.url
    check(page)
    membership = Membership.objects.select_related("user", "organisation", "department").get()
    assert membership.user.email == "eeva.espoolainen@espoo.test"
    assert (membership.organisation.slug, membership.role, membership.department.slug) == (
        "espoo",
        "challenge_owner",
        "innovation",
    )
    page.goto(f"{live_server.url}/en/accounts/profile/")
    assert "City of Espoo" in page.locator("main").inner_text()


def test_a_provider_that_is_down_leaves_the_password_sign_in_working(live_server, page, espoo_idp):
    make_user("owner@espoo.test", full_name="Outi Omistaja")
    espoo_idp.down = True
    page.goto(f"{live_server.url}/fi/accounts/login/")
    with page.expect_navigation():
        page.get_by_role("link", name="Kirjaudu kaupungin tunnuksella: Espoon kaupunki").click()
    assert page.url == f"{live_server.url}/fi/accounts/login/"
    assert "Kaupungin kirjautumispalvelua ei tavoiteta juuri nyt" in page.locator("[role=status]").inner_text()
    check(page)
    page.fill("#id_username", "owner@espoo.test")
    page.fill("#id_password", "test-password-123")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "/accounts/login/" not in page.url
