"""Every page of the URL conf in the browser (issue 21, Build 2): each URL name that a GET shows as a page is
opened as a role that may see it, with the authorisation matrix's world (tests/authz_world.py) as the data, and
checked in fi, sv and en at 390 px: axe-core WCAG 2.1 A/AA, one h1, a skip link to the main content, no sideways
scrolling, no English outside content marked with lang (fi, sv); then at 1280 px: the header on one line. A URL
name that is not such a page must be excused below with a reason; a new URL name that is neither fails
``test_every_url_name_is_checked_or_excused`` (no browser needed)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError

from ..authz_table import row_for
from ..authz_world import build
from ..test_authorisation_matrix import kwargs_for, url_routes
from .conftest import axe_violations
from .test_layout import HEADER_LINE

# Whole namespaces that are not the product's pages.
EXCUSED_PREFIXES = {
    "admin:": "Django's admin: its own interface for the platform admin, not a page of the product",
    "api-": "the JSON API: checked by its schema and API tests, no HTML",
}
# URL names whose GET is not an HTML page (or is not a page of its own).
EXCUSED = {
    "healthz": "a plain-text health check",
    "robots": "robots.txt, plain text",
    "sitemap": "sitemap.xml",
    "set_language": "the language switch: a redirect back to the page",
    "otp_webauthn:js-i18n-catalog": "a JavaScript catalogue for the passkey script",
    "alerts:feed-organisation": "an Atom feed",
    "alerts:feed-theme": "an Atom feed",
    "events:challenge-feed": "an iCalendar feed",
    "events:organisation-feed": "an iCalendar feed",
    "events:ics": "an iCalendar file",
    "foresight:feed": "an Atom feed",
    "calls:export": "a CSV export",
    "comments:export": "a CSV export",
    "evaluation_admin:export": "a CSV export",
    "events:participants-csv": "a CSV export",
    "impact:figure-csv": "a CSV export of one figure",
    "qa:export-csv": "a CSV export",
    "qa:export-json": "a JSON export",
    "proposals:attachment": "a file download",
    "impact:workbook": "an Excel workbook of the figures",
    "impact:figure-xlsx": "an Excel workbook of one figure",
    "credentials:jwks": "the installation's public keys, JSON (JWKS)",
    "credentials:status-list": "a signed revocation status list (a JWT)",
    "pilots:platform-feed": "an iCalendar feed",
    "references:download-jwt": "a signed reference download (JWT)",
    "references:download-json": "a signed reference download (JSON)",
    "search:feedback-export": "a CSV or JSON export of suggestion ratings",
}
# Whom to open a page as: the first of these the page's row in tests/authz_table.py lets see it.
ROLE_ORDER = ["anonymous", "lead", "owner", "evaluator", "partner", "co_owner", "unrelated", "other_city", "admin"]
PHONE = {"width": 390, "height": 844}
# English on a Finnish or Swedish page outside content marked with another lang (Django's own messages included): a text
# with two or more English function words that are not words in Finnish or Swedish.
ENGLISH_TEXT = """() => {
  const words = new Set(['the', 'and', 'with', 'your', 'this', 'that', 'are', 'you', 'has', 'have', 'been', 'will',
                         'must', 'should', 'cannot', 'there', 'which', 'from', 'into', 'about']);
  const page = document.documentElement.getAttribute('lang'), out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!element || element.closest('script, style, code, pre, template')) continue;
    if ((element.closest('[lang]') || document.documentElement).getAttribute('lang') !== page) continue;
    const hits = (node.textContent.toLowerCase().match(/[a-z]+/g) || []).filter(w => words.has(w));
    if (hits.length >= 2) out.push(node.textContent.trim().replace(/\\s+/g, ' ').slice(0, 90));
  }
  return out.slice(0, 3);
}"""
DESKTOP = {"width": 1280, "height": 900}


def excuse_for(name: str) -> str | None:
    for prefix, reason in EXCUSED_PREFIXES.items():
        if name.startswith(prefix):
            return reason
    return EXCUSED.get(name)


def pages():
    """(route, role) for every URL name whose GET some role gets as a page, and is not excused."""
    found = []
    for route in url_routes():
        row = row_for(route.name)
        if row is None or not row.get or excuse_for(route.name):
            continue
        role = next((r for r in ROLE_ORDER if r in row.get), sorted(row.get)[0])
        found.append((route, role, row.query))
    return found


def test_every_url_name_is_checked_or_excused():
    """Each URL name is either opened by the walk below or excused with a reason; excuses name real routes."""
    names = {route.name for route in url_routes()}
    walked = {route.name for route, _role, _query in pages()}
    gets = {name for name in names if (row_for(name) and row_for(name).get)}
    assert gets - walked == {name for name in gets if excuse_for(name)}
    assert len(walked) > 90, len(walked)
    assert not set(EXCUSED) - names, f"excuses for URL names that no longer exist: {set(EXCUSED) - names}"
    assert all(reason.strip() for reason in [*EXCUSED.values(), *EXCUSED_PREFIXES.values()])


def test_a_new_page_without_a_check_is_noticed():
    assert excuse_for("proposals:brand-new-page") is None
    assert excuse_for("admin:auth_user_changelist") is not None


@pytest.mark.browser
@pytest.mark.whole_platform
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_page_at_390_and_1280_px(live_server, browser, region, make_challenge, lang):
    world = build(region, make_challenge)
    contexts = {}
    problems: list[str] = []
    checked = 0
    for route, role, query in pages():
        if role not in contexts:
            context = browser.new_context(viewport=PHONE)
            if role != "anonymous":
                client = Client()
                client.force_login(world.people[role])
                cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
                context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
            contexts[role] = context.new_page()
        page = contexts[role]
        with translation.override(lang):
            url = reverse(route.name, kwargs=kwargs_for(route, world)) + query
        page.set_viewport_size(PHONE)
        where = f"{route.name} {url} as {role}"
        try:
            response = page.goto(live_server.url + url)
        except PlaywrightError as exc:  # a download, not a page
            problems.append(f"{where}: not an HTML page ({str(exc).splitlines()[0]}); excuse it with a reason")
            continue
        kind = (response.headers.get("content-type") or "") if response else ""
        if not response or "text/html" not in kind:
            problems.append(f"{where}: not an HTML page ({kind}); excuse it in EXCUSED with a reason")
            continue
        checked += 1
        h1 = page.locator("h1").count()
        if h1 != 1:
            problems.append(f"{where}: {h1} h1 elements")
        if page.locator("a.skip-link[href='#main']").count() != 1 or page.locator("main#main").count() != 1:
            problems.append(f"{where}: no skip link to the main content")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{where}: {width} px wide at 390 px")
        english = page.evaluate(ENGLISH_TEXT) if lang != "en" else []
        if english:
            problems.append(f"{where}: English on a {lang} page: {english}")
        violations = axe_violations(page)
        if violations:
            problems.append(f"{where}: axe {violations}")
        page.set_viewport_size(DESKTOP)
        middles = [item["middle"] for item in page.evaluate(HEADER_LINE)]
        if middles and max(middles) - min(middles) >= 8:
            problems.append(f"{where}: the header wraps at 1280 px")
    for page in contexts.values():
        page.context.close()
    print(f"pages checked: {checked} ({lang}, 390 px and 1280 px); problems: {len(problems)}")
    assert checked > 90
    assert problems == [], "\n".join(problems)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_english_check_finds_planted_english(live_server, page, region):
    """The check itself works: Django's English on a Finnish page is found, text marked lang="en" is not."""
    page.goto(f"{live_server.url}/fi/")
    assert page.evaluate(ENGLISH_TEXT) == []
    page.evaluate(
        """() => { const p = document.createElement('p'); p.lang = 'en';
                   p.textContent = 'Shown in English: the text that you wrote.';
                   document.querySelector('main').appendChild(p); }"""
    )
    assert page.evaluate(ENGLISH_TEXT) == []
    page.evaluate(
        """() => { const p = document.createElement('p');
                   p.textContent = 'This password is too short. It must contain at least 10 characters.';
                   document.querySelector('main').appendChild(p); }"""
    )
    assert page.evaluate(ENGLISH_TEXT) == ["This password is too short. It must contain at least 10 characters."]
