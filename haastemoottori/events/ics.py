"""iCalendar (RFC 5545) output: one event, or a feed of events, in the request's language.

Each VEVENT has a stable UID (``event-<id>@<host>``), DTSTAMP, DTSTART/DTEND in UTC, SUMMARY, DESCRIPTION,
LOCATION and URL in the language of the URL prefix; a cancelled event has STATUS:CANCELLED.
ORGANIZER only when the organiser has an e-mail address to show (a ``mailto:`` URI with the name as CN).

The online link is for registered people only: it is in an event only when ``online_link_for`` holds the event's
id (a person's own feed, for the events they are registered for); public files and feeds say "Online" instead.

Absolute links: whatever is served on a request (pages, feeds, the API) builds them from the request with
``absolute_url`` (``request.build_absolute_uri``, so the address the person used); only e-mails, which have no
request, use ``settings.SITE_URL`` (``services.common.site_url``).
"""

from __future__ import annotations

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent

from haastemoottori.accounts.signed_links import user_from_token, user_token

from .models import Event

FEED_SALT = "events.my-calendar"


def absolute_url(request, path: str) -> str:
    """An absolute link for a response to ``request`` (pages, feeds and the API all use this)."""
    return request.build_absolute_uri(path)


def base_url(request) -> str:
    """``scheme://host`` of the request, without a trailing slash."""
    return absolute_url(request, "/").rstrip("/")


def event_uid(event: Event, request) -> str:
    return f"event-{event.pk}@{urlsplit(base_url(request)).hostname or 'haastemoottori'}"


def organiser_email(event: Event) -> str:
    """The organiser's e-mail address that may be shown to anyone, or "".

    Organisations have no public e-mail address, and the personal address of whoever created the event is not
    published: so, for now, none.
    """
    return ""


def organizer_address(name: str, email: str) -> vCalAddress | None:
    """ORGANIZER is a ``mailto:`` URI with the name as CN (RFC 5545 3.8.4.3); without an address, none at all."""
    if not email:
        return None
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = vText(name)
    return address


def _vevent(event: Event, request, stamp, *, with_online_link: bool = False) -> VEvent:
    title, description = event.t.title, event.t.description
    url = base_url(request) + reverse("events:detail", args=[event.slug])
    item = VEvent()
    item.add("uid", event_uid(event, request))
    item.add("dtstamp", stamp)
    item.add("dtstart", event.starts_at.astimezone(UTC))
    item.add("dtend", event.ends_at.astimezone(UTC))
    item.add("summary", title.text)
    text = description.text
    if event.online_url and with_online_link:
        text = f"{text}\n\n{event.online_url}".strip()
    if event.is_cancelled and event.cancel_reason:
        text = f"{event.cancel_reason}\n\n{text}".strip()
    item.add("description", f"{text}\n\n{url}".strip())
    place = event.location or ((event.online_url if with_online_link else _("Online")) if event.online_url else "")
    if place:
        item.add("location", place)
    item.add("url", url)
    organizer = organizer_address(str(event.organiser), organiser_email(event))
    if organizer is not None:
        item.add("organizer", organizer)
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    item.add("last-modified", event.updated_at.astimezone(UTC))
    item.add("sequence", int(event.updated_at.timestamp()) // 60 % 2**31)
    return item


def calendar_response(
    events, request, *, name: str, filename: str, online_link_for: frozenset[int] = frozenset()
) -> HttpResponse:
    """The events as a calendar; ``online_link_for``: ids of the events whose online link the reader may see."""
    cal = Calendar()
    cal.add("prodid", f"-//{settings.SITE_NAME}//events//{getattr(request, 'LANGUAGE_CODE', 'fi')}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(UTC)
    for event in events:
        cal.add_component(_vevent(event, request, stamp, with_online_link=event.pk in online_link_for))
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def user_feed_token(user) -> str:
    """A private, unguessable token for the person's own calendar feed (signed user id)."""
    return user_token(user, salt=FEED_SALT)


def user_from_feed_token(token: str):
    user = user_from_token(token, salt=FEED_SALT)
    return user if user is not None and user.is_active else None
