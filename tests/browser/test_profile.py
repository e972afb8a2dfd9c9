"""A company admin finds 'Our organisation' in the workspace, edits the profile with the keyboard and saves it;
the public page shows it. Every page: axe clean (WCAG 2.1 A/AA)."""

import pytest

from conftest import make_org, make_user
from haastemoottori.accounts.models import User
from haastemoottori.organisations import services_members
from haastemoottori.organisations.models import Invitation, Membership, Organisation
from haastemoottori.organisations.models.invitation import token_digest
from haastemoottori.taxonomy.models import Theme

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "test-password-123"


@pytest.fixture
def company(transactional_db):
    make_org("espoo", name={"fi": "Espoon kaupunki", "sv": "Esbo stad", "en": "City of Espoo"})
    make_org("vantaa", name={"fi": "Vantaan kaupunki", "sv": "Vanda stad", "en": "City of Vantaa"})
    Theme.objects.create(
        slug="carbon-neutrality",
        kind="city",
        name={"fi": "Hiilineutraalius", "sv": "Klimatneutralitet", "en": "Carbon neutrality"},
    )
    company = make_org("lumityo", kind="company", name={"fi": "Lumityö Oy"})
    admin = make_user("admin@lumityo.test", company, Membership.Role.ADMIN)
    # The team page then shows a request to join and an open invitation too.
    services_members.join_request_create(
        user=make_user("hakija@example.test", full_name="Heikki Hakija"),
        organisation=company,
        message="Aloitin maaliskuussa.",
    )
    services_members.invitation_create(
        actor=admin, organisation=company, email="kutsuttu@example.test", role="evaluator", language="fi", base_url=""
    )
    return company


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def test_profile_is_edited_and_saved_with_the_keyboard(live_server, page, company):
    base = live_server.url
    page.goto(f"{base}/en/accounts/login/")
    page.fill("#id_username", "admin@lumityo.test")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    check(page)
    with page.expect_navigation():
        page.click("text=Lumityö Oy")
    assert page.url.endswith("/en/organisations/lumityo/team/")
    assert "Heikki Hakija" in page.locator("main").inner_text()
    check(page)
    with page.expect_navigation():
        page.click("main >> text=Edit the profile")
    assert page.url.endswith("/en/organisations/lumityo/profile/")
    check(page)

    # Keyboard only from here: type, tick with Space, and submit with Enter on the button.
    page.focus("#id_offering__fi")
    page.keyboard.type("Lumitöiden reittioptimointi kaupungeille.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_offering__sv"
    page.keyboard.type("Ruttoptimering av snöröjning för städer.")
    page.focus("input[name=languages_served][value=sv]")
    page.keyboard.press("Space")
    page.focus("input[name=cities_served] >> nth=0")
    page.keyboard.press("Space")
    page.focus("#id_trl")
    page.keyboard.press("End")  # the last level, 9
    page.focus("main form[enctype] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/en/organisations/lumityo/profile/")
    assert "The profile was saved." in page.locator(".messages").inner_text()
    check(page)
    saved = Organisation.objects.get(pk=company.pk)
    assert saved.offering == {
        "fi": "Lumitöiden reittioptimointi kaupungeille.",
        "sv": "Ruttoptimering av snöröjning för städer.",
    }
    assert saved.languages_served == ["sv"] and saved.trl == 9 and saved.cities_served.count() == 1

    # A mistake is explained in the error summary, and the page stays accessible.
    page.fill("#id_name__fi", "")
    with page.expect_navigation():
        page.click("main form[enctype] button[type=submit]")
    assert page.locator("#error-summary").is_visible()
    check(page)

    # A reference is added on its own page.
    page.goto(f"{base}/en/organisations/lumityo/references/new/")
    check(page)
    page.fill("#id_title__fi", "Kävelyreittien liukkaudentorjunta")
    page.fill("#id_year", "2024")
    page.check("#id_is_pilot")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith("/en/organisations/lumityo/profile/")
    assert company.references.count() == 1

    # The invitation link, as the invited person sees it before having an account.
    invitation = services_members.invitation_create(
        actor=User.objects.get(email="admin@lumityo.test"),
        organisation=company,
        email="new@lumityo.test",
        role="member",
        language="sv",
        base_url=base,
    )
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=token_digest("browser-token"))
    page.context.clear_cookies()
    page.goto(f"{base}/sv/accounts/invitations/browser-token/")
    check(page)
    page.goto(f"{base}/sv/accounts/invitations/no-such-token/")
    check(page)

    # The public page in Swedish shows the Swedish offering.
    page.context.clear_cookies()
    page.goto(f"{base}/sv/organisations/lumityo/")
    assert "Ruttoptimering av snöröjning för städer." in page.locator("main").inner_text()
    check(page)


def test_signup_with_a_registered_business_id_offers_to_join(live_server, page, company):
    from haastemoottori.organisations.models import OrganisationIdentifier

    OrganisationIdentifier.objects.create(organisation=company, scheme="FI-PRO", identifier="3124587-9")
    page.goto(f"{live_server.url}/fi/accounts/signup/")
    check(page)
    page.fill("#id_company_name", "Lumityö")
    page.fill("#id_business_id", "3124587-9")
    page.fill("#id_full_name", "Hanna Hakija")
    page.fill("#id_email", "hanna@example.test")
    page.fill("#id_password", "pitkä-salasana-123")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("#existing").is_visible()
    check(page)
    page.fill("#id_password", "pitkä-salasana-123")
    with page.expect_navigation():
        page.click("button[name=join]")
    assert company.join_requests.filter(user__email="hanna@example.test").count() == 1
    check(page)
