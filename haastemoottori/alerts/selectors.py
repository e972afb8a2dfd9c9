"""Reads for alerts: what a person follows, saved searches as list filters, and the challenges feeds show."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import QueryDict

from haastemoottori.notifications.models import AlertPreference

from .models import Follow, SavedSearch

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge
    from haastemoottori.challenges.selectors import ChallengeFilters
    from haastemoottori.organisations.models import Organisation
    from haastemoottori.taxonomy.models import Theme

# The public list's filters a saved search keeps (sorting and paging are not part of a search).
FILTER_PARAMS = ("q", "city", "theme", "stage", "platform", "deadline", "language")
FEED_SIZE = 50


def filters_query(cleaned_data: dict[str, Any]) -> str:
    """The normalised query string of valid filter values: known filters only, non-empty, in a fixed order."""
    values = {name: str(cleaned_data.get(name) or "") for name in FILTER_PARAMS}
    values["q"] = " ".join(values["q"].split())
    return urlencode(sorted((name, value) for name, value in values.items() if value))


def user_follows_challenge(*, user: User | AnonymousUser, challenge: Challenge) -> bool:
    return user.is_authenticated and Follow.objects.filter(user=user, challenge=challenge).exists()


def user_follows_theme(*, user: User | AnonymousUser, theme_slug: str) -> bool:
    return user.is_authenticated and Follow.objects.filter(user=user, theme__slug=theme_slug).exists()


def user_follows_organisation(*, user: User | AnonymousUser, organisation: Organisation) -> bool:
    return user.is_authenticated and Follow.objects.filter(user=user, organisation=organisation).exists()


def user_saved_search(*, user: User | AnonymousUser, query: str) -> SavedSearch | None:
    if not user.is_authenticated or not query:
        return None
    return SavedSearch.objects.filter(user=user, query=query).first()


def followed_challenges(*, user: User) -> QuerySet[Challenge]:
    from haastemoottori.challenges.models import Challenge
    from haastemoottori.challenges.selectors import challenge_list_prefetch

    return challenge_list_prefetch(Challenge.objects.public().filter(follows__user=user)).order_by("-published_at")


def follows_for_user(*, user: User) -> list[Follow]:
    """Everything a person follows, one query; a challenge that is not public is left out."""
    follows = (
        Follow.objects.filter(user=user)
        .select_related("challenge", "theme", "organisation", "saved_search")
        .defer(
            *(f"challenge__{name}" for name in _CHALLENGE_UNUSED),
            "organisation__description",
            "organisation__capabilities",
            "organisation__offering",
        )
        .order_by("kind", "-created_at", "-id")
    )
    return [
        f for f in follows if f.kind != Follow.Kind.CHALLENGE or (f.challenge is not None and f.challenge.is_public)
    ]


_CHALLENGE_UNUSED = (
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


def preference_for_user(*, user: User) -> AlertPreference:
    """The stored preference, or an unsaved default (weekly) for someone who has not followed anything yet."""
    return AlertPreference.objects.filter(user=user).first() or AlertPreference(user=user)


def search_filters(*, query: str) -> ChallengeFilters:
    """The list filters a saved query string stands for (invalid values are dropped, as on the list page)."""
    from haastemoottori.challenges.forms import ChallengeFilterForm

    params = QueryDict(query)
    form = ChallengeFilterForm({name: params.get(name) or "" for name in FILTER_PARAMS})
    return form.to_filters()


def saved_search_describe(*, query: str) -> str:
    """A readable name for a search in the active language, e.g. ‘“heating”, Theme: Sustainable cities’."""
    from haastemoottori.challenges.forms import ChallengeFilterForm

    params = QueryDict(query)
    form = ChallengeFilterForm({name: params.get(name) or "" for name in FILTER_PARAMS})
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    parts = []
    for name in FILTER_PARAMS:
        value = data.get(name)
        if not value:
            continue
        field: Any = form.fields[name]  # a ChoiceField, except "q"
        if name == "q":
            parts.append(f"“{value}”")
        else:
            parts.append(f"{field.label}: {dict(field.choices).get(value, value)}")
    return ", ".join(parts)


def challenges_public_for_theme(*, theme: Theme) -> QuerySet[Challenge]:
    from haastemoottori.challenges.models import Challenge

    return Challenge.objects.public().filter(
        pk__in=Challenge.themes.through.objects.filter(theme=theme).values("challenge_id")
    )


def challenges_public_for_organisation(*, organisation: Organisation) -> QuerySet[Challenge]:
    from haastemoottori.challenges.models import Challenge, ChallengeOwnership

    return Challenge.objects.public().filter(
        pk__in=ChallengeOwnership.objects.filter(organisation=organisation).values("challenge_id")
    )


def challenges_public_for_search(*, query: str) -> QuerySet[Challenge]:
    from haastemoottori.challenges.selectors import challenge_list_public

    return challenge_list_public(filters=search_filters(query=query))


def feed_items(qs: QuerySet[Challenge]) -> list[Challenge]:
    """Newest public challenges first, at most FEED_SIZE, with their themes (for categories)."""
    return list(qs.defer(*_CHALLENGE_UNUSED).prefetch_related("themes").order_by("-published_at", "-id")[:FEED_SIZE])
