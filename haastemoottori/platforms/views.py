from django.http import Http404
from django.shortcuts import render

from haastemoottori.challenges.models import Challenge
from haastemoottori.challenges.selectors import challenge_list_prefetch
from haastemoottori.core.page_cache import cache_public_page

from .models import DevelopmentPlatform


@cache_public_page
def platform_list(request):
    return render(request, "platforms/list.html",
                  {"platforms": DevelopmentPlatform.objects.select_related("owner")})


@cache_public_page
def platform_detail(request, slug: str):
    platform = DevelopmentPlatform.objects.select_related("owner").filter(slug=slug).first()
    if platform is None:
        raise Http404
    challenges = challenge_list_prefetch(Challenge.objects.public().filter(platform=platform))[:50]
    return render(request, "platforms/detail.html", {"platform": platform, "challenges": challenges})
