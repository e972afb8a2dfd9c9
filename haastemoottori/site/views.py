"""The home page and the site's statements."""

from django.shortcuts import render
from django.utils import timezone

from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.challenges.models import Challenge
from haastemoottori.challenges.selectors import challenge_card_base, challenge_card_prefetch
from haastemoottori.core.page_cache import cache_public_page
from haastemoottori.organisations.models import Organisation
from haastemoottori.platforms.models import DevelopmentPlatform
from haastemoottori.taxonomy.models import Theme


@cache_public_page
def home(request):
    public = challenge_card_base(Challenge.objects.public())
    open_now = list(
        public.filter(stage=Stage.OPEN_CALL, call_deadline__gte=timezone.now()).order_by("call_deadline", "id")[:6]
    )
    pilots = list(public.filter(stage=Stage.PILOTING).order_by("-stage_changed_at", "-id")[:3])
    latest = list(public.exclude(stage__in=(Stage.OPEN_CALL, Stage.PILOTING)).order_by("-published_at", "-id")[:6])
    # One prefetch for the three lists: the page stays within a fixed number of queries.
    challenge_card_prefetch([*open_now, *pilots, *latest])
    cities = list(Organisation.objects.cities().defer("description", "capabilities"))
    return render(
        request,
        "site/home.html",
        {
            "open_now": open_now,
            "latest": latest,
            "pilots": pilots,
            "cities": cities,
            "city_feeds": [city for city in cities if city.is_public],  # an unlisted profile has no feed
            "themes": Theme.objects.filter(kind=Theme.Kind.CITY),
            "platforms": DevelopmentPlatform.objects.select_related("owner"),
        },
    )


@cache_public_page
def accessibility(request):
    return render(request, "site/accessibility.html")


@cache_public_page
def privacy(request):
    return render(request, "site/privacy.html")
