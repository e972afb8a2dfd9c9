"""Public challenge pages. Thin: parse input, call selectors, render."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from haastemoottori.audit.selectors import audit_events_for
from haastemoottori.core.page_cache import cache_public_page
from haastemoottori.core.share import ShareCard, share_card
from haastemoottori.search.spelling import did_you_mean

from .cards import card_rows, challenge_cards
from .forms import ChallengeFilterForm
from .lifecycle import MAIN_PATH, Stage
from .models import Challenge, ChallengeOwnership
from .page_parts import challenge_page_parts
from .readiness import readiness_check
from .selectors import ChallengeFilters, challenge_get_visible, challenge_list_public


@cache_public_page
def challenge_list(request):
    form = ChallengeFilterForm(request.GET or None)
    filters = form.to_filters() if form.is_bound else ChallengeFilters()
    qs = challenge_list_public(filters=filters)
    paginator = Paginator(card_rows(qs), settings.LIST_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    status = 400 if form.is_bound and form.errors else 200
    # a misspelt search that found nothing by itself (with filters, dropping one is offered instead)
    narrowed = any((filters.city, filters.theme, filters.stage, filters.platform, filters.language))
    narrowed = narrowed or filters.deadline_within_days is not None
    suggestion = did_you_mean(filters.q) if filters.q and not paginator.count and not narrowed else None
    corrected = query.copy()
    if suggestion:
        corrected["q"] = suggestion
    return render(
        request,
        "challenges/list.html",
        {
            "form": form,
            "page": page,
            "cards": challenge_cards(request, page.object_list, search_query=filters.q),
            "paginator": paginator,
            "query": query.urlencode(),
            "search_query": filters.q,
            "did_you_mean": suggestion,
            "did_you_mean_query": corrected.urlencode() if suggestion else "",
            "drop_filters": _drop_filter_links(form, query) if not paginator.count else [],
        },
        status=status,
    )


# Filters an empty result offers to drop, one link each (sort and page never narrow the list).
_NARROWING = ("q", "city", "theme", "stage", "platform", "language", "deadline")


def _drop_filter_links(form: ChallengeFilterForm, query) -> list[dict[str, str]]:
    """For an empty list: the same list without each active filter in turn (the language one as "all languages")."""
    if not form.is_bound or form.errors:
        return []
    links = []
    for name in _NARROWING:
        value = form.cleaned_data.get(name)
        if not value:
            continue
        field = form.fields[name]
        shown = dict(getattr(field, "choices", ())).get(value, value)
        rest = query.copy()
        rest.pop(name, None)
        links.append({"name": name, "label": str(field.label), "value": str(shown), "query": rest.urlencode()})
    return links


@cache_public_page
def challenge_detail(request, slug: str):
    challenge = challenge_get_visible(slug=slug, user=request.user, page=True)
    if challenge is None:
        raise Http404
    is_owner = request.user.has_perm("challenges.view_challenge_history", challenge)
    history = audit_events_for(target=challenge, public_only=not is_owner)[:50]
    changes = {c.to_stage: c for c in challenge.stage_changes.all()}
    timeline = []
    reached = True
    for stage in MAIN_PATH:
        current = stage == challenge.stage
        timeline.append(
            {"stage": stage, "current": current, "done": reached and not current, "change": changes.get(stage)}
        )
        if current:
            reached = False
    if challenge.stage not in MAIN_PATH:
        timeline = [{**step, "done": step["stage"] in changes} for step in timeline]
    context = {
        "challenge": challenge,
        "timeline": timeline,
        "history": history,
        "is_owner": is_owner,
        "readiness": readiness_check(challenge) if is_owner else None,
        "withdrawn": challenge.stage == Stage.WITHDRAWN,
        "parts": challenge_page_parts(request, challenge),
        "share": _share(challenge, request),
    }
    return render(request, "challenges/detail.html", context)


def _share(challenge: Challenge, request) -> ShareCard | None:
    """The link preview of a public challenge: title and summary in the page's language, the lead's logo."""
    if not challenge.is_public:
        return None
    lead = next((o.organisation for o in challenge.ownerships.all() if o.role == ChallengeOwnership.Role.LEAD), None)
    return share_card(
        request, title=challenge.t.title, description=challenge.t.summary, image=lead.logo if lead else None
    )
