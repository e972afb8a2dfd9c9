"""A pilot request's whole path in a real browser: a company asks to pilot on Espoo's platform from its public
page, the city asks a question, the company answers, the city approves with conditions; the anonymous visitor then
sees the pilot on the platform's page and calendar, without the safety and data-protection notes, the needs, the
question thread or the conditions. Every page visited: zero axe violations."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from haastemoottori.pilots.models import PilotRequest
from haastemoottori.pilots.tests.conftest import world  # noqa: F401 (fixture)

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "test-password-123"
SAFETY = "Robot stops within two metres of a person (SAFETY-NOTE-71)"
DATA = "Camera images blurred on the device (DATA-NOTE-42)"
NEEDS = "One 230 V socket at the kiosk (NEEDS-NOTE-13)"
QUESTION = "Who is on call at night? (QUESTION-NOTE-88)"
ANSWER = "Our operator, +358 40 000 0000 (ANSWER-NOTE-55)"
CONDITIONS = "Keep the fire lane free (CONDITION-NOTE-30)"


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def sign_in(browser, base, user):
    page = browser.new_context().new_page()
    page.set_default_timeout(15000)
    with translation.override("en"):
        page.goto(f"{base}{reverse('accounts:login')}")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    return page


def test_company_requests_city_asks_company_answers_city_approves(live_server, browser, world):  # noqa: F811
    base = live_server.url
    with translation.override("en"):
        platform_url = reverse("platforms:detail", args=["testikyla"])
        calendar_url = reverse("pilots:platform-calendar", args=["testikyla"])
    today = timezone.localdate()

    # The company finds the platform and asks to pilot there.
    company = sign_in(browser, base, world.people["lead_member"])
    company.goto(f"{base}{platform_url}")
    check(company)
    with company.expect_navigation():
        company.click("text=Ask to pilot here")
    check(company)
    company.fill("#id_title", "Night-time snow robot")
    company.fill("#id_summary", "A small robot clears the shore path after snowfall.")
    company.fill("#id_site_area", "Shore path")
    company.fill("#id_start_date", (today - timedelta(days=2)).isoformat())  # in the past: refused
    company.fill("#id_end_date", (today + timedelta(days=20)).isoformat())
    company.check("input[name=needs][value=power]")
    company.check("input[name=needs][value=access]")
    company.fill("#id_needs_details", NEEDS)
    company.fill("#id_safety_notes", SAFETY)
    company.fill("#id_data_protection_notes", DATA)
    with company.expect_navigation():
        company.click("main form button[type=submit]")
    assert "The pilot cannot start in the past." in company.content()
    assert not PilotRequest.objects.exists()
    check(company)
    company.fill("#id_start_date", today.isoformat())
    with company.expect_navigation():
        company.click("main form button[type=submit]")
    request = PilotRequest.objects.get()
    with translation.override("en"):
        request_url = reverse("pilots:request-detail", args=[request.pk])
    assert company.url.endswith(request_url)
    assert "Your request was sent to the platform's city." in company.content()
    check(company)

    # The city asks a question.
    city = sign_in(browser, base, world.people["espoo_owner"])
    city.goto(f"{base}{request_url}")
    assert SAFETY in city.content() and DATA in city.content()
    check(city)
    city.fill('form[action$="/ask/"] textarea[name=body]', QUESTION)
    with city.expect_navigation():
        city.click('form[action$="/ask/"] button[type=submit]')
    assert "Your question was sent to the requester." in city.content()
    assert "Question to the requester" in city.content()

    # The company answers.
    company.goto(f"{base}{request_url}")
    assert QUESTION in company.content()
    company.fill('form[action$="/answer/"] textarea[name=body]', ANSWER)
    with company.expect_navigation():
        company.click('form[action$="/answer/"] button[type=submit]')
    assert "Your answer was sent to the platform's city." in company.content()
    check(company)

    # The city approves with conditions.
    city.goto(f"{base}{request_url}")
    assert ANSWER in city.content()
    city.fill("#id_conditions", CONDITIONS)
    with city.expect_navigation():
        city.click('form[action$="/approve/"] button[type=submit]')
    assert "The request was approved." in city.content()
    assert CONDITIONS in city.content()
    check(city)
    request.refresh_from_db()
    assert request.status == PilotRequest.Status.APPROVED

    # Anyone sees it on the platform's page and calendar, without the confidential details.
    public = browser.new_context().new_page()
    for url in (platform_url, calendar_url):
        public.goto(f"{base}{url}")
        content = public.content()
        assert "Night-time snow robot" in content and "Shore path" in content and "Testiyritys" in content
        for secret in (SAFETY, DATA, NEEDS, QUESTION, ANSWER, CONDITIONS):
            assert secret not in content, (url, secret)
        check(public)
    public.goto(f"{base}{platform_url}")
    assert public.locator("h3", has_text="Being tested now").count() == 1
    for page in (public, company, city):
        page.context.close()
