from django.http import HttpResponse
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
    open_now = list(public.filter(stage=Stage.OPEN_CALL, call_deadline__gte=timezone.now())
                    .order_by("call_deadline", "id")[:6])
    pilots = list(public.filter(stage=Stage.PILOTING).order_by("-stage_changed_at", "-id")[:3])
    latest = list(public.exclude(stage__in=(Stage.OPEN_CALL, Stage.PILOTING)).order_by("-published_at", "-id")[:6])
    # One prefetch for the three lists: the page stays within a fixed number of queries.
    challenge_card_prefetch([*open_now, *pilots, *latest])
    return render(request, "core/home.html", {
        "open_now": open_now,
        "latest": latest,
        "pilots": pilots,
        "cities": Organisation.objects.cities().defer("description", "capabilities"),
        "themes": Theme.objects.filter(kind=Theme.Kind.CITY),
        "platforms": DevelopmentPlatform.objects.select_related("owner"),
    })


def healthz(request):
    """Liveness probe for load balancers, and the minimal view the benchmarks compare pages with."""
    return HttpResponse("ok", content_type="text/plain")


@cache_public_page
def accessibility(request):
    return render(request, "core/accessibility.html")


@cache_public_page
def privacy(request):
    return render(request, "core/privacy.html")


def bad_request(request, exception=None):
    return render(request, "core/error.html", {"status": 400}, status=400)


def permission_denied(request, exception=None):
    return render(request, "core/error.html", {"status": 403}, status=403)


def page_not_found(request, exception=None):
    return render(request, "core/error.html", {"status": 404}, status=404)


def server_error(request):
    return render(request, "core/error.html", {"status": 500}, status=500)
