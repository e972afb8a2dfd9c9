"""Main pages at desktop and mobile sizes: zero axe violations, and screenshots saved for CI
(var/screenshots/, not committed)."""

from pathlib import Path

import pytest

from haastemoottori.challenges.models import Challenge
from haastemoottori.demo.loader import DEMO_PASSWORD, DemoLoader

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUT = Path(__file__).resolve().parents[2] / "var" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 375, "height": 740}}


@pytest.mark.parametrize("size", sorted(SIZES))
def test_main_pages(live_server, browser, transactional_db, size):
    DemoLoader().load()
    challenge = Challenge.objects.public().filter(stage="open_call").order_by("slug").first()
    OUT.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    public = {
        "home": "/fi/",
        "list": "/sv/challenges/",
        "detail": f"/en/challenges/{challenge.slug}/",
        "organisation": "/fi/organisations/vantaa/",
        "organisations": "/en/organisations/",
        "platform": "/sv/platforms/aviapolis/",
        "privacy": "/fi/privacy/",
        "signup": "/sv/accounts/signup/",
        "login": "/en/accounts/login/",
        "password-reset": "/fi/accounts/password-reset/",
    }
    for name, url in public.items():
        assert page.goto(live_server.url + url).status == 200, url
        assert axe_violations(page) == [], url
        page.screenshot(path=str(OUT / f"{name}-{size}.png"), full_page=True)
    page.goto(live_server.url + "/fi/accounts/login/")
    page.fill("#id_username", "espoo.owner@demo.haastemoottori.fi")
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    staff = {
        "workspace": "/fi/challenges/workspace/",
        "manage": f"/fi/challenges/{challenge.slug}/manage/",
        "edit": f"/sv/challenges/{challenge.slug}/edit/",
        "profile": "/en/accounts/profile/",
    }
    mine = Challenge.objects.filter(ownerships__organisation__slug="espoo", stage="draft").first()
    if mine:
        staff["edit"] = f"/sv/challenges/{mine.slug}/edit/"
    for name, url in staff.items():
        assert page.goto(live_server.url + url).status == 200, url
        assert axe_violations(page) == [], url
        page.screenshot(path=str(OUT / f"{name}-{size}.png"), full_page=True)
    context.close()
