"""Events in a real browser: a signed-in company user registers for a workshop on the event page, sees the
registration and cancels it. The event list and the event page have zero axe violations."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_org, make_user
from haastemoottori.challenges.models import Challenge, ChallengeOwnership
from haastemoottori.events.models import Event, Registration
from haastemoottori.organisations.models import Membership

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "test-password-123"


@pytest.fixture
def world(transactional_db):
    espoo = make_org("espoo", name={"fi": "Espoon kaupunki", "sv": "Esbo stad", "en": "City of Espoo"})
    company = make_org("testiyritys", kind="company", name={"fi": "Testiyritys Oy"})
    challenge = Challenge.objects.create(
        slug="talvikunnossapito",
        original_language="fi",
        stage="co_definition",
        published_at=timezone.now(),
        title={"fi": "Talvikunnossapito", "sv": "Vinterunderhåll", "en": "Winter maintenance"},
        summary={"fi": "Kävelyreitit turvallisiksi.", "en": "Safe walking routes."},
    )
    ChallengeOwnership.objects.create(challenge=challenge, organisation=espoo, role="lead")
    start = timezone.now() + timedelta(days=10)
    event = Event.objects.create(
        slug="talvityopaja",
        organiser=espoo,
        kind="workshop",
        original_language="fi",
        title={"fi": "Talvityöpaja", "en": "Winter workshop"},
        description={"fi": "Kehitetään yhdessä.", "en": "Let us co-create."},
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        location="Espoon keskus, Kirkkokatu 1",
        online_url="https://meet.example/talvi",
        language="fi",
        capacity=20,
    )
    event.challenges.set([challenge])
    user = make_user(
        "seller@company.test", company, Membership.Role.MEMBER, full_name="Sanna Myyjä", preferred_language="en"
    )
    return user, event, company


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def test_company_user_registers_sees_it_and_cancels(live_server, page, world):
    base = live_server.url
    user, _event, company = world

    page.goto(f"{base}/en/events/")
    check(page)
    page.click("text=Winter workshop")
    assert page.url.endswith("/en/events/talvityopaja/")
    check(page)  # anonymous: sign-in link

    with page.expect_navigation():
        page.click("text=Sign in to register")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.endswith("/en/events/talvityopaja/")
    check(page)  # the registration form

    page.select_option("#id_organisation", label="Testiyritys Oy")
    page.fill("#id_note", "Vegan lunch, please")
    with page.expect_navigation():
        page.get_by_role("button", name="Register").click()
    registration = Registration.objects.get(user=user)
    assert registration.status == "registered" and registration.organisation == company
    assert page.get_by_text("You have registered for this event.").count() == 1
    assert page.get_by_text("19 of 20 left").count() == 1
    check(page)  # with the success message and the cancel button

    page.goto(f"{base}/en/events/my/")
    assert page.get_by_role("link", name="Winter workshop").count() == 1
    check(page)

    page.goto(f"{base}/en/events/talvityopaja/")
    with page.expect_navigation():
        page.get_by_role("button", name="Cancel my registration").click()
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert page.get_by_role("button", name="Register").count() == 1
    check(page)


def test_organiser_sees_own_events_and_the_ways_back(live_server, page, world):
    base = live_server.url
    _user, event, _company = world
    organiser = make_user(
        "owner@espoo.test",
        event.organiser,
        Membership.Role.CHALLENGE_OWNER,
        full_name="Olli Omistaja",
        preferred_language="en",
    )
    page.goto(f"{base}/en/accounts/login/")
    page.fill("#id_username", organiser.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")

    page.goto(f"{base}/en/events/my/")
    section = page.locator("section", has=page.get_by_role("heading", name="Events you organise"))
    assert section.get_by_role("link", name="Winter workshop", exact=True).count() == 1
    check(page)
    with page.expect_navigation():
        section.get_by_role("link", name="Edit Winter workshop").click()
    assert page.url.endswith("/en/events/talvityopaja/edit/")
    check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Back to the event").click()
    assert page.url.endswith("/en/events/talvityopaja/")
    with page.expect_navigation():
        page.get_by_role("link", name="All events", exact=True).click()
    assert page.url.endswith("/en/events/")
