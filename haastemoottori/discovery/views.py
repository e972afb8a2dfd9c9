from django.core.paginator import Paginator
from django.shortcuts import render

from haastemoottori.core.page_cache import cache_public_page
from haastemoottori.search.models import SearchDocument

from .forms import SearchForm
from .results import challenge_results, organisation_results

PAGE_SIZE = 10


@cache_public_page
def search(request):
    """One search box for challenges and organisations; a kind narrows to one list with pages."""
    form = SearchForm(request.GET or None)
    query, kind = "", ""
    if form.is_bound and form.is_valid():
        query, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
    sections = []
    if query:
        for section_kind, results in (
            (SearchDocument.Kind.CHALLENGE, challenge_results),
            (SearchDocument.Kind.ORGANISATION, organisation_results),
        ):
            if kind and kind != section_kind:
                continue
            items = results(query=query)
            page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page") if kind else 1)
            sections.append(
                {
                    "kind": section_kind,
                    "label": SearchDocument.Kind(section_kind).label,
                    "page": page,
                    "total": len(items),
                }
            )
    params = request.GET.copy()
    params.pop("page", None)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "discovery/search.html",
        {
            "form": form,
            "search_query": query,
            "kind": kind,
            "sections": sections,
            "query": params.urlencode(),
        },
        status=status,
    )
