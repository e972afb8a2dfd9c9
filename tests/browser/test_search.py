"""Search and suggestions in a real browser: search in Swedish with the keyboard, read the marked results,
rate a suggested challenge as a company member. Every page: zero axe violations."""

import pytest
from django.utils import timezone

from conftest import make_org, make_user
from haastemoottori.challenges.models import Challenge, ChallengeOwnership
from haastemoottori.discovery.models import MatchFeedback
from haastemoottori.organisations.models import Membership
from haastemoottori.search.services import search_index_schedule

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "test-password-123"


@pytest.fixture
def world(transactional_db):
    vantaa = make_org("vantaa", name={"fi": "Vantaan kaupunki", "sv": "Vanda stad", "en": "City of Vantaa"})
    challenge = Challenge.objects.create(
        slug="hulevedet",
        original_language="fi",
        stage="open_call",
        published_at=timezone.now(),
        title={"fi": "Hulevesien hallinta", "sv": "Dagvattenhantering"},
        summary={"fi": "Hulevedet tulvivat kellareihin.", "sv": "Dagvatten översvämmar källare."},
    )
    ChallengeOwnership.objects.create(challenge=challenge, organisation=vantaa, role="lead")
    company = make_org("sadeviisas", kind="company", name={"fi": "Sadeviisas Oy"})
    company.offering = {"fi": "Hulevesien hallinta ja viherkatot", "sv": "Dagvattenhantering och gröna tak"}
    company.save()
    search_index_schedule([challenge, company])
    user = make_user("admin@sadeviisas.test", company, Membership.Role.ADMIN, preferred_language="sv")
    return challenge, company, user


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def test_search_with_the_keyboard_and_rate_a_suggestion(live_server, page, world):
    challenge, company, user = world
    base = live_server.url
    page.goto(f"{base}/sv/search/")
    check(page)
    page.focus("#id_q")
    page.keyboard.type("dagvatten")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=dagvatten" in page.url
    assert page.locator("main mark").first.inner_text().lower().startswith("dagvatten")
    assert page.locator(f"a[href$='/challenges/{challenge.slug}/']").count() == 1
    check(page)

    page.goto(f"{base}/sv/accounts/login/?next=/sv/search/organisations/{company.slug}/challenges/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert f"/search/organisations/{company.slug}/challenges/" in page.url
    check(page)
    with page.expect_navigation():
        page.locator("form.feedback-form button[value=yes]").first.click()
    assert MatchFeedback.objects.get(user=user).useful
    check(page)
