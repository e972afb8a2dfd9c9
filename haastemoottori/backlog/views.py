"""The staff pages of the backlog: the cities' ranked backlogs and a candidate's page with its provenance and
publishing. Thin views over the selectors and services; every page works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.core.i18n import current_language

from . import services
from .forms import PublishForm
from .models import ScoreSheet
from .ranking import SPREAD_FLAG
from .rules import can_score
from .selectors import (
    backlog_cities_for_user,
    backlog_for,
    candidate_cities,
    city_criteria,
    city_ranking,
    own_sheet_status,
    results_hidden,
)
from .views_common import CLUSTER_URL_NAMES, SIGNAL_URL_NAMES, candidate_or_404, city_or_404, url_or_none


@login_required
def index(request):
    cities = backlog_cities_for_user(user=request.user)
    if not cities:
        raise PermissionDenied
    return render(request, "backlog/index.html", {"cities": cities})


@login_required
def city_backlog(request, city):
    city = city_or_404(request, city, "backlog.view_backlog")
    backlog = backlog_for(city=city, user=request.user)
    return render(
        request,
        "backlog/city.html",
        {
            "city": city,
            "backlog": backlog,
            "spread_flag": SPREAD_FLAG,
            "can_configure": request.user.has_perm("backlog.configure_criteria", city),
            "has_criteria": bool(city_criteria(city=city)),
        },
    )


def _city_results(request, candidate):
    """The candidate's result in each backlog the viewer may read, hidden until they have submitted their own."""
    sections = []
    for city in candidate_cities(candidate):
        if not request.user.has_perm("backlog.view_backlog", city):
            continue
        status = own_sheet_status(user=request.user, city=city)
        hidden = results_hidden(user=request.user, city=city, status=status, candidate_id=candidate.pk)
        section = {
            "city": city,
            "hidden": hidden,
            "own_status": status.get(candidate.pk, "none"),
            "can_score": can_score(request.user, city),
        }
        if not hidden:
            row = next((r for r in city_ranking(city) if r.candidate_id == candidate.pk), None)
            criteria = city_criteria(city=city)
            section.update(
                {
                    "row": row,
                    "criteria": [(c, row.criteria.get(c.pk) if row else None) for c in criteria],
                    "comments": list(
                        ScoreSheet.objects.filter(candidate=candidate, organisation=city, submitted_at__isnull=False)
                        .exclude(comment="")
                        .order_by("submitted_at")
                        .values_list("comment", flat=True)
                    ),
                }
            )
        sections.append(section)
    return sections


def _candidate_page(request, candidate, *, publish_form=None, status=200):
    can_publish = request.user.has_perm("backlog.publish_candidate", candidate)
    if can_publish and publish_form is None:
        publish_form = PublishForm(required_lang=current_language(), initial_reason=candidate.public_reason)
    signals = list(candidate.signals.all())
    for signal in signals:
        signal.detail_url = url_or_none(SIGNAL_URL_NAMES, signal.pk)
    return render(
        request,
        "backlog/candidate.html",
        {
            "candidate": candidate,
            "challenge": candidate.challenge,
            "cities": candidate_cities(candidate),
            "signals": signals,
            "results": _city_results(request, candidate),
            "cluster_url": url_or_none(CLUSTER_URL_NAMES, candidate.cluster_id) if candidate.cluster_id else None,
            "can_publish": can_publish,
            "publish_form": publish_form,
            "spread_flag": SPREAD_FLAG,
            "can_edit_challenge": request.user.has_perm("challenges.change_challenge", candidate.challenge),
        },
        status=status,
    )


@login_required
def candidate_detail(request, pk: int):
    return _candidate_page(request, candidate_or_404(request, pk))


@login_required
@require_POST
def candidate_publish(request, pk: int):
    candidate = candidate_or_404(request, pk)
    if not request.user.has_perm("backlog.publish_candidate", candidate):
        raise PermissionDenied
    form = PublishForm(request.POST, required_lang=current_language())
    if not form.is_valid():
        return _candidate_page(request, candidate, publish_form=form, status=400)
    was_published = candidate.published_at is not None
    try:
        services.candidate_publish(
            actor=request.user, candidate=candidate, public_reason=form.reason(), language=current_language()
        )
    except ServiceError as exc:
        add_service_error(form, exc)
        return _candidate_page(request, candidate, publish_form=form, status=exc.status)
    messages.success(
        request,
        _("The reason was updated.") if was_published else _("The candidate is published on the coming needs page."),
    )
    return redirect("backlog:candidate", candidate.pk)


@login_required
@require_POST
def candidate_unpublish(request, pk: int):
    candidate = candidate_or_404(request, pk)
    if not request.user.has_perm("backlog.publish_candidate", candidate):
        raise PermissionDenied
    try:
        services.candidate_unpublish(actor=request.user, candidate=candidate)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The candidate was taken off the public pages."))
    return redirect("backlog:candidate", candidate.pk)
