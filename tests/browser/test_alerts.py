"""Alerts in a real browser: follow a theme from the filtered list with the keyboard only, change the digest
frequency on the alerts page, and unsubscribe from a digest link. Every page: zero axe violations."""

import pytest
from django.utils import timezone

from conftest import make_org, make_user
from haastemoottori.alerts import services
from haastemoottori.alerts.models import Follow
from haastemoottori.challenges.models import Challenge, ChallengeOwnership
from haastemoottori.notifications.models import AlertPreference
from haastemoottori.taxonomy.models import Theme

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "test-password-123"


@pytest.fixture
def world(transactional_db):
    espoo = make_org("espoo", name={"fi": "Espoon kaupunki", "sv": "Esbo stad", "en": "City of Espoo"})
    theme = Theme.objects.create(
        slug="sdg-11",
        kind="sdg",
        number=11,
        name={"fi": "Kestävät kaupungit", "sv": "Hållbara städer", "en": "Sustainable cities"},
    )
    challenge = Challenge.objects.create(
        slug="talvikunnossapito",
        original_language="fi",
        stage="co_definition",
        published_at=timezone.now(),
        title={"fi": "Talvikunnossapito", "sv": "Vinterunderhåll", "en": "Winter maintenance"},
        summary={"fi": "Kävelyreitit turvallisiksi.", "en": "Safe walking routes."},
    )
    challenge.themes.set([theme])
    ChallengeOwnership.objects.create(challenge=challenge, organisation=espoo, role="lead")
    user = make_user("reader@company.test", preferred_language="sv")
    return user, theme


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def tab_to(page, locator):
    page.locator("body").focus()
    for _ in range(100):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"{locator} cannot be reached with Tab")


def test_follow_a_theme_with_the_keyboard_and_manage_alerts(live_server, page, world):
    base = live_server.url
    user, theme = world

    page.goto(f"{base}/en/challenges/?theme=sdg-11")
    check(page)  # anonymous: sign-in links and the feed link
    with page.expect_navigation():
        page.click("text=Sign in to follow the theme Sustainable cities")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "/challenges/?theme=sdg-11" in page.url
    check(page)

    follow_button = page.get_by_role("button", name="Follow the theme Sustainable cities")
    tab_to(page, follow_button)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Follow.objects.get(user=user).theme == theme
    assert page.get_by_role("button", name="Stop following the theme Sustainable cities").count() == 1
    check(page)  # with the success message

    save_button = page.get_by_role("button", name="Save this search")
    tab_to(page, save_button)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Follow.objects.filter(user=user, kind="search").count() == 1

    page.goto(f"{base}/sv/alerts/")
    assert page.locator("html").get_attribute("lang") == "sv"
    check(page)
    daily = page.locator("input[name=frequency][value=daily]")
    tab_to(page, page.locator("input[name=frequency]:checked"))
    page.keyboard.press("ArrowUp")  # weekly → daily within the radio group
    assert daily.is_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the profile link, to Save
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert AlertPreference.objects.get(user=user).frequency == "daily"
    check(page)


def test_unsubscribe_pages_are_accessible_and_only_post_unsubscribes(live_server, page, world):
    user, theme = world
    services.theme_follow(actor=user, theme=theme, follow=True)
    url = f"{live_server.url}/sv/alerts/unsubscribe/{services.unsubscribe_token(user)}/"
    page.goto(url)
    check(page)
    assert AlertPreference.objects.get(user=user).frequency == "weekly"
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert AlertPreference.objects.get(user=user).frequency == "off"
    assert user.email in page.locator("main").inner_text()
    check(page)
    assert page.goto(f"{live_server.url}/en/alerts/unsubscribe/forged/").status == 400
    check(page)
