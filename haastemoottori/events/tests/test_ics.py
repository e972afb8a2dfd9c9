"""iCalendar output: parses, stable UID, absolute URL, times across a DST change, cancelled status, feeds."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from icalendar import Calendar

from haastemoottori.events import services
from haastemoottori.events.ics import user_feed_token

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(response.content)
    return cal, [c for c in cal.walk("VEVENT")]


def test_event_file_has_the_required_fields_in_the_requested_language(client, region, make_event, settings):
    settings.SITE_URL = "https://haaste.example"
    event = make_event(online_url="https://meet.example/x")
    cal, (item,) = parse(client.get(f"/sv/events/{event.slug}.ics"))
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    assert str(item["UID"]) == f"event-{event.pk}@testserver"  # the request host, not SITE_URL (e-mails only)
    assert item["DTSTAMP"].dt.tzinfo is not None
    assert item["DTSTART"].dt == event.starts_at.replace(microsecond=0)
    assert item["DTEND"].dt == event.ends_at.replace(microsecond=0)
    assert str(item["SUMMARY"]) == "Verkstad"
    assert "Samutveckling." in str(item["DESCRIPTION"])
    assert str(item["LOCATION"]) == "Kamreerintie 2, Espoo"
    assert str(item["URL"]) == f"http://testserver/sv/events/{event.slug}/"
    assert str(item["STATUS"]) == "CONFIRMED"
    _, (en,) = parse(client.get(f"/en/events/{event.slug}.ics"))
    assert str(en["SUMMARY"]) == "Workshop" and str(en["UID"]) == str(item["UID"])  # stable UID


def test_url_uses_the_request_host_without_site_url(client, region, make_event, settings):
    settings.SITE_URL = ""
    event = make_event()
    _, (item,) = parse(client.get(f"/fi/events/{event.slug}.ics", HTTP_HOST="testserver"))
    assert str(item["URL"]) == f"http://testserver/fi/events/{event.slug}/"
    assert str(item["UID"]) == f"event-{event.pk}@testserver"


def test_dtstart_is_right_across_the_dst_change(client, region, make_event):
    # Summer time ends in Helsinki at 04:00 on 2026-10-25: 10:00 that day is UTC+2, the day before UTC+3.
    with time_machine.travel(datetime(2026, 10, 1, tzinfo=UTC)):
        after = make_event(starts_at=datetime(2026, 10, 25, 10, 0, tzinfo=HELSINKI), title={"fi": "Jälkeen"})
        before = make_event(starts_at=datetime(2026, 10, 24, 10, 0, tzinfo=HELSINKI), title={"fi": "Ennen"})
        _, (a,) = parse(client.get(f"/fi/events/{after.slug}.ics"))
        _, (b,) = parse(client.get(f"/fi/events/{before.slug}.ics"))
    assert a["DTSTART"].dt == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)
    assert b["DTSTART"].dt == datetime(2026, 10, 24, 7, 0, tzinfo=UTC)
    assert a["DTSTART"].dt.astimezone(HELSINKI).hour == 10 == b["DTSTART"].dt.astimezone(HELSINKI).hour
    assert b"DTSTART:20261025T080000Z" in client.get(f"/fi/events/{after.slug}.ics").content


def test_cancelled_event_has_status_cancelled(client, region, make_event):
    event = make_event()
    services.event_cancel(actor=region.people["espoo_owner"], event=event, reason="Peruttu")
    _, (item,) = parse(client.get(f"/fi/events/{event.slug}.ics"))
    assert str(item["STATUS"]) == "CANCELLED" and "Peruttu" in str(item["DESCRIPTION"])


def test_challenge_and_organisation_feeds(client, region, make_event, public_challenge, make_challenge):
    first, second = make_event(), make_event(days=9, title={"fi": "Toinen"})
    _, items = parse(client.get(f"/fi/events/challenge/{public_challenge.slug}.ics"))
    assert {str(i["UID"]).split("@")[0] for i in items} == {f"event-{first.pk}", f"event-{second.pk}"}
    _, items = parse(client.get("/fi/events/organisation/espoo.ics"))
    assert len(items) == 2
    _, items = parse(client.get("/fi/events/organisation/vantaa.ics"))
    assert items == []
    draft = make_challenge(title={"fi": "Luonnos"})
    assert client.get(f"/fi/events/challenge/{draft.slug}.ics").status_code == 404
    assert client.get("/fi/events/organisation/testiyritys.ics").status_code == 404
    assert client.get("/fi/events/nothing.ics").status_code == 404


def test_personal_feed_needs_the_signed_token(client, region, make_event):
    mine, other = make_event(), make_event(days=10, title={"fi": "Muu"})
    person = region.people["outsider"]
    services.registration_create(actor=person, event=mine)
    token = user_feed_token(person)
    response = client.get(f"/en/events/my/{token}.ics")
    _, items = parse(response)
    assert [str(i["UID"]).split("@")[0] for i in items] == [f"event-{mine.pk}"]
    assert "no-store" in response["Cache-Control"]
    assert client.get(f"/en/events/my/{token[:-2]}xx.ics").status_code == 404
    assert client.get(f"/en/events/my/{person.pk}.ics").status_code == 404
    services.registration_cancel(actor=person, event=mine)
    _, items = parse(client.get(f"/en/events/my/{token}.ics"))
    assert items == []
    assert other.pk


def test_feeds_stay_within_a_few_queries(client, region, make_event, public_challenge, django_assert_max_num_queries):
    for day in range(5):
        make_event(days=day + 2, title={"fi": f"Tilaisuus {day}"})
    with django_assert_max_num_queries(3):
        parse(client.get(f"/fi/events/challenge/{public_challenge.slug}.ics"))
    with django_assert_max_num_queries(3):
        parse(client.get("/fi/events/organisation/espoo.ics"))


def test_dtstamp_is_utc(client, region, make_event):
    event = make_event()
    _, (item,) = parse(client.get(f"/fi/events/{event.slug}.ics"))
    assert item["DTSTAMP"].dt.utcoffset() == timedelta(0)
