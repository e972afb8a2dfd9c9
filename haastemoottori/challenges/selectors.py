"""Reads for challenges. Pages and the API call these; each returns a query with a fixed query count."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, cast

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from haastemoottori.core import fragments
from haastemoottori.organisations.models import Membership, Organisation
from haastemoottori.organisations.rules import is_platform_admin, member_organisation_ids
from haastemoottori.taxonomy.models import Theme

from .models import Challenge, ChallengeOwnership
from .models.challenge import ChallengeQuerySet
from .stages import Stage

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.platforms.models import DevelopmentPlatform

# Lead first, then co-owners, then contributors.
ROLE_ORDER = Case(
    When(role=ChallengeOwnership.Role.LEAD, then=Value(0)),
    When(role=ChallengeOwnership.Role.CO_OWNER, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def _ownerships_prefetch() -> Prefetch[str, QuerySet[ChallengeOwnership], str]:
    return Prefetch(
        "ownerships",
        queryset=ChallengeOwnership.objects.select_related("organisation", "department")
        .defer("organisation__description", "organisation__capabilities")
        .order_by(ROLE_ORDER, "id"),
    )


@dataclass
class ChallengeFilters:
    city: str = ""
    theme: str = ""
    stage: str = ""
    platform: str = ""
    q: str = ""
    language: str = ""
    sort: str = "newest"
    deadline_within_days: int | None = None
    errors: dict[str, str] = field(default_factory=dict)


SORTS = {
    "newest": ("-published_at", "-id"),
    "closing": ("call_deadline", "-published_at", "-id"),
}


def _id_of_slug(model: type[Organisation] | type[Theme], slug: str) -> int | None:
    """The id of the record with this slug, or None; from the fragment cache when it is on (0 stands for none)."""

    def find() -> int:
        return model.objects.filter(slug=slug).values_list("pk", flat=True).first() or 0

    if not fragments.enabled():
        return find() or None
    key = fragments.fragment_key(
        "slug-id", model._meta.label_lower, slug, generation=fragments.public_generation(), language="any"
    )
    return cast(int, fragments.cached_value(key, find)) or None


def challenge_list_public(*, filters: ChallengeFilters) -> QuerySet[Challenge]:
    qs = Challenge.objects.public()
    # EXISTS on ids, not joins on slugs: a to-many filter never repeats a row, and the planner sees
    # a plain id it can estimate (a slug behind a join made it pick a slow plan on 10,000 challenges).
    if filters.city:
        org_id = _id_of_slug(Organisation, filters.city)
        # An unknown slug gives None: the filter then matches no owner (the stubs want a str or int).
        qs = qs.filter(Exists(ChallengeOwnership.objects.filter(challenge=OuterRef("pk"), organisation_id=org_id)))  # type: ignore[misc]
    if filters.theme:
        theme_id = _id_of_slug(Theme, filters.theme)
        qs = qs.filter(Exists(Challenge.themes.through.objects.filter(challenge=OuterRef("pk"), theme_id=theme_id)))  # type: ignore[misc]
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.platform:
        qs = qs.filter(platform__slug=filters.platform)
    if filters.language:
        qs = qs.filter(title__has_key=filters.language, summary__has_key=filters.language)
    if filters.deadline_within_days is not None:
        now = timezone.now()
        qs = qs.filter(
            stage=Stage.OPEN_CALL,
            call_deadline__gte=now,
            call_deadline__lte=now + timedelta(days=filters.deadline_within_days),
        )
    ranked: list[int] = []
    if filters.q:
        # The search engine ranks public challenges (lexical + semantic); the filters above narrow them.
        from haastemoottori.search.selectors import search_ids

        ranked = search_ids(kind="challenge", query=filters.q)
        qs = qs.filter(pk__in=ranked)
    if filters.sort == "closing":
        qs = qs.filter(stage=Stage.OPEN_CALL)
    if filters.sort == "relevance" and ranked:
        position = Case(*[When(pk=pk, then=Value(i)) for i, pk in enumerate(ranked)], output_field=IntegerField())
        return qs.order_by(position, "-id")
    return qs.order_by(*SORTS.get(filters.sort, SORTS["newest"]))


def challenge_list_prefetch(qs: QuerySet[Challenge]) -> QuerySet[Challenge]:
    """What a list item shows: owners, platform, themes — three queries whatever the page size."""
    return challenge_card_base(qs).prefetch_related(_ownerships_prefetch(), "themes")


def challenge_card_prefetch_ids(ids: list[int]) -> list[Challenge]:
    """What list cards show for these challenges (any order), in three queries whatever their number."""
    return list(challenge_list_prefetch(Challenge.objects.filter(pk__in=ids)))


def challenge_card_base(qs: QuerySet[Challenge]) -> QuerySet[Challenge]:
    """The columns a list card shows (with its platform), without the long canvas texts."""
    return qs.select_related("platform").defer(
        *_CARD_UNUSED, "platform__description", "platform__location", "platform__testing"
    )


# Canvas texts a list card never shows; not loading them keeps list pages light.
_CARD_UNUSED = (
    "problem",
    "affected",
    "root_causes",
    "tried",
    "desired_outcome",
    "constraints",
    "data_available",
    "ip_terms",
    "outcome_note",
    "search_text",
)


def challenge_card_prefetch(challenges: list[Challenge]) -> list[Challenge]:
    """Load what list cards show for challenges fetched by several queries, in one go."""
    prefetch_related_objects(challenges, _ownerships_prefetch(), "themes")
    return challenges


def challenge_detail_queryset() -> ChallengeQuerySet:
    return Challenge.objects.select_related("platform", "platform__owner").prefetch_related(
        _ownerships_prefetch(), "themes", "indicators", "stage_changes"
    )


def challenge_page_queryset() -> ChallengeQuerySet:
    """What a challenge's page loads on every view: the owners (permissions read them) and the stage changes;
    its themes and indicators come with its cached parts (``page_parts.py``), loaded only to render them."""
    return Challenge.objects.select_related("platform", "platform__owner").prefetch_related(
        _ownerships_prefetch(), "stage_changes"
    )


def challenge_get_visible(*, slug: str, user: User, page: bool = False) -> Challenge | None:
    """The challenge if ``user`` may read it, else None (callers answer 404, not 403). ``page=True``: as the
    challenge's page loads it (``challenge_page_queryset``)."""
    qs = challenge_page_queryset() if page else challenge_detail_queryset()
    challenge = qs.filter(slug=slug).first()
    if challenge is None:
        return None
    if challenge.is_public or user.has_perm("challenges.view_challenge", challenge):
        return challenge
    return None


