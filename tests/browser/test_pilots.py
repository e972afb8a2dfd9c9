"""Pilots in a real browser: an owner records a KPI measurement and a check-in; the public pilot page shows
both, with the progress bar and the table of numbers. Every page visited: zero axe violations."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from haastemoottori.pilots import services
from haastemoottori.pilots.tests.conftest import pilot, world  # noqa: F401 (fixtures)

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "test-password-123"


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def test_owner_records_measurement_and_check_in(live_server, browser, page, world, pilot):  # noqa: F811
    owner = world.people["espoo_owner"]
    kpi = services.kpi_add(
        actor=owner,
        pilot=pilot,
        name={"fi": "Päästöt", "en": "Emissions"},
        baseline="100",
        target="60",
        direction="decrease",
        unit="t CO2e/a",
        method="GHG Protocol",
        is_co2e=True,
    )
    with translation.override("en"):
        login_url = reverse("accounts:login")
        manage_url = reverse("pilots:manage", args=[pilot.pk])
        detail_url = reverse("pilots:detail", args=[pilot.pk])
        check_in_url = reverse("pilots:check-in", args=[pilot.pk])
    base = live_server.url

    page.goto(f"{base}{login_url}")
    page.fill("#id_username", owner.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")

    page.goto(f"{base}{manage_url}")
    check(page)
    page.fill(f"#id_kpi{kpi.pk}-value", "80")
    page.fill(f"#id_kpi{kpi.pk}-measured_on", timezone.localdate().isoformat())
    with page.expect_navigation():
        page.click('form[action$="/measurements/"] button[type=submit]')
    assert page.url.endswith(manage_url)
    assert "The measurement was recorded." in page.content()

    page.goto(f"{base}{check_in_url}")
    check(page)
    page.check("input[name=status][value=at_risk]")
    page.fill("#id_summary", "Installations are two weeks late.")
    page.fill("#id_next_steps", "Call the supplier.")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.endswith(detail_url)
    check(page)

    public = browser.new_context().new_page()
    public.goto(f"{base}{detail_url}")
    content = public.content()
    assert "Installations are two weeks late." in content and "At risk" in content
    assert "Call the supplier." not in content  # next steps stay with the participants
    assert public.locator("progress").first.get_attribute("value") == "50"
    assert public.locator("table caption", has_text="KPIs in numbers").count() == 1
    assert "t CO2e/a" in content and "GHG Protocol" in content
    check(public)
    public.context.close()
