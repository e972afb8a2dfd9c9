"""Fixes after testing: the personal feed, ways back, same-day times, the organiser's list on "My events",
no editing of a cancelled event, and one rule for absolute links."""

import json
import re
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils.formats import date_format, time_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from icalendar import Calendar

from haastemoottori.core.errors import ServiceConflict
from haastemoottori.events import services
from haastemoottori.events.ics import user_feed_token
from haastemoottori.events.models import Event

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")


def feed_summaries(client, user) -> list[str]:
    response = client.get(reverse("events:my-feed", args=[user_feed_token(user)]))
    assert response.status_code == 200
    return [str(c["SUMMARY"]) for c in Calendar.from_ical(response.content).walk("VEVENT")]


# 1. The personal feed


def test_my_feed_keeps_an_event_someone_else_cancelled_for(client, region, make_event):
    event = make_event(title={"fi": "Yhteinen"}, capacity=5)
    mine, other = region.people["outsider"], region.people["company_admin"]
    services.registration_create(actor=mine, event=event)
    services.registration_create(actor=other, event=event)
    services.registration_cancel(actor=other, event=event)
    assert feed_summaries(client, mine) == ["Yhteinen"]
    assert feed_summaries(client, other) == []


def test_my_feed_has_waitlisted_but_not_own_cancelled_events(client, region, make_event):
    full = make_event(title={"fi": "Täysi"}, capacity=1)
    dropped = make_event(title={"fi": "Peruttu ilmoittautuminen"}, days=9)
    person = region.people["outsider"]
    services.registration_create(actor=region.people["company_admin"], event=full)
    services.registration_create(actor=person, event=full)  # waitlisted
    services.registration_create(actor=person, event=dropped)
    services.registration_cancel(actor=person, event=dropped)
    assert feed_summaries(client, person) == ["Täysi"]


# 2. Ways back


def test_forms_event_page_and_my_events_link_back(client, region, make_event):
    event = make_event()
    client.force_login(region.people["espoo_owner"])
    list_url, detail_url = reverse("events:list"), reverse("events:detail", args=[event.slug])
    new = client.get(reverse("events:create")).content.decode()
    assert f'<a href="{list_url}">{_("Back to events")}</a>' in new
    edit = client.get(reverse("events:edit", args=[event.slug])).content.decode()
    assert f'<a href="{detail_url}">{_("Back to the event")}</a>' in edit
    for url in (detail_url, reverse("events:my")):
        assert f'<a href="{list_url}">{_("All events")}</a>' in client.get(url).content.decode()
    client.logout()
    assert f'<a href="{list_url}">{_("All events")}</a>' in client.get(detail_url).content.decode()


# 3. Times on one day


def times_shown(html: str) -> str:
    match = re.search(r'<time datetime="[^"]+">[^<]+</time>(?: – |–)<time datetime="[^"]+">[^<]+</time>', html)
    assert match, "no time range"
    return re.sub(r"<[^>]+>", "", match.group(0))


def test_same_day_event_shows_the_date_once(client, region, make_event):
    start = datetime(2030, 12, 5, 9, 0, tzinfo=HELSINKI)
    event = make_event(starts_at=start)
    Event.objects.filter(pk=event.pk).update(ends_at=start + timedelta(hours=2, minutes=30))
    event.refresh_from_db()
    html = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    expected = (
        f"{date_format(localtime(event.starts_at), 'SHORT_DATETIME_FORMAT')}–"
        f"{time_format(localtime(event.ends_at), 'TIME_FORMAT')}"
    )
    assert times_shown(html) == expected == "5.12.2030 9.00–11.30"
    assert f'<time datetime="{localtime(event.ends_at).isoformat()}">' in html
    listing = client.get(reverse("events:list")).content.decode()
    assert times_shown(listing) == expected


def test_event_over_local_midnight_shows_both_dates(client, region, make_event):
    # 20.00–0.30 in Helsinki: the same day in UTC, two days in Finnish time.
    start = datetime(2030, 12, 5, 20, 0, tzinfo=HELSINKI)
    event = make_event(starts_at=start)
    Event.objects.filter(pk=event.pk).update(ends_at=start + timedelta(hours=4, minutes=30))
    html = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    assert times_shown(html) == "5.12.2030 20.00 – 6.12.2030 0.30"  # the dash spaced between spaced ends


# 4. Events you organise


