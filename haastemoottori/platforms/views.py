from django.http import Http404
from django.shortcuts import render

from haastemoottori.core.page_cache import cache_public_page
from haastemoottori.core.share import share_card

from .models import DevelopmentPlatform


@cache_public_page
def platform_list(request):
    return render(request, "platforms/list.html", {"platforms": DevelopmentPlatform.objects.select_related("owner")})


@cache_public_page
def platform_detail(request, slug: str):
    platform = DevelopmentPlatform.objects.select_related("owner").filter(slug=slug).first()
    if platform is None:
        raise Http404
    # The platform's public challenges come from the challenge app's template tag (it sits above platforms).
    share = share_card(request, title=platform.t.name, description=platform.t.description, kind="website")
    return render(request, "platforms/detail.html", {"platform": platform, "share": share})
