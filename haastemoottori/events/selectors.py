"""Reads for events. Pages, feeds and the API call these; each has a fixed query count."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from haastemoottori.challenges.models import Challenge
from haastemoottori.organisations.models import Organisation, OrganisationIdentifier

from .models import Event, Registration
from .models.event import EventQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from haastemoottori.accounts.models import User


@dataclass
class EventFilters:
    when: str = "upcoming"  # or "past"
    organisation: str = ""
    challenge: str = ""


def public_challenges_prefetch() -> Prefetch[str, QuerySet[Challenge], str]:
    return Prefetch(
        "challenges",
        queryset=Challenge.objects.public().only("id", "slug", "title", "original_language").order_by("id"),
    )


def event_list_public(*, filters: EventFilters, now: datetime | None = None) -> EventQuerySet:
    """Published and cancelled events (cancelled ones marked); upcoming soonest first, past latest first."""
    now = now or timezone.now()
    qs = (
        Event.objects.visible()
        .select_related("organiser")
        .defer("organiser__description", "organiser__offering", "organiser__capabilities")
    )
    if filters.organisation:
        qs = qs.filter(organiser__slug=filters.organisation)
    if filters.challenge:
        qs = qs.filter(challenges__in=Challenge.objects.public().filter(slug=filters.challenge))
    if filters.when == "past":
        return qs.past(now).order_by("-starts_at", "-id")
    return qs.upcoming(now).order_by("starts_at", "id")


def event_get_visible(*, slug: str) -> Event | None:
    return (
        Event.objects.visible()
        .select_related("organiser")
        .prefetch_related(public_challenges_prefetch())
        .filter(slug=slug)
        .first()
    )


def event_seat_counts(*, event: Event) -> dict[str, int | None]:
    counts = Registration.objects.filter(event=event).aggregate(
        registered=Count("id", filter=Q(status=Registration.Status.REGISTERED)),
        waitlisted=Count("id", filter=Q(status=Registration.Status.WAITLISTED)),
    )
    left = None if event.capacity is None else max(event.capacity - counts["registered"], 0)
    return {**counts, "left": left}


def registration_for(*, user: User | AnonymousUser, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).select_related("organisation").first()


def registered_event_ids(*, user: User) -> frozenset[int]:
    """Ids of the events the person has a seat at (registered, not on the waiting list): they get the online link."""
    return frozenset(
        Registration.objects.filter(user=user, status=Registration.Status.REGISTERED).values_list("event_id", flat=True)
    )


def registrations_of_user(*, user: User) -> QuerySet[Registration]:
    """A person's active registrations, the event and its organiser with each (one query)."""
    return (
        Registration.objects.active()
        .filter(user=user)
        .select_related("event", "event__organiser")
        .order_by("event__starts_at", "id")
    )


def events_for_challenge_section(*, challenge: Challenge, limit: int = 10) -> list[Event]:
    """Upcoming published events of a challenge, for its page (one query)."""
    return list(
        Event.objects.published()
        .upcoming()
        .filter(challenges=challenge)
        .only("slug", "title", "original_language", "starts_at", "ends_at", "location", "online_url", "kind", "status")
        .order_by("starts_at", "id")[:limit]
    )


def events_for_feed(
    *,
    challenge: Challenge | None = None,
    organisation: Organisation | None = None,
    user: User | None = None,
    limit: int = 200,
) -> list[Event]:
    """Events for an iCalendar feed: the latest ``limit`` by start (past ones kept, so calendars keep them)."""
    qs = Event.objects.visible().select_related("organiser")
    if challenge is not None:
        qs = qs.filter(challenges=challenge)
    if organisation is not None:
        qs = qs.filter(organiser=organisation)
    if user is not None:
        # One subquery with both conditions: an exclude() on the multi-valued relation would drop an event
        # as soon as anyone (not only this person) had cancelled a registration for it.
        qs = qs.filter(Exists(Registration.objects.active().filter(event=OuterRef("pk"), user=user)))
    return list(qs.order_by("-starts_at", "-id")[:limit])


def events_organised_by(*, user: User, limit: int = 100) -> tuple[list[Event], list[Event]]:
    """Events of the organisations the user edits: (upcoming soonest first, past latest first); two queries."""
    from haastemoottori.organisations.rules import editor_organisation_ids

    ids = editor_organisation_ids(user)
    if not ids:
        return [], []
    now = timezone.now()
    qs = (
        Event.objects.filter(organiser_id__in=ids)
        .select_related("organiser")
        .defer("organiser__description", "organiser__offering", "organiser__capabilities", "description")
    )
    upcoming = list(qs.filter(ends_at__gt=now).order_by("starts_at", "id")[:limit])
    past = list(qs.filter(ends_at__lte=now).order_by("-starts_at", "-id")[:limit])
    return upcoming, past


def event_participants(*, event: Event) -> list[Registration]:
    """Everyone who registered (active first: registered, then the waiting list in order; cancelled last)."""
    identifiers = Prefetch(
        "organisation__identifiers",
        queryset=OrganisationIdentifier.objects.filter(scheme="FI-PRO"),
        to_attr="business_ids",
    )
    regs = list(
        Registration.objects.filter(event=event)
        .select_related("user", "organisation")
        .prefetch_related(identifiers)
        .order_by("queued_at", "id")
    )
    order: dict[str, int] = {
        Registration.Status.REGISTERED: 0,
        Registration.Status.WAITLISTED: 1,
        Registration.Status.CANCELLED: 2,
    }
    return sorted(regs, key=lambda r: order[r.status])


def organiser_choices(*, user: User) -> QuerySet[Organisation]:
    """Organisations the user may organise events for."""
    from haastemoottori.organisations.rules import editor_organisation_ids, is_platform_admin

    qs = Organisation.objects.owners().order_by("slug")
    return qs if is_platform_admin(user) else qs.filter(pk__in=editor_organisation_ids(user))


def challenge_choices(*, organisations: Iterable[Organisation]) -> QuerySet[Challenge]:
    """Challenges the given organisations lead or co-own (an event may be about these)."""
    return (
        Challenge.objects.filter(ownerships__organisation__in=organisations, ownerships__role__in=("lead", "co_owner"))
        .distinct()
        .only("id", "slug", "title", "original_language")
        .order_by("-id")
    )
