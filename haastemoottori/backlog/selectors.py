"""Reads for the backlog: a city's candidates and ranking as a viewer may see it, provenance, published candidates.

Independent scoring: anyone who may score in a city (``backlog.score``) sees no result, spread or pairwise score
of a candidate until they have submitted their own sheet for it. Platform admins, who do not score, see all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from haastemoottori.challenges.models import Challenge, ChallengeOwnership
from haastemoottori.core.i18n import Translated
from haastemoottori.organisations.models import Organisation
from haastemoottori.organisations.rules import is_platform_admin

from .models import Candidate, Criterion, Score, ScoreSheet
from .pairwise import city_pairwise, comparisons_per_candidate, display_score
from .ranking import CriterionWeight, RankedRow, rank_rows
from .rules import BACKLOG_ROLES, can_score

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from haastemoottori.accounts.models import User
    from haastemoottori.signals.models import Signal, SignalCluster


def city_get(*, slug: str) -> Organisation | None:
    """A city or other public body (an organisation that can own challenges and so has a backlog)."""
    return Organisation.objects.owners().filter(slug=slug).first()


def backlog_cities_for_user(*, user: User) -> list[Organisation]:
    """The cities whose backlog the user may read (their own; every owner organisation for platform admins)."""
    from haastemoottori.signals.rules import staff_city_ids

    qs = Organisation.objects.owners()
    if not is_platform_admin(user):
        qs = qs.filter(pk__in=staff_city_ids(user))
    return list(qs.order_by("slug"))


def _ownerships() -> Prefetch[str, QuerySet[ChallengeOwnership], str]:
    return Prefetch(
        "challenge__ownerships",
        queryset=ChallengeOwnership.objects.select_related("organisation").order_by("role", "id"),
    )


def backlog_candidates(*, city: Organisation) -> QuerySet[Candidate]:
    """The candidates in the city's backlog: those whose challenge the city owns as lead or co-owner."""
    ids = ChallengeOwnership.objects.filter(organisation=city, role__in=BACKLOG_ROLES).values("challenge_id")
    return Candidate.objects.filter(challenge_id__in=ids).select_related("challenge").order_by("-promoted_at", "-id")


def candidate_cities(candidate: Candidate) -> list[Organisation]:
    """The organisations in whose backlog the candidate is, the lead first (uses prefetched ownerships)."""
    owners = [o for o in candidate.challenge.ownerships.all() if o.role in BACKLOG_ROLES]
    owners.sort(key=lambda o: (o.role != ChallengeOwnership.Role.LEAD, o.pk))
    return [o.organisation for o in owners]


def candidate_lead(candidate: Candidate) -> Organisation | None:
    cities = candidate_cities(candidate)
    return cities[0] if cities else None


def candidate_visible_to(*, user: User, candidate: Candidate) -> bool:
    """Staff of a city in whose backlog the candidate is, and platform admins."""
    if is_platform_admin(user):
        return True
    return any(user.has_perm("backlog.view_backlog", city) for city in candidate_cities(candidate))


def candidate_detail(*, pk: int) -> Candidate | None:
    from haastemoottori.signals.models import Signal

    return (
        Candidate.objects.select_related("challenge", "cluster", "promoted_by")
        .prefetch_related(
            _ownerships(),
            Prefetch(
                "signals", queryset=Signal.objects.select_related("city", "department").order_by("-observed_at", "-id")
            ),
        )
        .filter(pk=pk)
        .first()
    )


def candidate_get_visible(*, pk: int, user: User) -> Candidate | None:
    """The candidate if the user may see it, else None (callers answer 404: drafts are not announced)."""
    candidate = candidate_detail(pk=pk)
    if candidate is None or not candidate_visible_to(user=user, candidate=candidate):
        return None
    return candidate


def city_criteria(*, city: Organisation, active_only: bool = True) -> list[Criterion]:
    qs = Criterion.objects.filter(organisation=city)
    if active_only:
        qs = qs.filter(active=True)
    return list(qs.order_by("-active", "position", "id"))


