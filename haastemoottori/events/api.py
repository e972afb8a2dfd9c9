"""Open API endpoints of the events app (registered in haastemoottori/api/api.py).

Upcoming published events and one event by identifier; never participant data (only seat counts), nor the
online link (sent to registered people only): ``online`` says whether the event has one.
"""

from datetime import datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from haastemoottori.core import api_schemas as schemas
from haastemoottori.core.errors import CommonCode

from .ics import absolute_url
from .models import Event
from .selectors import (
    EventFilters,
    event_get_visible,
    event_list_public,
    event_seat_counts,
    public_challenges_prefetch,
)

router = Router(tags=["events"])


class EventQuery(Schema):
    challenge: str = Field("", max_length=120, description="Challenge slug")
    organisation: str = Field("", max_length=80, description="Organiser slug, e.g. espoo")
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(20, ge=1, le=100)


class EventOut(Schema):
    slug: str
    url: str
    ics_url: str
    kind: str
    status: str
    cancel_reason: str
    original_language: str
    title: schemas.Translations
    description: schemas.Translations
    starts_at: datetime
    ends_at: datetime
    location: str
    online: bool
    language: str
    capacity: int | None
    registration_closes_at: datetime | None
    organiser: schemas.OrganisationRef
    challenges: list[str]


class EventDetailOut(EventOut):
    seats_left: int | None
    waitlisted: int


class EventPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[EventOut]


def _event(request: HttpRequest, e: Event) -> dict:
    return {
        "slug": e.slug,
        "url": absolute_url(request, reverse("events:detail", args=[e.slug])),
        "ics_url": absolute_url(request, reverse("events:ics", args=[e.slug])),
        "kind": e.kind,
        "status": e.status,
        "cancel_reason": e.cancel_reason,
        "original_language": e.original_language,
        "title": e.title,
        "description": e.description,
        "starts_at": e.starts_at,
        "ends_at": e.ends_at,
        "location": e.location,
        "online": bool(e.online_url),
        "language": e.language,
        "capacity": e.capacity,
        "registration_closes_at": e.registration_closes_at,
        "organiser": {"slug": e.organiser.slug, "kind": e.organiser.kind, "name": e.organiser.name},
        "challenges": [c.slug for c in e.challenges.all()],
    }


@router.get("/events", response={200: EventPage, 422: schemas.ValidationErrorOut})
def list_events(request, filters: Query[EventQuery]):
    """Upcoming published events, soonest first; filter by challenge or organiser."""
    qs = event_list_public(filters=EventFilters(challenge=filters.challenge, organisation=filters.organisation))
    qs = qs.published().prefetch_related(public_challenges_prefetch())
    start = (filters.page - 1) * filters.page_size
    items = list(qs[start : start + filters.page_size])
    return {
        "count": qs.count(),
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [_event(request, e) for e in items],
    }


@router.get("/events/{slug}", response={200: EventDetailOut, 404: schemas.ErrorOut})
def get_event(request, slug: str):
    """One event (also a past or cancelled one) with its seat counts; no participant data."""
    e = event_get_visible(slug=slug)
    if e is None:
        return Status(404, {"code": CommonCode.NOT_FOUND, "message": _("No event with this identifier.")})
    seats = event_seat_counts(event=e)
    return {**_event(request, e), "seats_left": seats["left"], "waitlisted": seats["waitlisted"]}