def test_my_events_lists_the_events_an_organiser_organises(client, region, make_event, django_assert_max_num_queries):
    owner = region.people["espoo_owner"]
    for n in range(6):
        make_event(title={"fi": f"Espoon tilaisuus {n}"}, days=n + 2)
    later, sooner = make_event(title={"fi": "Myöhempi"}, days=30), make_event(title={"fi": "Aiempi"}, days=1)
    cancelled = make_event(title={"fi": "Peruttu"}, days=5)
    services.event_cancel(actor=owner, event=cancelled, reason="Syy")
    past = make_event(title={"fi": "Mennyt"}, days=3)
    Event.objects.filter(pk=past.pk).update(
        starts_at=past.starts_at - timedelta(days=10), ends_at=past.ends_at - timedelta(days=10)
    )
    services.registration_create(actor=owner, event=later)
    client.force_login(owner)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("events:my"))
    page = response.content.decode()
    section = page[page.index('id="organised-title"') : page.index('id="feed-title"')]
    assert _("Events you organise") in page
    assert (
        section.index("Aiempi")
        < section.index("Espoon tilaisuus 0")
        < section.index("Myöhempi")
        < section.index("Mennyt")
    )  # upcoming soonest first, then the past ones
    assert reverse("events:edit", args=[sooner.slug]) in section
    assert reverse("events:participants", args=[sooner.slug]) in section
    assert reverse("events:edit", args=[cancelled.slug]) not in section  # a cancelled event cannot be edited
    assert reverse("events:participants", args=[cancelled.slug]) in section


@pytest.mark.parametrize("role", ["outsider", "company_admin", "espoo_member", "vantaa_owner"])
def test_my_events_shows_no_organised_events_to_others(client, region, make_event, role):
    make_event(title={"fi": "Espoon oma"})
    client.force_login(region.people[role])
    page = client.get(reverse("events:my")).content.decode()
    assert "Espoon oma" not in page
    assert (_("Events you organise") in page) is (role == "vantaa_owner")  # Vantaa may organise its own


# 5. A cancelled event cannot be edited


def test_service_refuses_to_edit_a_cancelled_event(region, make_event):
    event = make_event()
    services.event_cancel(actor=region.people["espoo_owner"], event=event, reason="Syy")
    with pytest.raises(ServiceConflict) as exc:
        services.event_update(actor=region.people["espoo_owner"], event=event, location="Muualla")
    assert exc.value.message == _("This event has been cancelled, so it can no longer be edited.")
    event.refresh_from_db()
    assert event.location == "Kamreerintie 2, Espoo"


def test_edit_page_of_a_cancelled_event_shows_the_message_not_the_form(client, region, make_event):
    event = make_event()
    services.event_cancel(actor=region.people["espoo_owner"], event=event, reason="Syy")
    client.force_login(region.people["espoo_owner"])
    url = reverse("events:edit", args=[event.slug])
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert _("This event has been cancelled, so it can no longer be edited.") in page
    assert '<form method="post" novalidate>' not in page and reverse("events:cancel", args=[event.slug]) not in page
    response = client.post(url, {"location": "Muualla"})
    assert response.status_code == 409
    assert _("This event has been cancelled, so it can no longer be edited.") in response.content.decode()
    response = client.post(reverse("events:cancel", args=[event.slug]), {"reason": "Uudestaan"})
    assert response.status_code == 409
    event.refresh_from_db()
    assert event.location == "Kamreerintie 2, Espoo" and event.cancel_reason == "Syy"
    client.force_login(region.people["vantaa_owner"])
    assert client.get(url).status_code == 403  # permission still first


# 6. One rule for absolute links: the request's address on pages, feeds and the API; SITE_URL in e-mails


def test_page_feed_and_api_links_use_the_request_host(client, region, make_event, settings):
    settings.SITE_URL = "https://haaste.example"
    event = make_event()
    path = reverse("events:detail", args=[event.slug])
    expected = f"http://testserver{path}"
    html = client.get(path).content.decode()
    google = re.search(r'href="(https://calendar\.google\.com/[^"]+)"', html).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(google).query)["details"] == [expected]
    data = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["url"] == expected
    (item,) = Calendar.from_ical(client.get(reverse("events:ics", args=[event.slug])).content).walk("VEVENT")
    assert str(item["URL"]) == expected and str(item["UID"]) == f"event-{event.pk}@testserver"
    api = client.get(f"/api/v1/events/{event.slug}").json()
    assert api["url"].startswith("http://testserver/")
    client.force_login(region.people["outsider"])
    my = client.get(reverse("events:my")).content.decode()
    assert 'value="http://testserver/fi/events/my/' in my


def test_emails_use_site_url(region, make_event, settings, django_capture_on_commit_callbacks):
    from haastemoottori.notifications.models import Notification

    settings.SITE_URL = "https://haaste.example"
    event = make_event()
    services.registration_create(actor=region.people["outsider"], event=event)
    services.event_cancel(actor=region.people["espoo_owner"], event=event, reason="Syy")
    body = Notification.objects.get(kind="events.cancelled").body
    assert f"https://haaste.example/fi/events/{event.slug}/" in body or "https://haaste.example/" in body
