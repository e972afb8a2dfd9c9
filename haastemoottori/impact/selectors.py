"""Reads the impact figures build on: which challenges a dashboard may count, and the filters.

Every figure takes one :class:`ImpactFilters` and narrows its own rows with these helpers, so the
city and the period mean the same thing everywhere. Querysets returned here are used as subqueries:
they never run a query of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.db.models.expressions import Combinable
from django.utils import timezone

from haastemoottori.challenges.models import Challenge, ChallengeOwnership
from haastemoottori.organisations.models import Organisation
from haastemoottori.organisations.rules import is_platform_admin, member_organisation_ids

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from haastemoottori.accounts.models import User

OWNER_ROLES = (ChallengeOwnership.Role.LEAD, ChallengeOwnership.Role.CO_OWNER)


@dataclass(frozen=True)
class ImpactFilters:
    """What a dashboard counts. ``staff`` False: only public data. ``member_org_ids``: the staff member's
    organisations (their unpublished challenges are counted); ``all_orgs``: a platform admin sees all."""

    city_id: int | None = None
    city_slug: str = ""
    date_from: date | None = None
    date_to: date | None = None
    staff: bool = False
    all_orgs: bool = False
    member_org_ids: frozenset[int] = field(default_factory=frozenset)
    owner_org_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def start(self) -> datetime | None:
        """The period's first moment (local midnight of ``date_from``)."""
        return _local_midnight(self.date_from) if self.date_from else None

    @property
    def end(self) -> datetime | None:
        """The moment after the period (local midnight after ``date_to``)."""
        return _local_midnight(self.date_to + timedelta(days=1)) if self.date_to else None

    def as_query(self) -> dict[str, str]:
        """The filters as GET parameters (the period as explicit dates)."""
        query = {}
        if self.city_slug:
            query["city"] = self.city_slug
        if self.date_from:
            query["from"] = self.date_from.isoformat()
        if self.date_to:
            query["to"] = self.date_to.isoformat()
        return query


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def impact_filters_for(
    *,
    user: User,
    staff: bool,
    city: Organisation | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> ImpactFilters:
    """Filters for ``user``'s dashboard: public, or staff with their organisations."""
    member_ids: frozenset[int] = frozenset()
    owner_ids: frozenset[int] = frozenset()
    all_orgs = False
    if staff:
        all_orgs = bool(is_platform_admin(user))
        member_ids = frozenset(member_organisation_ids(user))
        owner_ids = frozenset(staff_owner_organisation_ids(user))
    return ImpactFilters(
        city_id=city.pk if city else None,
        city_slug=city.slug if city else "",
        date_from=date_from,
        date_to=date_to,
        staff=staff,
        all_orgs=all_orgs,
        member_org_ids=member_ids,
        owner_org_ids=owner_ids,
    )


def staff_owner_organisation_ids(user: User | AnonymousUser | None) -> set[int]:
    """The user's cities and other public bodies (cached on the user for the request)."""
    if user is None or not user.is_authenticated:
        return set()
    cached = getattr(user, "_impact_owner_orgs", None)
    if cached is None:
        ids = member_organisation_ids(user)
        cached = (
            set(Organisation.objects.filter(pk__in=ids, kind__in=Organisation.OWNER_KINDS).values_list("pk", flat=True))
            if ids
            else set()
        )
        user._impact_owner_orgs = cached  # type: ignore[attr-defined]  # cached on the user for the request
    return cached


def visible_challenges(filters: ImpactFilters) -> QuerySet[Challenge]:
    """Challenges the dashboard may count, in the chosen city, whatever their dates.

    Public: published challenges. Staff: also unpublished challenges of their organisations (any
    ownership role); a platform admin: every challenge. City: the organisation is lead or co-owner.
    """
    qs = Challenge.objects.all()
    if not (filters.staff and filters.all_orgs):
        visible: Q | Combinable = Q(published_at__isnull=False)
        if filters.staff and filters.member_org_ids:
            visible |= Exists(
                ChallengeOwnership.objects.filter(challenge=OuterRef("pk"), organisation_id__in=filters.member_org_ids)
            )
        qs = qs.filter(visible)
    if filters.city_id:
        qs = qs.filter(
            Exists(
                ChallengeOwnership.objects.filter(
                    challenge=OuterRef("pk"), organisation_id=filters.city_id, role__in=OWNER_ROLES
                )
            )
        )
    return qs


def challenges_in_period(filters: ImpactFilters) -> QuerySet[Challenge]:
    """Visible challenges dated in the period: published in it (unpublished ones: created in it)."""
    qs = visible_challenges(filters)
    if filters.start:
        qs = qs.filter(Q(published_at__gte=filters.start) | Q(published_at__isnull=True, created_at__gte=filters.start))
    if filters.end:
        qs = qs.filter(Q(published_at__lt=filters.end) | Q(published_at__isnull=True, created_at__lt=filters.end))
    return qs


def moment_in_period(field_name: str, filters: ImpactFilters) -> Q:
    """``field_name`` (a date-time) falls in the period."""
    q = Q()
    if filters.start:
        q &= Q(**{f"{field_name}__gte": filters.start})
    if filters.end:
        q &= Q(**{f"{field_name}__lt": filters.end})
    return q


def day_in_period(field_name: str, filters: ImpactFilters) -> Q:
    """``field_name`` (a date) falls in the period."""
    q = Q()
    if filters.date_from:
        q &= Q(**{f"{field_name}__gte": filters.date_from})
    if filters.date_to:
        q &= Q(**{f"{field_name}__lte": filters.date_to})
    return q


def optional_model(app_label: str, model_name: str) -> type[Model] | None:
    """A model of an app that may not be installed (or not have it yet); None when missing."""
    from django.apps import apps

    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None
