"""Promote a cluster of signals, or one signal, to a draft challenge (reached from the cluster and signal pages)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.core.i18n import current_language
from haastemoottori.organisations.models import Organisation
from haastemoottori.organisations.rules import is_platform_admin
from haastemoottori.signals.models import Signal, SignalCluster
from haastemoottori.signals.rules import editor_city_ids

from . import services
from .forms import PromoteForm
from .selectors import promotions_for


def _check(request) -> None:
    if not (request.user.has_perm("backlog.promote") and request.user.has_perm("signals.view_signals")):
        raise PermissionDenied


def _leads(user):
    qs = Organisation.objects.owners().order_by("slug")
    return qs if is_platform_admin(user) else qs.filter(pk__in=editor_city_ids(user))


def _promote(request, *, cluster=None, signal=None):
    signals = services.promotion_signals(cluster=cluster, signal=signal)
    leads = _leads(request.user)
    language = current_language()
    existing = (
        promotions_for(user=request.user, cluster=cluster)
        if cluster is not None
        else promotions_for(user=request.user, signal=signal)
    )
    form = None
    status = 200
    preview_lead = leads.first()
    if signals and not existing:
        preview = services.promotion_prefill(signals=signals, cluster=cluster, lead=preview_lead, language=language)
        co_owner_choices = Organisation.objects.owners().filter(pk__in=[c.pk for c in preview.cities]).order_by("slug")
        form = PromoteForm(
            request.POST or None,
            leads=leads,
            co_owner_choices=co_owner_choices,
            initial={"title": preview.title, "lead": preview_lead},
        )
        if request.method == "POST":
            status = 400
            if form.is_valid():
                try:
                    candidate = services.candidate_promote(
                        request.user,
                        cluster=cluster,
                        signal=signal,
                        lead=form.cleaned_data["lead"],
                        co_owners=list(form.cleaned_data.get("co_owners") or []),
                        title=form.cleaned_data["title"],
                        language=language,
                    )
                except ServiceError as exc:
                    add_service_error(form, exc)
                    status = exc.status
                else:
                    messages.success(
                        request,
                        _(
                            "The draft challenge was created. Edit it before anyone reviews "
                            "it: the observations may contain residents' own words."
                        ),
                    )
                    return redirect("backlog:candidate", candidate.pk)
    else:
        preview = None
        if request.method == "POST":
            status = 409 if existing else 400
    return render(
        request,
        "backlog/promote.html",
        {
            "cluster": cluster,
            "signal": signal,
            "signals": signals,
            "preview": preview,
            "form": form,
            "existing": existing,
        },
        status=status,
    )


@login_required
def promote_cluster(request, pk: int):
    _check(request)
    return _promote(request, cluster=get_object_or_404(SignalCluster, pk=pk))


@login_required
def promote_signal(request, pk: int):
    _check(request)
    return _promote(request, signal=get_object_or_404(Signal, pk=pk))
