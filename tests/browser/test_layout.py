"""The page shell at 1280 px and 390 px (issue 21, items 4–6): the header on one line for every role, a Menu
button on a phone that works without JavaScript, no sideways scrolling at 390 px (one wrapping rule, tables in
their own scroll containers), the challenge list's first result on the first screen, and the error summary that
takes the focus and links to the inputs."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from conftest import publishable
from haastemoottori.challenges import services

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ROLES = ["anonymous", "company_admin", "espoo_owner", "espoo_evaluator", "platform_admin"]

# The header's items that are on the line: the brand, the menus' links, the account menu's button.
HEADER_LINE = """() => [...document.querySelectorAll(
    '.site-header__brand, .site-nav a, .language-switch a, .site-header__account > a, .account-menu > summary')]
  .map(e => e.getBoundingClientRect()).filter(r => r.width > 0)
  .map(r => ({top: r.top, bottom: r.bottom, middle: (r.top + r.bottom) / 2}))"""
SCROLL_WIDTH = "document.documentElement.scrollWidth"


def _screenshots() -> Path:
    """var/screenshots/ (not committed): CI keeps them."""
    out = Path(__file__).resolve().parents[2] / "var" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    return out


def _sign_in(context, base, user):
    if user is None:
        return
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )


@pytest.fixture
def challenge(region, make_challenge):
    owner = region.people["espoo_owner"]
    # A long Finnish compound in the title and an indicators table: the page must still fit 390 px.
    challenge = make_challenge(title={"fi": "Saavutettavuusselosteiden kokonaisarkkitehtuurikehittämissuunnitelma"})
    services.challenge_set_indicators(
        actor=owner,
        challenge=challenge,
        indicators=[
            {
                "name": {"fi": "Kaukolämpöverkkoonliittymättömien kiinteistöjen energiankulutusmittaus"},
                "unit": "megawattituntia vuodessa",
                "baseline": "123456,5",
                "target": "100000",
            }
        ],
    )
    challenge = publishable(challenge, region)
    return services.challenge_transition(actor=owner, challenge=challenge, target="open_call")


@pytest.mark.parametrize("role", ROLES)
def test_the_header_is_one_line_at_1280_px_for_every_role(live_server, browser, region, challenge, role):
    context = browser.new_context(viewport=DESKTOP)
    _sign_in(context, live_server.url, None if role == "anonymous" else region.people[role])
    page = context.new_page()
    for lang in ("fi", "sv", "en"):
        for path in (f"/{lang}/", f"/{lang}/challenges/{challenge.slug}/"):
            page.goto(live_server.url + path)
            items = page.evaluate(HEADER_LINE)
            assert len(items) >= 9, path
            middles = [i["middle"] for i in items]
            assert max(middles) - min(middles) < 8, f"{role} {path}: header items on several lines"
            assert page.evaluate("document.querySelector('.site-header').offsetHeight") < 100, path
            assert page.locator(".site-menu > summary").is_hidden()  # no Menu button on a wide screen
            assert page.evaluate(SCROLL_WIDTH) <= DESKTOP["width"], path
            if role == "anonymous" and "/challenges/" in path:
                page.screenshot(path=str(_screenshots() / f"detail-{lang}-1280.png"), full_page=True)
    if role != "anonymous":  # one's own pages are in the account menu, which opens without JavaScript too
        page.click(".account-menu > summary")
        assert page.locator(".account-menu a[href$='/challenges/workspace/']").is_visible()
        assert page.locator(".account-menu form[action$='/logout/'] button").is_visible()
        assert axe_violations(page) == []
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_a_menu_button_collapses_the_navigation_on_a_phone(live_server, browser, region, challenge, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    _sign_in(context, live_server.url, region.people["espoo_owner"])
    page = context.new_page()
    page.goto(f"{live_server.url}/fi/challenges/")
    toggle = page.locator(".site-menu > summary")
    assert toggle.is_visible() and toggle.inner_text().strip() == "Valikko"
    assert page.locator(".site-nav").is_hidden()
    assert page.evaluate("document.querySelector('.site-header').offsetHeight") <= 100  # was 286 px
    toggle.click()
    assert page.locator(".site-nav a[href='/fi/events/']").is_visible()
    assert page.locator(".language-switch a[hreflang=sv]").is_visible()
    assert page.evaluate(SCROLL_WIDTH) <= PHONE["width"]
    if javascript:
        assert axe_violations(page) == []
    with page.expect_navigation():
        page.click(".site-nav a[href='/fi/events/']")
    assert page.url.endswith("/fi/events/")
    toggle.click()
    toggle.click()
    assert page.locator(".site-nav").is_hidden()
    context.close()


def test_the_focus_ring_on_the_header_is_white(live_server, page, region):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/fi/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; })()"
    )
    assert page.evaluate("document.activeElement.className") == "site-header__brand"
    assert style == ["solid", "3px", "rgb(255, 255, 255)"]  # white on the blue: 12:1, was about 2.4:1


def test_no_page_scrolls_sideways_at_390_px(live_server, browser, region, challenge):
    context = browser.new_context(viewport=PHONE)
    _sign_in(context, live_server.url, region.people["espoo_owner"])
    page = context.new_page()
    wide = []
    paths = [
        "/fi/",
        "/fi/accessibility/",
        "/fi/privacy/",
        "/sv/platforms/",
        f"/fi/challenges/{challenge.slug}/",
        f"/fi/challenges/{challenge.slug}/manage/",
        "/fi/challenges/workspace/",
        "/fi/organisations/espoo/team/",
        "/fi/accounts/profile/",
        "/fi/notifications/",
        "/fi/events/",
        "/fi/pilots/",
        "/fi/impact/",
    ]
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        if page.evaluate(SCROLL_WIDTH) > PHONE["width"]:
            wide.append((path, page.evaluate(SCROLL_WIDTH)))
    assert wide == []
    context.close()


def test_the_first_challenge_is_on_the_first_screen_of_a_phone(live_server, page, region, challenge):
    page.set_viewport_size(PHONE)
    for lang in ("sv", "en", "fi"):
        page.goto(f"{live_server.url}/{lang}/challenges/")
        page.screenshot(path=str(_screenshots() / f"list-{lang}-390.png"))
    first = page.locator(".challenge-card").first.bounding_box()
    assert first["y"] < PHONE["height"], first  # was 1,337 px down with the filters open
    assert page.locator("#id_stage").is_hidden()
    page.click(".filter-panel > summary")
    assert page.locator("#id_stage").is_visible()
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/fi/challenges/")
    assert page.locator("#id_stage").is_visible()  # beside the results on a wide screen, no click needed


@pytest.mark.parametrize("javascript", [True, False])
def test_a_failed_sign_up_focuses_the_summary_which_links_to_the_field(live_server, browser, region, javascript):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/fi/accounts/signup/")
    page.fill("#id_business_id", "1234567-8")
    page.fill("#id_full_name", "Hanna Hakija")
    page.fill("#id_email", "hanna@example.test")
    page.fill("#id_password", "lyhyt")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    summary = page.locator("#error-summary")
    assert "This password is too short" not in summary.inner_text()
    assert page.locator("#id_business_id").get_attribute("aria-invalid") == "true"
    assert "id_business_id_error" in page.locator("#id_business_id").get_attribute("aria-describedby")
    summary.locator("a[href='#id_business_id']").click()
    assert page.evaluate("document.activeElement.id") == "id_business_id"
    if javascript:
        assert axe_violations(page) == []
    context.close()


def test_escape_and_a_click_outside_close_the_menus(live_server, browser, region):
    context = browser.new_context(viewport=DESKTOP)
    _sign_in(context, live_server.url, region.people["espoo_owner"])
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    summary = page.locator(".account-menu > summary")
    summary.click()
    assert page.locator(".account-menu__panel").is_visible()
    page.keyboard.press("Escape")
    assert page.locator(".account-menu__panel").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('site-header__user')")
    summary.click()
    page.click("main h1")
    assert page.locator(".account-menu__panel").is_hidden()
    page.set_viewport_size(PHONE)
    page.click(".site-menu > summary")
    assert page.locator(".site-nav").is_visible()
    page.keyboard.press("Escape")
    assert page.locator(".site-nav").is_hidden()
    context.close()
