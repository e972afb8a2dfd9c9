"""A city expert drafts a challenge, a second city approves, the lead publishes (keyboard only), and an
anonymous visitor finds it through the filters and reads it in fi, sv and en. Every page: axe clean."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_org, make_user
from haastemoottori.challenges.models import Challenge
from haastemoottori.organisations.models import Membership
from haastemoottori.taxonomy.models import Theme

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "test-password-123"


@pytest.fixture
def cities(transactional_db):
    espoo = make_org("espoo", name={"fi": "Espoon kaupunki", "sv": "Esbo stad", "en": "City of Espoo"})
    vantaa = make_org("vantaa", name={"fi": "Vantaan kaupunki", "sv": "Vanda stad", "en": "City of Vantaa"})
    Theme.objects.create(
        slug="sdg-11",
        kind="sdg",
        number=11,
        name={"fi": "Kestävät kaupungit", "sv": "Hållbara städer", "en": "Sustainable cities"},
    )
    make_user("expert@espoo.test", espoo, Membership.Role.CHALLENGE_OWNER)
    make_user("expert@vantaa.test", vantaa, Membership.Role.CHALLENGE_OWNER)
    return espoo, vantaa


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def sign_in(page, base, email):
    page.context.clear_cookies()
    page.goto(f"{base}/fi/accounts/login/")
    check(page)
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "/challenges/workspace/" in page.url


def test_draft_invite_approve_publish_and_find(live_server, page, cities):
    base = live_server.url
    espoo, vantaa = cities

    # 1. The Espoo expert drafts the challenge.
    sign_in(page, base, "expert@espoo.test")
    check(page)
    with page.expect_navigation():
        page.click("text=Uusi haaste")
    check(page)
    page.select_option("#id_lead", str(espoo.pk))
    page.fill("#id_title", "Kävelyreittien talvikunnossapito")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "/edit/" in page.url
    check(page)
    score_before = page.locator("#readiness h2").inner_text()
    page.fill("#id_summary__fi", "Etsimme keinoja pitää kävelyreitit turvallisina talvella.")
    # The readiness checklist follows the unsaved edit (htmx), before anything is saved.
    page.wait_for_function("before => document.querySelector('#readiness h2').innerText !== before", arg=score_before)
    assert Challenge.objects.get().summary == {}
    page.fill("#id_summary__sv", "Vi söker sätt att hålla gångvägarna säkra på vintern.")
    page.fill("#id_summary__en", "We look for ways to keep walking routes safe in winter.")
    page.fill("#id_title__sv", "Vinterunderhåll av gångvägar")
    page.fill("#id_title__en", "Winter maintenance of walking routes")
    with page.expect_navigation():
        page.click("button[name=next]")
    assert "step=problem" in page.url
    check(page)
    page.fill("#id_problem__fi", "Liukastumiset aiheuttavat tuhansia tapaturmia vuodessa.")
    with page.expect_navigation():
        page.click("button[name=next]")
    assert "step=outcome" in page.url
    check(page)
    page.fill("#id_ind-0-name__fi", "Liukastumistapaturmat")
    page.fill("#id_ind-0-unit", "kpl/vuosi")
    page.fill("#id_ind-0-baseline", "1200")
    page.fill("#id_ind-0-target", "800")
    with page.expect_navigation():
        page.click("button[name=next]")
    assert "step=conditions" in page.url
    check(page)
    page.fill("#id_budget_min", "20000")
    page.fill("#id_budget_max", "80000")
    page.select_option("#id_route", "agile_pilot")
    deadline = timezone.localtime(timezone.now() + timedelta(days=20)).strftime("%Y-%m-%dT16:00")
    page.fill("#id_call_deadline", deadline)
    page.check("input[name=themes]")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/manage/" in page.url
    check(page)

    # 2. Invite Vantaa as a co-owner, send for review, approve for Espoo.
    page.select_option("#id_organisation", str(vantaa.pk))
    with page.expect_navigation():
        page.click("form[action$='/owners/'] button[type=submit]")
    check(page)
    page.locator("form:has(input[name=target][value=in_review]) input[type=checkbox]").check()
    with page.expect_navigation():
        page.locator("form:has(input[name=target][value=in_review]) button").click()
    check(page)
    with page.expect_navigation():
        page.locator(f"form:has(input[name=organisation][value='{espoo.pk}']) button").click()
    slug = Challenge.objects.get().slug
    assert Challenge.objects.get().stage == "in_review"

    # Publishing is refused until Vantaa approves, with the reason shown.
    assert "Vantaan kaupunki" in page.locator("form:has(input[name=target][value=open_call])").inner_text()

    # 3. The Vantaa expert approves.
    sign_in(page, base, "expert@vantaa.test")
    page.goto(f"{base}/fi/challenges/{slug}/manage/")
    check(page)
    with page.expect_navigation():
        page.locator(f"form:has(input[name=organisation][value='{vantaa.pk}']) button").click()
    assert Challenge.objects.get().ownerships.get(organisation=vantaa).approved_version

    # 4. The lead publishes and opens the call, with the keyboard only.
    sign_in(page, base, "expert@espoo.test")
    page.goto(f"{base}/fi/challenges/{slug}/manage/")
    checkbox = page.locator("form:has(input[name=target][value=open_call]) input[type=checkbox]")
    button = page.locator("form:has(input[name=target][value=open_call]) button")
    page.locator("body").focus()
    for _ in range(200):
        page.keyboard.press("Tab")
        if checkbox.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the confirmation box cannot be reached with Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert button.evaluate("el => el === document.activeElement")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Challenge.objects.get().stage == "open_call", page.locator("main").inner_text()[:500]
    check(page)

    # 5. An anonymous visitor finds it with the filters and reads it in three languages.
    page.context.clear_cookies()
    page.goto(f"{base}/en/challenges/")
    page.select_option("#id_city", "vantaa")
    page.select_option("#id_stage", "open_call")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    check(page)
    with page.expect_navigation():
        page.click("text=Winter maintenance of walking routes")
    assert page.locator("h1").inner_text() == "Winter maintenance of walking routes"
    check(page)
    for lang, title in (("sv", "Vinterunderhåll av gångvägar"), ("fi", "Kävelyreittien talvikunnossapito")):
        with page.expect_navigation():
            page.click(f".language-switch a[hreflang={lang}]")
        assert page.locator("h1").inner_text() == title
        assert page.locator("html").get_attribute("lang") == lang
        check(page)


def test_bad_input_shows_the_error_summary_in_the_chosen_language(live_server, page, cities):
    base = live_server.url
    sign_in(page, base, "expert@espoo.test")
    page.goto(f"{base}/sv/challenges/new/")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.endswith("/sv/challenges/new/")
    assert "Rätta till följande" in page.locator("#error-summary").inner_text()
    check(page)
    page.goto(f"{base}/fi/challenges/new/")
    page.select_option("#id_lead", str(cities[0].pk))
    page.fill("#id_title", "Testi")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    slug = Challenge.objects.get().slug
    page.goto(f"{base}/sv/challenges/{slug}/edit/?step=conditions")
    page.fill("#id_constraints__fi", "Kirjoitettu teksti säilyy")
    page.fill("#id_budget_min", "90000")
    page.fill("#id_budget_max", "100")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert "Rätta till följande" in summary.inner_text()
    assert page.input_value("#id_constraints__fi") == "Kirjoitettu teksti säilyy"
    check(page)
