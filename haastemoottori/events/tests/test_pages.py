"""Event pages, the challenge page section and the API: content, bad input, query counts."""

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.events import services
from haastemoottori.events.models import Event, Registration

pytestmark = pytest.mark.django_db


def jsonld(response) -> dict:
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', response.content.decode(), re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def test_list_shows_upcoming_by_default_and_past_with_the_filter(client, region, make_event):
    upcoming = make_event(title={"fi": "Tulossa oleva"})
    past = make_event(title={"fi": "Mennyt"}, days=3)
    Event.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=1)
    )
    page = client.get("/fi/events/").content.decode()
    assert "Tulossa oleva" in page and "Mennyt" not in page
    page = client.get("/fi/events/?when=past").content.decode()
    assert "Mennyt" in page and "Tulossa oleva" not in page
    assert "Tulossa oleva" not in client.get("/fi/events/?organisation=vantaa").content.decode()
    assert "Tulossa oleva" in client.get(f"/fi/events/?challenge={upcoming.challenges.get().slug}").content.decode()
    response = client.get("/fi/events/?organisation=nowhere")
    assert response.status_code == 400
    assert "Tulossa oleva" in response.content.decode()  # the bad filter is ignored, with a message


def test_list_is_paginated_with_bounded_queries(client, region, make_event, settings, django_assert_max_num_queries):
    settings.LIST_PAGE_SIZE = 5
    for n in range(7):
        make_event(title={"fi": f"Tilaisuus {n}"}, days=n + 2)
    with django_assert_max_num_queries(10):
        first = client.get("/fi/events/")
    assert first.content.decode().count('class="challenge-card"') == 5
    assert client.get("/fi/events/?page=2").content.decode().count('class="challenge-card"') == 2


def test_detail_has_the_facts_and_valid_jsonld(client, region, make_event, settings, django_assert_max_num_queries):
    settings.SITE_URL = "https://haaste.example"
    event = make_event(capacity=10, online_url="https://meet.example/x")
    services.registration_create(actor=region.people["outsider"], event=event)
    with django_assert_max_num_queries(10):
        response = client.get(f"/en/events/{event.slug}/")
    page = response.content.decode()
    assert "Workshop" in page and "Kamreerintie 2, Espoo" in page and "https://meet.example/x" not in page
    assert f"/en/events/{event.slug}.ics" in page and "calendar.google.com" in page
    assert "9 of 10 left" in page and "Sign in to register" in page
    data = jsonld(response)
    assert data["@type"] == "Event" and data["name"] == "Workshop"
    assert data["startDate"] == event.starts_at.isoformat() and data["endDate"] == event.ends_at.isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {p["@type"] for p in data["location"]} == {"Place", "VirtualLocation"}
    assert data["organizer"]["@type"] == "GovernmentOrganization" and data["organizer"]["name"] == "City of Espoo"
    assert data["inLanguage"] == "fi" and data["url"] == f"http://testserver/en/events/{event.slug}/"
    assert data["maximumAttendeeCapacity"] == 10 and data["remainingAttendeeCapacity"] == 9


def test_jsonld_of_a_cancelled_online_event(client, region, make_event):
    event = make_event(location="", online_url="https://meet.example/x", capacity=None)
    services.event_cancel(actor=region.people["espoo_owner"], event=event, reason="Sairastuminen </script>")
    response = client.get(f"/fi/events/{event.slug}/")
    data = jsonld(response)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation" and "maximumAttendeeCapacity" not in data
    assert _("This event has been cancelled.") in response.content.decode()


def test_register_see_the_status_and_cancel(client, region, make_event, django_assert_max_num_queries):
    event = make_event(capacity=1)
    services.registration_create(actor=region.people["outsider"], event=event)
    person = region.people["company_admin"]
    client.force_login(person)
    with django_assert_max_num_queries(25):
        page = client.get(f"/fi/events/{event.slug}/").content.decode()
    assert _("Join the waiting list") in page and "Testiyritys Oy" in page  # can represent the company
    response = client.post(
        f"/fi/events/{event.slug}/register/", {"organisation": str(region.company.pk), "note": "Pyörätuoli"}
    )
    assert response.status_code == 302
    registration = Registration.objects.get(user=person)
    assert (registration.status, registration.organisation, registration.note) == (
        "waitlisted",
        region.company,
        "Pyörätuoli",
    )
    page = client.get(f"/fi/events/{event.slug}/").content.decode()
    assert _("You are on the waiting list, number %(position)s in the queue.") % {"position": 1} in page
    assert _("Cancel my registration") in page
    assert "Pyörätuoli" not in page  # the note is for the organisers only
    assert client.get("/fi/events/my/").content.decode().count(event.slug) >= 1
    assert client.post(f"/fi/events/{event.slug}/unregister/").status_code == 302
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_bad_registration_input_is_400_and_changes_nothing(client, region, make_event):
    event = make_event()
    client.force_login(region.people["outsider"])
    response = client.post(f"/fi/events/{event.slug}/register/", {"organisation": str(region.company.pk)})
    assert response.status_code == 400
    response = client.post(f"/fi/events/{event.slug}/register/", {"note": "x" * 1001})
    assert response.status_code == 400 and 'id="error-summary"' in response.content.decode()
    assert not Registration.objects.exists()
    client.post(f"/fi/events/{event.slug}/register/", {})
    response = client.post(f"/fi/events/{event.slug}/register/", {})
    assert response.status_code == 409
    assert _("You have already registered for this event.") in response.content.decode()
    assert Registration.objects.count() == 1


