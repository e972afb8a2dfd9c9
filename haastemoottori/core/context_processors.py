from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import translate_url
from django.utils.encoding import escape_uri_path, iri_to_uri

from .i18n import current_language
from .share import og_locale


def _page_query(request) -> str:
    """The only query parameter that names a different page of content: ``page`` (beyond the first)."""
    page = request.GET.get("page", "")
    return f"?page={page}" if page.isdigit() and int(page) > 1 else ""


def _absolute(request, path: str) -> str:
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:  # the 400 page for a request with a bad Host header still renders
        return ""


def site(request):
    """Site name, the language switch, and the page's canonical and hreflang addresses (without filters and
    search terms: the same page in each language)."""
    query_string = iri_to_uri(request.META.get("QUERY_STRING", ""))
    page_query = _page_query(request)
    language = current_language()
    alternates, hreflang = [], []
    for code, name in settings.LANGUAGES:
        path = translate_url(escape_uri_path(request.path), code)
        alternates.append({"code": code, "name": name, "url": f"{path}?{query_string}" if query_string else path})
        hreflang.append({"code": code, "url": _absolute(request, path + page_query)})
    canonical = _absolute(request, escape_uri_path(request.path) + page_query)
    default = next((alt["url"] for alt in hreflang if alt["code"] == settings.LANGUAGE_CODE), "")
    if default:  # as in the sitemap: the address without a language, which sends each visitor to theirs
        prefix = f"/{settings.LANGUAGE_CODE}/"
        hreflang.append({"code": "x-default", "url": default.replace(prefix, "/", 1)})
    return {
        "site_name": settings.SITE_NAME,
        "language_alternates": alternates,
        "hreflang_alternates": hreflang if canonical else [],
        "canonical_url": canonical,
        "og_locale": og_locale(language),
        "og_locale_alternates": [og_locale(code) for code, _name in settings.LANGUAGES if code != language],
        "current_language": language,
    }