def sheet_of(*, user: User | AnonymousUser, candidate: Candidate, city: Organisation) -> ScoreSheet | None:
    if not user.is_authenticated:
        return None
    return (
        ScoreSheet.objects.filter(candidate=candidate, organisation=city, scorer=user)
        .prefetch_related("scores")
        .first()
    )


def own_sheet_status(*, user: User | AnonymousUser, city: Organisation) -> dict[int, str]:
    """``{candidate id: "draft" | "submitted"}`` for the user's sheets in the city's backlog."""
    if not user.is_authenticated:
        return {}
    return {
        cid: ("submitted" if submitted else "draft")
        for cid, submitted in ScoreSheet.objects.filter(organisation=city, scorer=user).values_list(
            "candidate_id", "submitted_at"
        )
    }


def results_hidden(*, user: User, city: Organisation, status: dict[int, str], candidate_id: int) -> bool:
    """True when the user may score in the city and has not submitted their sheet for the candidate."""
    return can_score(user, city) and status.get(candidate_id) != "submitted"


@dataclass
class BacklogRow:
    candidate: Candidate
    scorers: int
    own_status: str  # "" (cannot score), "none", "draft" or "submitted"
    comparisons: int
    published: bool
    hidden: bool = False
    position: int | None = None
    result: RankedRow | None = None  # None when hidden from this viewer
    pairwise: float | None = None


@dataclass
class Backlog:
    city: Organisation
    rows: list[BacklogRow] = field(default_factory=list)  # visible: ranked first, then not yet scored
    hidden: list[BacklogRow] = field(default_factory=list)  # the viewer must submit their own sheet first
    can_score: bool = False


def backlog_for(*, city: Organisation, user: User) -> Backlog:
    """The city's backlog as ``user`` may see it (six queries however long the backlog is)."""
    candidates = list(backlog_candidates(city=city))
    ranking = city_ranking(city, candidates)
    strengths, counts = city_pairwise(city, [c.pk for c in candidates])
    per_candidate = comparisons_per_candidate(counts)
    scorer = can_score(user, city)
    status = own_sheet_status(user=user, city=city)
    by_id = {c.pk: c for c in candidates}
    backlog = Backlog(city=city, can_score=scorer)
    previous: BacklogRow | None = None
    position = 0
    for result in ranking:
        candidate = by_id[result.candidate_id]
        row = BacklogRow(
            candidate=candidate,
            scorers=result.scorers,
            own_status=status.get(candidate.pk, "none") if scorer else "",
            comparisons=per_candidate[candidate.pk],
            published=candidate.published_at is not None,
        )
        if scorer and status.get(candidate.pk) != "submitted":
            row.hidden = True
            backlog.hidden.append(row)
            continue
        row.result = result
        row.pairwise = display_score(strengths[candidate.pk]) if per_candidate[candidate.pk] else None
        if result.score is not None:
            position += 1
            same = previous is not None and previous.result is not None and previous.result.score == result.score
            row.position = previous.position if same and previous is not None else position
            previous = row
        backlog.rows.append(row)
    return backlog


@dataclass(frozen=True)
class Promotion:
    """A candidate made from a signal or cluster, as a signal or cluster page shows it ("promoted to …")."""

    candidate: Candidate
    lead: Organisation | None
    title: Translated | None  # None when the viewer may not see the draft
    url: str | None  # the candidate's page, when the viewer may see it
    published: bool


def promotions_for(
    *, user: User, signal: Signal | None = None, cluster: SignalCluster | None = None
) -> list[Promotion]:
    """The candidates made from ``signal`` (it is one of their signals) or from ``cluster``."""
    qs = Candidate.objects.select_related("challenge").prefetch_related(_ownerships())
    if signal is not None:
        qs = qs.filter(signals=signal)
    elif cluster is not None:
        qs = qs.filter(cluster=cluster)
    else:
        return []
    items = []
    for candidate in qs.order_by("promoted_at", "id"):
        visible = candidate_visible_to(user=user, candidate=candidate)
        items.append(
            Promotion(
                candidate=candidate,
                lead=candidate_lead(candidate),
                title=candidate.challenge.t.title if visible else None,
                url=reverse("backlog:candidate", args=[candidate.pk]) if visible else None,
                published=candidate.published_at is not None,
            )
        )
    return items


