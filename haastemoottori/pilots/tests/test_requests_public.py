"""Pilot requests on the public platform page, its calendar and its iCal feed: approved pilots only, never their
confidential details (needs, safety and data-protection notes, the thread, conditions)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from haastemoottori.pilots import services
from haastemoottori.pilots.models import PilotRequest
from haastemoottori.pilots.selectors_requests import platform_pilots

from .request_helpers import CONDITIONS, DATA, NEEDS, QUESTION, SAFETY, _today, fresh, submit

pytestmark = pytest.mark.django_db

# ---- the public platform page, its calendar and feed -----------------------------------------------------------


def _approved(world, **extra):
    request = submit(world, **extra)
    services.pilot_request_ask(actor=world.people["espoo_owner"], request=request, body=QUESTION)
    return services.pilot_request_approve(
        actor=world.people["espoo_owner"], request=fresh(request), conditions=CONDITIONS
    )


def _confidential(text):
    return [m for m in (SAFETY, DATA, NEEDS, QUESTION, CONDITIONS) if m in text]


def test_an_approved_pilot_is_public_without_its_confidential_details(client, world):
    pending = submit(world, title="Vielä käsittelyssä")
    _approved(world, start_date=_today(), end_date=_today() + timedelta(days=3))
    for lang in ("fi", "sv", "en"):
        for name in ("platforms:detail", "pilots:platform-calendar", "pilots:platform-feed"):
            from django.utils import translation

            with translation.override(lang):
                url = reverse(name, args=["testikyla"])
            body = client.get(url).content.decode()
            assert "Autonominen lumiaura" in body, url
            assert "Rantaraitti" in body and "Testiyritys" in body, url
            assert _confidential(body) == [], url
            assert pending.title not in body, url


def test_the_platform_page_says_what_is_tested_now_and_before(world):
    now = _approved(world, start_date=_today(), end_date=_today() + timedelta(days=3))
    upcoming = _approved(
        world, title="Tuleva", start_date=_today() + timedelta(days=50), end_date=_today() + timedelta(days=60)
    )
    PilotRequest.objects.filter(pk=upcoming.pk).update(
        start_date=_today() - timedelta(days=90), end_date=_today() - timedelta(days=60)
    )
    found = platform_pilots(platform=world.region.platform)
    assert [r.pk for r in found.now] == [now.pk]
    assert [r.pk for r in found.before] == [upcoming.pk]
    assert found.upcoming == []


def test_results_come_from_the_pilot_record(client, world):
    from haastemoottori.pilots.tests.conftest import create_pilot

    pilot = create_pilot(world)
    services.pilot_finish(
        actor=world.people["espoo_owner"],
        pilot=pilot,
        results={"fi": "Aura puhdisti 12 km yössä."},
        lessons={"fi": "Akku riittää."},
        scale_up="procure",
        scale_up_reasons="Toimii.",
    )
    request = _approved(world, proposal=world.proposal)
    assert fresh(request).pilot_id == pilot.pk  # linked through the proposal's pilot record
    found = platform_pilots(platform=world.region.platform)
    assert [r.public_pilot.pk for r in found.upcoming] == [pilot.pk]
    assert found.finished_pilots == []  # shown once, with the request
    body = client.get(reverse("platforms:detail", args=["testikyla"])).content.decode()
    assert "Aura puhdisti 12 km yössä." in body and reverse("pilots:detail", args=[pilot.pk]) in body


def test_finished_pilot_records_without_a_request_are_tested_before(world):
    from haastemoottori.pilots.tests.conftest import create_pilot

    pilot = create_pilot(world)
    services.pilot_finish(
        actor=world.people["espoo_owner"],
        pilot=pilot,
        results={"fi": "Hyvä tulos."},
        lessons={"fi": "Opittiin."},
        scale_up="stop",
        scale_up_reasons="Riittää.",
    )
    assert [p.pk for p in platform_pilots(platform=world.region.platform).finished_pilots] == [pilot.pk]


def test_the_ical_feed(client, world):
    request = _approved(world)
    response = client.get(reverse("pilots:platform-feed", args=["testikyla"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    from icalendar import Calendar

    cal = Calendar.from_ical(response.content)
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 1
    event = events[0]
    assert str(event["uid"]).startswith(f"pilot-request-{request.pk}@")
    assert event.decoded("dtstart") == request.start_date
    assert event.decoded("dtend") == request.end_date + timedelta(days=1)  # all-day: the end is exclusive
    assert "Rantaraitti" in str(event["location"])
    assert _confidential(response.content.decode()) == []


def test_unknown_platform_is_404(client):
    assert client.get(reverse("pilots:platform-calendar", args=["ei-ole"])).status_code == 404
    assert client.get(reverse("pilots:platform-feed", args=["ei-ole"])).status_code == 404


def test_my_requests_page(client, world):
    request = submit(world)
    client.force_login(world.people["lead_member"])
    assert request.title in client.get(reverse("pilots:requests")).content.decode()
    client.force_login(world.people["espoo_owner"])
    assert request.title in client.get(reverse("pilots:requests")).content.decode()
    client.force_login(world.people["other_company"])
    assert request.title not in client.get(reverse("pilots:requests")).content.decode()
