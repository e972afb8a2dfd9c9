"""Reads for pilots, with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from haastemoottori.challenges.models import Challenge, ChallengeOwnership

from .models import KPI, Adoption, KPIMeasurement, Pilot, PilotParticipant
from .models.pilot import PilotQuerySet
from .progress import kpi_progress

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.proposals.models import Proposal


@dataclass(frozen=True)
class PilotFilters:
    city: str = ""
    platform: str = ""
    status: str = ""


def _participants() -> Prefetch[str, QuerySet[PilotParticipant], str]:
    return Prefetch("participants", queryset=PilotParticipant.objects.select_related("organisation"))


def pilot_list_public(*, filters: PilotFilters | None = None) -> QuerySet[Pilot]:
    filters = filters or PilotFilters()
    qs = Pilot.objects.public().select_related("challenge", "platform").prefetch_related(_participants())
    if filters.city:
        qs = qs.filter(participants__role="city", participants__organisation__slug=filters.city)
    if filters.platform:
        qs = qs.filter(platform__slug=filters.platform)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs.order_by("-start_date", "-id").distinct()


def pilot_detail_queryset() -> PilotQuerySet:
    return Pilot.objects.select_related("challenge", "platform", "proposal").prefetch_related(
        _participants(),
        Prefetch("challenge__ownerships", queryset=ChallengeOwnership.objects.select_related("organisation")),
        "budget_shares__organisation",
        "milestones",
        Prefetch(
            "kpis",
            queryset=KPI.objects.prefetch_related(
                Prefetch("measurements", queryset=KPIMeasurement.objects.select_related("recorded_by"))
            ),
        ),
        "check_ins__organisation",
    )


def pilot_get_visible(*, pk: int, user: User) -> Pilot | None:
    """The pilot if ``user`` may read it, else None (callers answer 404)."""
    pilot = pilot_detail_queryset().filter(pk=pk).first()
    if pilot is None or not user.has_perm("pilots.view_pilot", pilot):
        return None
    return pilot


def kpi_rows(pilot: Pilot) -> list[tuple[KPI, object]]:
    return [(kpi, kpi_progress(kpi)) for kpi in pilot.kpis.all()]


def pilots_for_challenge(*, challenge: Challenge) -> list[Pilot]:
    return list(Pilot.objects.filter(challenge=challenge).select_related("proposal").order_by("id"))


def adoptions_of(*, challenge: Challenge) -> list[Adoption]:
    """Who adopted the challenge: each organisation once, with its first adoption (one query)."""
    seen: dict[int, Adoption] = {}
    for adoption in Adoption.objects.filter(source_challenge=challenge).select_related(
        "organisation", "adopted_challenge"
    ):
        seen.setdefault(adoption.organisation_id, adoption)
    return list(seen.values())


def pilots_visible_on_challenge(*, challenge: Challenge, user: User) -> list[Pilot]:
    """The challenge's pilots that ``user`` may read: all when the challenge is public (one query); otherwise
    those the permission allows (one more query for the participants)."""
    if challenge.published_at is not None:
        return list(Pilot.objects.filter(challenge=challenge).order_by("id"))
    pilots = list(Pilot.objects.filter(challenge=challenge).prefetch_related("participants").order_by("id"))
    for pilot in pilots:
        pilot.challenge = challenge
    return [p for p in pilots if user is not None and user.has_perm("pilots.view_pilot", p)]


def selected_without_pilot(*, challenge: Challenge) -> list[Proposal]:
    """Selected proposals of the challenge that have no pilot yet (for the owners)."""
    from haastemoottori.proposals.models import Proposal

    return list(
        Proposal.objects.filter(
            call__challenge=challenge, decision__outcome="selected", pilot__isnull=True
        ).select_related("lead")
    )
