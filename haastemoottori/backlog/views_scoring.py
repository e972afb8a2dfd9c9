"""Scoring a candidate in a city's backlog, and the pairwise "which matters more?" page."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error

from . import services
from .forms import CompareForm, ScoreSheetForm
from .models import PairwiseComparison
from .pairwise import city_pairwise, next_pair, pair_key
from .ranking import SPREAD_FLAG
from .selectors import backlog_candidates, candidate_cities, city_criteria, city_ranking, sheet_of
from .views_common import candidate_or_404, city_or_404

SKIPPED_KEY = "backlog_skipped_pairs"
SKIPPED_MAX = 200


def _score_page(request, city, candidate, *, form=None, status=200):
    criteria = city_criteria(city=city)
    sheet = sheet_of(user=request.user, candidate=candidate, city=city)
    submitted = sheet is not None and sheet.submitted_at is not None
    if form is None:
        form = ScoreSheetForm(criteria=criteria, sheet=sheet, disabled=submitted)
    row = None
    if submitted:  # only now: the aggregate and the spread, never another scorer's sheet
        row = next((r for r in city_ranking(city) if r.candidate_id == candidate.pk), None)
    return render(
        request,
        "backlog/score.html",
        {
            "city": city,
            "candidate": candidate,
            "challenge": candidate.challenge,
            "criteria": criteria,
            "sheet": sheet,
            "submitted": submitted,
            "form": form,
            "row": row,
            "spread_flag": SPREAD_FLAG,
            "criteria_means": [(c, row.criteria.get(c.pk)) for c in criteria] if row else [],
        },
        status=status,
    )


@login_required
def score(request, city, pk: int):
    city = city_or_404(request, city, "backlog.score")
    candidate = candidate_or_404(request, pk)
    if city not in candidate_cities(candidate):
        raise Http404
    if request.method != "POST":
        return _score_page(request, city, candidate)
    criteria = city_criteria(city=city)
    form = ScoreSheetForm(request.POST, criteria=criteria)
    if not form.is_valid():
        return _score_page(request, city, candidate, form=form, status=400)
    submit = request.POST.get("action") == "submit"
    try:
        services.score_sheet_save(
            actor=request.user,
            candidate=candidate,
            city=city,
            values=form.values(),
            comment=form.cleaned_data["comment"],
            submit=submit,
        )
    except ServiceError as exc:
        add_service_error(form, exc)
        return _score_page(request, city, candidate, form=form, status=exc.status)
    messages.success(request, _("Your scores were submitted.") if submit else _("Your draft was saved."))
    return redirect("backlog:score", city.slug, candidate.pk)


def _skipped(request, city) -> set[frozenset]:
    pairs = request.session.get(SKIPPED_KEY, {}).get(str(city.pk), [])
    return {frozenset(p) for p in pairs}


def _skip(request, city, first: int, second: int) -> None:
    stored = request.session.get(SKIPPED_KEY, {})
    pairs = [p for p in stored.get(str(city.pk), []) if set(p) != {first, second}]
    stored[str(city.pk)] = [*pairs, [first, second]][-SKIPPED_MAX:]
    request.session[SKIPPED_KEY] = stored


def _pair(request, city):
    candidates = list(backlog_candidates(city=city).order_by("promoted_at", "id"))
    ids = [c.pk for c in candidates]
    strengths, counts = city_pairwise(city, ids)
    own = Counter(
        pair_key(w, lo)
        for w, lo in PairwiseComparison.objects.filter(organisation=city, voter=request.user).values_list(
            "winner_id", "loser_id"
        )
    )
    order = sorted(ids, key=lambda i: -strengths[i])  # stable: equal strengths keep the promotion order
    found = next_pair(order, counts=counts, own_counts=own, strengths=strengths, skipped=_skipped(request, city))
    by_id = {c.pk: c for c in candidates}
    return (by_id[found[0]], by_id[found[1]]) if found else None, len(candidates), sum(own.values())


@login_required
def pairwise(request, city):
    city = city_or_404(request, city, "backlog.score")
    if request.method == "POST" and request.POST.get("reset") == "skipped":
        stored = request.session.get(SKIPPED_KEY, {})
        stored.pop(str(city.pk), None)
        request.session[SKIPPED_KEY] = stored
        return redirect("backlog:pairwise", city.slug)
    if request.method == "POST":
        form = CompareForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose one of the two candidates, or skip."))
            return redirect("backlog:pairwise", city.slug)
        first, second, choice = (form.cleaned_data[k] for k in ("first", "second", "choice"))
        if choice == "skip":
            _skip(request, city, first, second)
            return redirect("backlog:pairwise", city.slug)
        by_id = {c.pk: c for c in backlog_candidates(city=city).filter(pk__in=[first, second])}
        if len(by_id) != 2:
            messages.error(request, _("These candidates are not in the backlog of %(city)s.") % {"city": city})
            return redirect("backlog:pairwise", city.slug)
        winner, loser = (by_id[first], by_id[second]) if choice == "first" else (by_id[second], by_id[first])
        try:
            services.comparison_record(actor=request.user, city=city, winner=winner, loser=loser)
        except ServiceError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Your answer was saved. Here is the next pair."))
        return redirect("backlog:pairwise", city.slug)
    pair, total, answered = _pair(request, city)
    return render(
        request,
        "backlog/pairwise.html",
        {
            "city": city,
            "pair": pair,
            "total": total,
            "answered": answered,
            "has_skipped": bool(_skipped(request, city)),
        },
    )
