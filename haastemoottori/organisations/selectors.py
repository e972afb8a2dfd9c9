from django.db.models import Count, Prefetch, Q, QuerySet

from haastemoottori.challenges.models import Challenge
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
    return Organisation.objects.owners().annotate(
        public_challenges=Count("challenge_ownerships",
                                filter=Q(challenge_ownerships__challenge__published_at__isnull=False))
    ).order_by("kind", "slug")
