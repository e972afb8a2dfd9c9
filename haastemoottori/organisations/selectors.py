from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from haastemoottori.challenges.models import Challenge, ChallengeOwnership
from haastemoottori.challenges.selectors import challenge_list_prefetch

from .models import Department, Organisation


def organisation_get_public(*, slug: str) -> Organisation | None:
    return (
        Organisation.objects.prefetch_related(
            "identifiers", "industry_codes", "themes",
            Prefetch("departments", queryset=Department.objects.order_by("slug")),
        )
        .filter(slug=slug)
        .first()
    )


def organisation_public_challenges(*, organisation: Organisation) -> QuerySet[Challenge]:
    qs = Challenge.objects.public().filter(
        pk__in=organisation.challenge_ownerships.values("challenge_id")
    )
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
        .defer("description", "capabilities")
        .annotate(public_challenges=Coalesce(Subquery(public_count), 0))
        .order_by("kind", "slug")
    )
