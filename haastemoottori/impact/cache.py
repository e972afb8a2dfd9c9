"""The public figures, cached per figure and filter; the staff figures are never cached.

A public figure is the same for everyone who asks with the same filters (city, period) in the same language,
so it is computed once and kept in Django's cache (``CACHES``), shared by the page (its first rows), the
downloads (all rows), anonymous visitors and signed-in people alike. The page's rendered figures (charts and
tables: nothing in them depends on who asks) are kept beside them. Entries are keyed by:

- the public content generation of ``core.page_cache``: every service that changes something public calls
  ``public_content_changed()``, which bumps it when its transaction commits, so a change is counted by the
  next request (the old entries are never read again and expire);
- the time-to-live ``PUBLIC_PAGE_CACHE_SECONDS`` (60 s by default; 0 turns this cache off, as in the tests),
  which bounds what no service reports: a new follower, and time passing (a stay in a stage "until now", the
  last day of a preset period);
- the language (rows hold translated labels), the figure, the row limit and the filters (a preset is
  already resolved to its dates).

Only filters with ``staff=False`` are cached: they count public data only, so an entry can never hold a
draft or anything confidential. Staff figures depend on the person's organisations and count unpublished
challenges whose changes do not bump the generation; they are computed on every request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from haastemoottori.core.page_cache import GENERATION_KEY

from .figures import Figure, figure_compute, figures_for
from .selectors import ImpactFilters

CACHE_VERSION = 1  # bump when Figure's shape changes, so a shared cache never returns an old shape


def _cacheable(filters: ImpactFilters) -> bool:
    public = not (filters.staff or filters.all_orgs or filters.member_org_ids or filters.owner_org_ids)
    return public and settings.PUBLIC_PAGE_CACHE_SECONDS > 0


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def _key(key: str, filters: ImpactFilters, limit: int | None, generation: int) -> str:
    period = f"{filters.date_from or ''}:{filters.date_to or ''}"
    return f"impact:{CACHE_VERSION}:{generation}:{get_language()}:{filters.city_id or ''}:{period}:{limit}:{key}"


def dashboard_figures(
    filters: ImpactFilters, *, limit: int | None = None, keys: list[str] | None = None
) -> list[Figure]:
    """The dashboard's figures (``keys``: only these, unknown keys left out), each with at most ``limit`` rows.

    Public filters: from the cache where present, the rest computed and stored (one cache read and at most
    one write). Staff filters: always computed.
    """
    functions = figures_for(filters)
    keys = list(functions) if keys is None else [key for key in keys if key in functions]
    if not _cacheable(filters):
        return cast("list[Figure]", [figure_compute(key, filters, limit=limit) for key in keys])  # known keys
    generation = _generation()
    cache_keys = {key: _key(key, filters, limit, generation) for key in keys}
    found = cache.get_many(list(cache_keys.values()))
    figures, computed = [], {}
    for key in keys:
        figure = found.get(cache_keys[key])
        if figure is None:
            figure = computed[cache_keys[key]] = figure_compute(key, filters, limit=limit)
        figures.append(figure)
    if computed:
        cache.set_many(computed, settings.PUBLIC_PAGE_CACHE_SECONDS)
    return cast("list[Figure]", figures)  # known keys: never None


def dashboard_figure(key: str, filters: ImpactFilters) -> Figure | None:
    """One whole figure (every row, for a download), or None when the dashboard has no such figure."""
    figures = dashboard_figures(filters, keys=[key])
    return figures[0] if figures else None


def dashboard_html(filters: ImpactFilters, *, limit: int, render: Callable[[list[Figure]], str]) -> str:
    """The page's figures as HTML: ``render`` of ``dashboard_figures(filters, limit=limit)``, from the cache
    for public filters (rendering a dozen charts and tables costs more than reading them from the cache)."""
    if not _cacheable(filters):
        return render(dashboard_figures(filters, limit=limit))
    key = _key("page-html", filters, limit, _generation())
    html = cache.get(key)
    if html is None:
        html = render(dashboard_figures(filters, limit=limit))
        cache.set(key, html, settings.PUBLIC_PAGE_CACHE_SECONDS)
    return html
