"""The impact dashboard in a real browser: open it, filter by city with the form, check with axe."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_org
from haastemoottori.challenges.models import Challenge, ChallengeOwnership, StageChange
from haastemoottori.taxonomy.models import Theme

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db):
    espoo = make_org("espoo", name={"fi": "Espoon kaupunki", "sv": "Esbo stad", "en": "City of Espoo"})
    vantaa = make_org("vantaa", name={"fi": "Vantaan kaupunki", "sv": "Vanda stad", "en": "City of Vantaa"})
    theme = Theme.objects.create(
        slug="sdg-11",
        kind="sdg",
        number=11,
        name={"fi": "Kestävät kaupungit", "sv": "Hållbara städer", "en": "Sustainable cities"},
    )
    now = timezone.now()
    for slug, city, stage in (
        ("talvi", espoo, "open_call"),
        ("kesa", vantaa, "co_definition"),
        ("syksy", vantaa, "open_call"),
    ):
        challenge = Challenge.objects.create(
            slug=slug,
            original_language="fi",
            stage=stage,
            published_at=now - timedelta(days=20),
            title={"fi": slug.title()},
        )
        challenge.themes.set([theme])
        ChallengeOwnership.objects.create(challenge=challenge, organisation=city, role="lead")
        StageChange.objects.create(
            challenge=challenge, from_stage="in_review", to_stage=stage, changed_at=now - timedelta(days=20)
        )


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def test_open_the_dashboard_filter_by_city_and_check_accessibility(live_server, page, world):
    page.goto(f"{live_server.url}/en/impact/")
    assert page.get_by_role("heading", level=1).inner_text() == "Impact"
    chart = page.get_by_role(
        "img", name="Bar chart, Challenges by city (Challenges): City of Espoo: 1; City of Vantaa: 2."
    )
    assert chart.count() == 1
    check(page)

    page.select_option("#id_city", "espoo")
    page.select_option("#id_period", "this_year")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "city=espoo" in page.url
    table = page.locator("table", has=page.locator("caption", has_text="Data: Challenges by city"))
    assert table.locator("tbody tr").all_inner_texts() == ["City of Espoo\t1", "City of Vantaa\t0"]
    assert (
        page.get_by_role("link", name="Challenges by city as CSV")
        .get_attribute("href")
        .startswith("/en/impact/challenges-by-city.csv?city=espoo&from=")
    )
    check(page)

    page.fill("#id_from", "2025-05-01")
    page.fill("#id_to", "2025-01-01")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.get_by_role("alert").count() == 1
    check(page)