def test_registration_closed_is_shown_and_refused(client, region, make_event):
    event = make_event()
    Event.objects.filter(pk=event.pk).update(registration_closes_at=timezone.now() - timedelta(minutes=1))
    client.force_login(region.people["outsider"])
    page = client.get(f"/fi/events/{event.slug}/").content.decode()
    assert _("Registration has closed.") in page
    response = client.post(f"/fi/events/{event.slug}/register/", {})
    assert response.status_code == 400 and not Registration.objects.exists()


def test_unknown_event_is_404(client, region):
    assert client.get("/fi/events/nothing/").status_code == 404
    assert client.get("/api/v1/events/nothing").status_code == 404


def test_create_and_edit_pages(client, region, public_challenge):
    client.force_login(region.people["espoo_owner"])
    assert client.get("/fi/events/new/").status_code == 200
    start = timezone.localtime() + timedelta(days=5)
    data = {
        "organiser": region.espoo.pk,
        "original_language": "fi",
        "kind": "info_session",
        "title__fi": "Infotilaisuus",
        "title__en": "Info session",
        "description__fi": "Tervetuloa",
        "challenges": [public_challenge.pk],
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "location": "",
        "online_url": "",
        "language": "fi",
        "capacity": "",
        "registration_closes_at": "",
    }
    response = client.post("/fi/events/new/", data)
    assert response.status_code == 400 and not Event.objects.exists()
    assert _("Give an address, an online link or both.") in response.content.decode()
    response = client.post("/fi/events/new/", {**data, "location": "Valtuustotalo"})
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/fi/events/{event.slug}/"
    assert event.capacity is None and event.title == {"fi": "Infotilaisuus", "en": "Info session"}
    edit = f"/fi/events/{event.slug}/edit/"
    assert client.get(edit).status_code == 200
    response = client.post(edit, {**data, "location": "Valtuustotalo", "capacity": "-3"})
    assert response.status_code == 400
    response = client.post(edit, {**data, "location": "Valtuustotalo", "capacity": "30"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.capacity == 30
    response = client.post(f"/fi/events/{event.slug}/cancel/", {"reason": ""})
    assert response.status_code == 400
    event.refresh_from_db()
    assert event.status == "published"


def test_participants_page_and_csv_export(client, region, make_event, company_people, django_assert_max_num_queries):
    event = make_event(capacity=1)
    admin = region.people["company_admin"]
    admin.full_name = "Anna Asiakas"
    admin.save()
    services.registration_create(actor=admin, event=event, organisation=region.company, note="=HYPERLINK(1)")
    region.company.identifiers.create(scheme="FI-PRO", identifier="2345678-0")
    services.registration_create(actor=company_people["company_member"], event=event)
    client.force_login(region.people["espoo_owner"])
    with django_assert_max_num_queries(25):
        assert client.get(f"/fi/events/{event.slug}/participants/").status_code == 200
    with django_assert_max_num_queries(25):
        response = client.get(f"/fi/events/{event.slug}/participants.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Business ID"),
        _("Status"),
        _("Registered at"),
        _("Note"),
    ]
    assert rows[1][:5] == [
        "Anna Asiakas",
        "admin@company.test",
        "Testiyritys Oy",
        "2345678-0",
        str(Registration.Status.REGISTERED.label),
    ]
    assert rows[1][6] == "'=HYPERLINK(1)"  # not run as a formula
    assert rows[2][1] == "member@company.test" and rows[2][4] == str(Registration.Status.WAITLISTED.label)


def test_challenge_page_section(client, region, make_event, public_challenge):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_event(title={"fi": "Työpaja haasteesta"})
    url = reverse("challenges:detail", args=[public_challenge.slug])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    # The whole page's budget is the challenges app's test; the events section adds one query.
    assert sum('"events_' in q["sql"] for q in queries.captured_queries) == 1
    assert "Työpaja haasteesta" in page and f"/fi/events/challenge/{public_challenge.slug}.ics" in page


def test_challenge_section_costs_one_query(region, make_event, public_challenge, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template
    from django.test import RequestFactory

    make_event()
    template = Template("{% load events_tags %}{% events_section challenge %}")
    request = RequestFactory().get("/fi/")
    request.user = AnonymousUser()
    with django_assert_num_queries(1):
        html = template.render(Context({"challenge": public_challenge, "user": request.user, "request": request}))
    assert "Työpaja" in html


def test_api_lists_upcoming_published_events_without_participants(client, region, make_event, public_challenge):
    event = make_event()
    cancelled = make_event(title={"fi": "Peruttu"})
    services.event_cancel(actor=region.people["espoo_owner"], event=cancelled, reason="Syy")
    services.registration_create(actor=region.people["outsider"], event=event, note="Salainen")
    data = client.get("/api/v1/events").json()
    assert data["count"] == 1 and data["results"][0]["slug"] == event.slug
    assert data["results"][0]["challenges"] == [public_challenge.slug]
    assert client.get("/api/v1/events?organisation=vantaa").json()["count"] == 0
    assert client.get(f"/api/v1/events?challenge={public_challenge.slug}").json()["count"] == 1
    detail = client.get(f"/api/v1/events/{event.slug}")
    body = detail.content.decode()
    assert detail.status_code == 200 and detail.json()["seats_left"] == 1
    assert "Salainen" not in body and "someone@example.test" not in body
    assert client.get("/api/v1/events?page_size=1000").status_code == 422
