"""The home page and the site's statements."""

from typing import cast

from django.shortcuts import render
from django.utils import timezone

from haastemoottori.challenges.cards import card_rows, challenge_cards
from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.challenges.models import Challenge
from haastemoottori.core import fragments
from haastemoottori.core.page_cache import cache_public_page
from haastemoottori.organisations.models import Organisation
from haastemoottori.platforms.models import DevelopmentPlatform
from haastemoottori.taxonomy.models import Theme


@cache_public_page
def home(request):
    public = card_rows(Challenge.objects.public(), prefetch=False)
    open_now = list(
        public.filter(stage=Stage.OPEN_CALL, call_deadline__gte=timezone.now()).order_by("call_deadline", "id")[:6]
    )
    pilots = list(public.filter(stage=Stage.PILOTING).order_by("-stage_changed_at", "-id")[:3])
    latest = list(public.exclude(stage__in=(Stage.OPEN_CALL, Stage.PILOTING)).order_by("-published_at", "-id")[:6])
    # One batch of cards for the three lists: the page stays within a fixed number of queries.
    cards = challenge_cards(request, [*open_now, *pilots, *latest], prefetched=False)
    cities, themes, platforms = _home_records()
    return render(
        request,
        "site/home.html",
        {
            "open_now": cards[: len(open_now)],
            "pilots": cards[len(open_now) : len(open_now) + len(pilots)],
            "latest": cards[len(open_now) + len(pilots) :],
            "cities": cities,
            "city_feeds": [city for city in cities if city.is_public],  # an unlisted profile has no feed
            "themes": themes,
            "platforms": platforms,
        },
    )


def _compute_home_records() -> tuple[list[Organisation], list[Theme], list[DevelopmentPlatform]]:
    return (
        list(Organisation.objects.cities().defer("description", "capabilities")),
        list(Theme.objects.filter(kind=Theme.Kind.CITY)),
        list(DevelopmentPlatform.objects.select_related("owner")),
    )


def _home_records() -> tuple[list[Organisation], list[Theme], list[DevelopmentPlatform]]:
    """The cities, city themes and platforms the home page lists: public records, from the fragment cache when
    it is on (any change to them bumps the public content generation)."""
    if not fragments.enabled():
        return _compute_home_records()
    key = fragments.fragment_key("home-records", generation=fragments.public_generation(), language="any")
    return cast(
        "tuple[list[Organisation], list[Theme], list[DevelopmentPlatform]]",
        fragments.cached_value(key, _compute_home_records),
    )


@cache_public_page
def accessibility(request):
    return render(request, "site/accessibility.html")


@cache_public_page
def privacy(request):
    return render(request, "site/privacy.html")
