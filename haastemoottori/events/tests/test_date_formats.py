"""Pages show dates in their language's one format: en-GB in English (no US 01/04/2027, no "4 p.m."), the
Finland-Swedish 4.1.2027 in Swedish (no ISO timestamps), with machine-readable ISO values kept in attributes."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from haastemoottori.challenges.models import Challenge
from haastemoottori.events.models import Event

HELSINKI = ZoneInfo("Europe/Helsinki")
START = datetime(2030, 1, 4, 16, 0, tzinfo=HELSINKI)
US_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def visible_text(html: str) -> str:
    """What a reader sees: no scripts (JSON-LD keeps ISO dates), no tags or attributes."""
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def _get(client, lang, name, slug):
    with translation.override(lang):
        url = reverse(name, args=[slug])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def event(make_event):
    event = make_event(starts_at=START)
    Event.objects.filter(pk=event.pk).update(ends_at=START + timedelta(hours=1, minutes=30))
    return event


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("en", "4 Jan 2030, 16:00–17:30"), ("sv", "4.1.2030 16.00–17.30"), ("fi", "4.1.2030 16.00–17.30")],
)
def test_event_page_shows_the_time_in_the_page_language(client, event, lang, shown):
    html = _get(client, lang, "events:detail", event.slug)
    text = visible_text(html)
    assert shown in text
    assert '<time datetime="2030-01-04T16:00:00+02:00">' in html  # machine-readable stays ISO
    assert not US_DATE.search(text), US_DATE.search(text)
    assert "p.m." not in text and "a.m." not in text
    assert not ISO_DATE.search(text), ISO_DATE.search(text)


@pytest.mark.parametrize(
    ("lang", "shown", "zone"),
    [
        ("en", "4 Jan 2030, 16:00", "(Helsinki time)"),
        ("sv", "4.1.2030 16.00", "(Helsingforstid)"),
        ("fi", "4.1.2030 16.00", "(Helsingin aikaa)"),
    ],
)
def test_challenge_page_shows_the_call_deadline_in_helsinki_time(client, public_challenge, lang, shown, zone):
    Challenge.objects.filter(pk=public_challenge.pk).update(call_deadline=START)
    html = _get(client, lang, "challenges:detail", public_challenge.slug)
    text = visible_text(html)
    assert f"{shown} {zone}" in text
    assert text.count(zone) == 1  # the time zone named once, not on every date
    assert not US_DATE.search(text), US_DATE.search(text)
    assert not ISO_DATE.search(text), ISO_DATE.search(text)