def challenge_list_for_user(*, user: User) -> QuerySet[Challenge]:
    """Every challenge the user's organisations own (any stage), for the workspace."""
    if is_platform_admin(user):
        qs = Challenge.objects.all()
    else:
        qs = Challenge.objects.filter(
            pk__in=ChallengeOwnership.objects.filter(organisation_id__in=member_organisation_ids(user)).values(
                "challenge_id"
            )
        )
    return challenge_list_prefetch(qs).order_by("-updated_at", "-id")


def challenge_owner_editors(*, challenge: Challenge) -> QuerySet[User]:
    """The people who act for the challenge's owners (questions, comments, proposals reach them): the active
    admins and challenge owners of its lead and co-owner organisations, each once. One query."""
    org_ids = ChallengeOwnership.objects.filter(challenge=challenge, role__in=ChallengeOwnership.APPROVER_ROLES).values(
        "organisation_id"
    )
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation_id__in=org_ids,
            memberships__role__in=Membership.EDITOR_ROLES,
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


def challenge_missing_approvals(*, challenge: Challenge) -> list[ChallengeOwnership]:
    return [o for o in challenge.ownerships.all() if o.must_approve and not o.has_approved(challenge.version)]


def challenge_public_q() -> Q:
    return Q(published_at__isnull=False)


def organisation_public_challenges(*, organisation: Organisation) -> QuerySet[Challenge]:
    qs = Challenge.objects.public().filter(pk__in=organisation.challenge_ownerships.values("challenge_id"))
    return challenge_list_prefetch(qs).order_by("-published_at", "-id")


def city_list_with_counts() -> QuerySet[Organisation]:
    """Challenge owners with their number of public challenges (one query; a subquery per owner)."""
    public_count = (
        ChallengeOwnership.objects.filter(organisation=OuterRef("pk"), challenge__published_at__isnull=False)
        .order_by()
        .values("organisation")
        .annotate(n=Count("*"))
        .values("n")
    )
    return (
        Organisation.objects.owners()
        .listed()
        .defer("description", "offering", "capabilities")
        .annotate(public_challenges=Coalesce(Subquery(public_count), 0))
        .order_by("kind", "slug")
    )


def platform_public_challenges(*, platform: DevelopmentPlatform) -> QuerySet[Challenge]:
    return challenge_list_prefetch(Challenge.objects.public().filter(platform=platform))
