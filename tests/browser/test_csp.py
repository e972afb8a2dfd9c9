"""The Content-Security-Policy blocks nothing the platform itself serves: the main pages, a form, the htmx
readiness check of the challenge editor and the API's interactive docs (Swagger UI from static files) run
without a single violation, and a planted inline script is blocked (so the listener works)."""

import pytest

from conftest import make_org, make_user
from haastemoottori.challenges.models import Challenge
from haastemoottori.demo.loader import DemoLoader
from haastemoottori.organisations.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "test-password-123"

LISTENER = """() => { window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber)); }"""


@pytest.fixture
def csp_page(browser):
    """A page that records CSP violations: the console's reports and the securitypolicyviolation events."""
    context = browser.new_context(java_script_enabled=True)
    context.add_init_script(f"({LISTENER})()")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.console_messages_seen = []
    page.on("console", lambda msg: page.console_messages_seen.append(msg.text))
    yield page
    context.close()


def violations(page) -> list[str]:
    events = page.evaluate("() => window.__cspViolations || []")
    console = [m for m in page.console_messages_seen if "Content Security Policy" in m or "Content-Security" in m]
    return events + console


@pytest.fixture
def demo(transactional_db):
    DemoLoader().load()
    return Challenge.objects.public()


def test_main_pages_run_without_a_csp_violation(live_server, csp_page, demo):
    page = csp_page
    challenge = demo.order_by("slug").first()
    urls = [
        "/fi/",
        "/fi/challenges/",
        f"/fi/challenges/{challenge.slug}/",
        "/sv/organisations/espoo/",
        "/en/events/",
        "/fi/accounts/login/",
        "/fi/accounts/signup/",
        "/fi/accounts/password-reset/",
        "/fi/search/?q=energia",
    ]
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert "content-security-policy" in response.headers
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], url
    # A form sent with an error comes back under the same policy.
    page.goto(live_server.url + "/fi/accounts/login/")
    page.fill("#id_username", "nobody@example.test")
    page.fill("#id_password", "wrong-password-1")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert violations(page) == []


def test_the_api_docs_render_from_static_files_under_the_csp(live_server, csp_page, db):
    page = csp_page
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_server.url + "/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Haastemoottori" in page.locator(".swagger-ui .info .title").inner_text()
    page.wait_for_selector(".opblock-summary")
    page.locator(".opblock-summary").first.click()
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    assert requests and all(url.startswith((live_server.url, "data:")) for url in requests), requests


def test_htmx_works_under_the_csp(live_server, csp_page, transactional_db):
    page = csp_page
    espoo = make_org("espoo", name={"fi": "Espoon kaupunki", "sv": "Esbo stad", "en": "City of Espoo"})
    make_user("expert@espoo.test", espoo, Membership.Role.CHALLENGE_OWNER)
    page.goto(f"{live_server.url}/fi/accounts/login/")
    page.fill("#id_username", "expert@espoo.test")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    with page.expect_navigation():
        page.click("text=Uusi haaste")
    page.select_option("#id_lead", str(espoo.pk))
    page.fill("#id_title", "Kävelyreittien talvikunnossapito")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    score_before = page.locator("#readiness h2").inner_text()
    page.fill("#id_summary__fi", "Etsimme keinoja pitää kävelyreitit turvallisina talvella.")
    page.wait_for_function("before => document.querySelector('#readiness h2').innerText !== before", arg=score_before)
    page.wait_for_load_state("networkidle")
    assert violations(page) == []


def test_a_planted_inline_script_is_blocked_and_reported(live_server, csp_page, db):
    page = csp_page
    page.goto(live_server.url + "/fi/accounts/login/")
    page.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true';
                   document.body.appendChild(s);
                   const d = document.createElement('div'); d.setAttribute('style', 'color: red');
                   document.body.appendChild(d); }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__ran") is None
    found = violations(page)
    assert any("script-src" in v for v in found) and any("style-src" in v for v in found), found
