"""Every public page the tests visit has zero axe-core WCAG 2.1 A/AA violations, in fi, sv and en."""

import pytest

from haastemoottori.challenges.models import Challenge
from haastemoottori.demo.loader import DemoLoader

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    DemoLoader().load()
    return Challenge.objects.public()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_list_and_challenge_pages_are_accessible(live_server, page, demo, lang):
    # A challenge with a missing translation, so the fallback marking is checked too.
    challenge = next((c for c in demo.order_by("slug") if not c.title.get("sv")), demo.order_by("slug").first())
    urls = [
        f"/{lang}/",
        f"/{lang}/challenges/",
        f"/{lang}/challenges/?stage=open_call&sort=closing",
        f"/{lang}/challenges/{challenge.slug}/",
        f"/{lang}/organisations/espoo/",
        f"/{lang}/platforms/",
        f"/{lang}/accessibility/",
        f"/{lang}/challenges/?stage=bogus",
    ]
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status in (200, 400), url
        assert page.locator("html").get_attribute("lang") == lang
        violations = axe_violations(page)
        assert violations == [], f"{url}: {violations}"


def test_filters_work_without_javascript(live_server, browser, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/en/challenges/")
    total = page.locator(".challenge-card").count()
    page.select_option("#id_stage", "open_call")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "stage=open_call" in page.url
    cards = page.locator(".challenge-card")
    assert 0 < cards.count() < total
    for i in range(cards.count()):
        assert "Open call" in cards.nth(i).inner_text()
    context.close()


def test_language_switch_keeps_the_page(live_server, page, demo):
    challenge = demo.order_by("slug").first()
    page.goto(f"{live_server.url}/fi/challenges/{challenge.slug}/")
    with page.expect_navigation():
        page.click(".language-switch a[hreflang=sv]")
    assert page.url.endswith(f"/sv/challenges/{challenge.slug}/")
    assert page.locator("html").get_attribute("lang") == "sv"


def test_axe_finds_a_planted_violation(live_server, page, demo):
    """The checker itself works: an image without a text alternative is reported."""
    page.goto(live_server.url + "/en/")
    page.evaluate("""() => { const img = document.createElement('img'); img.src = '/healthz';
                             document.querySelector('main').appendChild(img); }""")
    assert "image-alt" in {v["id"] for v in axe_violations(page)}
