"""The iCalendar feed (RFC 5545) of a development platform: its approved pilots as all-day events.

Public like the platform page: the title, the summary, the site area, the requester and the dates; never the
needs, safety or data-protection notes, conditions or the thread. Each VEVENT has a stable UID
(``pilot-request-<id>@<host>``); DTEND is the day after the last day (all-day events end exclusively).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from .models import PilotRequest


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def platform_calendar_response(items: Iterable[PilotRequest], request, *, platform, name: str) -> HttpResponse:
    base = _base_url(request)
    host = urlsplit(base).hostname or "haastemoottori"
    page = base + reverse("pilots:platform-calendar", args=[platform.slug])
    cal = Calendar()
    cal.add("prodid", f"-//{settings.SITE_NAME}//pilot-requests//{getattr(request, 'LANGUAGE_CODE', 'fi')}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(UTC)
    for item in items:
        event = VEvent()
        event.add("uid", f"pilot-request-{item.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.start_date)
        event.add("dtend", item.end_date + timedelta(days=1))
        event.add("summary", f"{item.title} ({item.requester})")
        event.add("description", f"{item.summary}\n\n{page}".strip())
        event.add("location", f"{item.site_area}, {platform}")
        event.add("url", page)
        event.add("status", "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        event.add("last-modified", item.updated_at.astimezone(UTC))
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{platform.slug}-pilots.ics"'
    return response
