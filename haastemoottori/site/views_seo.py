"""What search engines read outside the language-prefixed pages: the sitemap and robots.txt."""

from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe

from haastemoottori.core.page_cache import cache_public_page

from .sitemaps import SITEMAPS


@require_safe
@cache_public_page
def sitemap_xml(request):
    response = sitemap(request, sitemaps=SITEMAPS)
    return response.render()  # rendered here so that the page cache can keep it


@require_safe
@cache_public_page
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    body = render_to_string("site/robots.txt", {"sitemap_url": sitemap_url})
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