def promoted_cluster_ids(cluster_ids: Iterable[int]) -> set[int]:
    """Which of these clusters have been promoted (one query, for markers in lists)."""
    return set(Candidate.objects.filter(cluster_id__in=list(cluster_ids)).values_list("cluster_id", flat=True))


def promoted_signal_ids(signal_ids: Iterable[int]) -> set[int]:
    """Which of these signals are part of a candidate (one query, for markers in lists)."""
    return set(
        Candidate.signals.through.objects.filter(signal_id__in=list(signal_ids)).values_list("signal_id", flat=True)
    )


@dataclass(frozen=True)
class PublishedCandidate:
    """A published candidate as the public foresight page, its feed and the open API show it.

    ``cities``: the organisations in whose backlog it is, the lead first. ``rank`` and ``score`` (0..100) are its
    place and weighted result in the backlog of the city asked for, or of its lead; None before anyone has
    submitted scores. ``public_reason``: the published reason in the active language (all languages are in
    ``candidate.public_reason``). Nothing from the score sheets or the signals is included.
    """

    candidate: Candidate
    challenge: Challenge
    cities: list[Organisation]
    rank: int | None
    score: float | None
    public_reason: Translated
    published_at: datetime


def published_candidates(city: Organisation | None = None) -> list[PublishedCandidate]:
    """Published candidates (all, or those in ``city``'s backlog), best rank first, then newest.

    Returns ``list[PublishedCandidate]``. Unpublished candidates are never included.
    """
    qs = (
        Candidate.objects.filter(published_at__isnull=False)
        .select_related("challenge")
        .prefetch_related(_ownerships(), "challenge__themes")
    )
    if city is not None:
        qs = qs.filter(
            challenge_id__in=ChallengeOwnership.objects.filter(organisation=city, role__in=BACKLOG_ROLES).values(
                "challenge_id"
            )
        )
    candidates = list(qs)
    rankings: dict[int, dict[int, RankedRow]] = {}
    items = []
    for candidate in candidates:
        assert candidate.published_at is not None
        cities = candidate_cities(candidate)
        ranked_in = city if city is not None else (cities[0] if cities else None)
        row = None
        if ranked_in is not None:
            if ranked_in.pk not in rankings:
                rankings[ranked_in.pk] = {r.candidate_id: r for r in city_ranking(ranked_in)}
            row = rankings[ranked_in.pk].get(candidate.pk)
        items.append(
            PublishedCandidate(
                candidate=candidate,
                challenge=candidate.challenge,
                cities=cities,
                rank=row.rank if row else None,
                score=row.score if row else None,
                public_reason=candidate.t.public_reason,
                published_at=candidate.published_at,
            )
        )
    items.sort(key=lambda p: (p.rank is None, p.rank or 0, -(p.score or 0), -p.published_at.timestamp()))
    return items


def city_ranking(city: Organisation, candidates: list[Candidate] | None = None) -> list[RankedRow]:
    """The ranking of ``city``'s backlog, read with three queries (candidates, criteria, submitted scores)."""
    if candidates is None:
        candidates = list(backlog_candidates(city=city).select_related(None).only("pk", "promoted_at"))
    criteria = [
        CriterionWeight(c.pk, c.weight, c.scale_max) for c in Criterion.objects.filter(organisation=city, active=True)
    ]
    sheets: dict[int, dict[int, dict[int, int]]] = defaultdict(dict)
    rows = Score.objects.filter(
        sheet__organisation=city, sheet__submitted_at__isnull=False, sheet__candidate__in=[c.pk for c in candidates]
    )
    for cid, sheet_id, criterion_id, value in rows.values_list(
        "sheet__candidate_id", "sheet_id", "criterion_id", "value"
    ):
        sheets[cid].setdefault(sheet_id, {})[criterion_id] = value
    return rank_rows(
        [c.pk for c in candidates], criteria, {cid: list(by_sheet.values()) for cid, by_sheet in sheets.items()}
    )
