"""Reads for pilot requests on development platforms: who sees which request, the overlaps a reviewer is shown,
and the platform's public calendar (approved pilots only, without their confidential details)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from haastemoottori.organisations.rules import member_organisation_ids

from .models import Pilot, PilotRequest, PilotRequestMessage

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.platforms.models import DevelopmentPlatform

# What the public may see of an approved request. The confidential fields are never loaded for public pages.
PUBLIC_FIELDS = (
    "id",
    "platform",
    "requester",
    "pilot",
    "language",
    "title",
    "summary",
    "site_area",
    "start_date",
    "end_date",
    "status",
    "decided_at",
    "updated_at",
)


def pilot_request_get_visible(*, pk: UUID | str, user: User) -> PilotRequest | None:
    """The request with its thread if ``user`` may read it, else None (callers answer 404)."""
    request = (
        PilotRequest.objects.select_related("platform__owner", "requester", "proposal", "pilot", "decided_by")
        .prefetch_related(Prefetch("messages", queryset=PilotRequestMessage.objects.select_related("author")))
        .filter(pk=pk)
        .first()
    )
    if request is None or not user.has_perm("pilots.view_pilot_request", request):
        return None
    return request


def site_key(area: str) -> str:
    """The site area as compared for overlaps: case, spacing and punctuation at the ends ignored."""
    return " ".join(area.casefold().split()).strip(" .,;:-")


def overlapping_requests(request: PilotRequest) -> list[PilotRequest]:
    """Other requests on the same platform and site area whose dates overlap and that hold the site (under review,
    waiting for an answer, approved): the reviewer is warned about them. One query."""
    candidates = (
        PilotRequest.objects.open()
        .filter(platform_id=request.platform_id, start_date__lte=request.end_date, end_date__gte=request.start_date)
        .exclude(pk=request.pk)
        .select_related("requester")
    )
    key = site_key(request.site_area)
    return [other for other in candidates if site_key(other.site_area) == key]


@dataclass
class MyRequests:
    mine: list[PilotRequest] = field(default_factory=list)
    to_review: list[PilotRequest] = field(default_factory=list)


def pilot_requests_for(*, user: User) -> MyRequests:
    """The requests of the user's organisations, and those made to the platforms their organisations own."""
    ids = member_organisation_ids(user)
    result = MyRequests()
    if getattr(user, "is_superuser", False):
        qs = PilotRequest.objects.all()
    elif ids:
        qs = PilotRequest.objects.filter(Q(requester_id__in=ids) | Q(platform__owner_id__in=ids))
    else:
        return result
    requests = list(qs.select_related("platform", "requester").order_by("-created_at"))
    clashing = _overlapping_ids(requests)
    for request in requests:
        request.overlaps = request.pk in clashing  # type: ignore[attr-defined]
        if request.requester_id in ids:
            result.mine.append(request)
        if request.platform.owner_id in ids or (
            getattr(user, "is_superuser", False) and request.requester_id not in ids
        ):
            result.to_review.append(request)
    return result


def _overlapping_ids(requests: list[PilotRequest]) -> set[object]:
    """The ids of the requests among ``requests`` that hold the site together with another of them (same platform
    and site area, overlapping dates); compared in memory, no query. The reviewer's list has all of a platform's."""
    holding: dict[tuple[int, str], list[PilotRequest]] = {}
    for request in requests:
        if request.status in PilotRequest.HOLDING:
            holding.setdefault((request.platform_id, site_key(request.site_area)), []).append(request)
    found: set[object] = set()
    for group in holding.values():
        for a in group:
            for b in group:
                if a.pk != b.pk and a.start_date <= b.end_date and b.start_date <= a.end_date:
                    found.add(a.pk)
    return found


def approved_on_platform(*, platform: DevelopmentPlatform) -> QuerySet[PilotRequest]:
    """The approved pilots on the platform, public fields only, earliest first."""
    return (
        PilotRequest.objects.approved()
        .filter(platform=platform)
        .only(*PUBLIC_FIELDS)
        .select_related("requester")
        .order_by("start_date", "end_date", "title")
    )


@dataclass
class PlatformPilots:
    """What the platform's public page says about pilots: now, coming and before (with results)."""

    now: list[PilotRequest] = field(default_factory=list)
    upcoming: list[PilotRequest] = field(default_factory=list)
    before: list[PilotRequest] = field(default_factory=list)
    finished_pilots: list[Pilot] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.now or self.upcoming or self.before or self.finished_pilots)


def platform_pilots(*, platform: DevelopmentPlatform, today: date | None = None) -> PlatformPilots:
    """Approved pilots on the platform by time, and the finished public pilot records on it with their results
    (those not already shown through a request). Two queries."""
    today = today or timezone.localdate()
    result = PlatformPilots()
    public_pilots = {
        p.pk: p
        for p in Pilot.objects.public()
        .filter(Q(platform=platform) | Q(platform_requests__platform=platform))
        .only("id", "title", "original_language", "status", "results", "start_date", "end_date", "challenge_id")
        .distinct()
    }
    shown: set[int] = set()
    for request in approved_on_platform(platform=platform):
        pilot = public_pilots.get(request.pilot_id) if request.pilot_id else None
        request.public_pilot = pilot  # type: ignore[attr-defined]
        if pilot is not None:
            shown.add(pilot.pk)
        if request.end_date < today:
            result.before.append(request)
        elif request.start_date > today:
            result.upcoming.append(request)
        else:
            result.now.append(request)
    result.before.reverse()  # the latest first
    result.finished_pilots = [
        p for p in public_pilots.values() if p.pk not in shown and p.status == Pilot.Status.FINISHED
    ]
    return result
