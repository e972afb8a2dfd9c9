"""Staff pages of signal clusters: the list (cross-boundary ones flagged and filterable) and a cluster with its
signals, cities and departments, where editors rename, merge, split and move. Thin: parse, call, render.

Seeing needs ``signals.view_signals``, changing ``signals.curate_clusters``; anonymous visitors are sent to
sign in, other users get 403, an unknown cluster is 404. Every action is a plain POST form (no JavaScript);
bad input re-renders the page with the message and status 400, and nothing changes.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from haastemoottori.core.errors import ServiceError, ServiceValidationError

from .errors import ErrorCode
from .forms_clusters import ClusterFilterForm, MergeForm, RenameForm, SignalsActionForm
from .models import SignalCluster
from .selectors_clusters import ClusterFilters, cluster_get, cluster_list, cluster_signals, involved, similar_clusters
from .services import clusters as services


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _cluster(request, pk: int) -> SignalCluster:
    _require(request, "signals.view_signals")
    cluster = cluster_get(pk=pk)
    if cluster is None:
        raise Http404
    return cluster


@login_required
def cluster_list_view(request):
    _require(request, "signals.view_signals")
    form = ClusterFilterForm(request.GET or None)
    filters = ClusterFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = ClusterFilters(
            cross_boundary=data["cross_boundary"],
            curated=data["curated"],
            city=data["city"].pk if data["city"] else None,
            sort=data["sort"] or "size",
        )
    paginator = Paginator(cluster_list(filters=filters), settings.LIST_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "signals/cluster_list.html",
        {"form": form, "page": page, "paginator": paginator, "query": query.urlencode()},
        status=400 if form.is_bound and form.errors else 200,
    )


def _label(cluster: SignalCluster) -> str:
    return f"#{cluster.pk} {cluster.label}"


def _detail(
    request,
    cluster: SignalCluster,
    *,
    status: int = 200,
    rename_form=None,
    merge_form=None,
    signals_form=None,
    error: str = "",
):
    signals = cluster_signals(cluster=cluster)
    cities, departments = involved(signals)
    can_curate = request.user.has_perm("signals.curate_clusters")
    similar = similar_clusters(cluster=cluster) if can_curate else []
    choices = [(c.pk, _label(c)) for c, _sim in similar]
    chosen = set()
    if signals_form is not None and signals_form.is_bound:
        chosen = {int(v) for v in signals_form.data.getlist("signals") if str(v).isdigit()}
    return render(
        request,
        "signals/cluster_detail.html",
        {
            "cluster": cluster,
            "signals": signals,
            "cities": cities,
            "departments": departments,
            "can_curate": can_curate,
            "similar": similar,
            "error": error,
            "chosen_signals": chosen,
            "rename_form": rename_form or RenameForm(initial_name=cluster.name),
            "merge_form": merge_form or MergeForm(choices=choices),
            "signals_form": signals_form or SignalsActionForm(target_choices=choices),
        },
        status=status,
    )


@login_required
def cluster_detail_view(request, pk: int):
    return _detail(request, _cluster(request, pk))


def _failed(request, cluster, exc: ServiceError, **forms):
    for form in forms.values():
        if exc.field and exc.field in form.fields:
            form.add_error(exc.field, str(exc.message))
            return _detail(request, cluster, status=exc.status, **forms)
    return _detail(request, cluster, status=exc.status, error=str(exc.message), **forms)


@login_required
@require_POST
def cluster_rename_view(request, pk: int):
    cluster = _cluster(request, pk)
    _require(request, "signals.curate_clusters")
    form = RenameForm(request.POST, initial_name=cluster.name)
    if not form.is_valid():
        return _detail(request, cluster, status=400, rename_form=form)
    try:
        services.cluster_rename(actor=request.user, cluster=cluster, name=form.names())
    except ServiceError as exc:
        return _failed(request, cluster, exc, rename_form=form)
    messages.success(request, _("The cluster was renamed."))
    return redirect("signals:cluster-detail", cluster.pk)


@login_required
@require_POST
def cluster_merge_view(request, pk: int):
    cluster = _cluster(request, pk)
    _require(request, "signals.curate_clusters")
    choices = [(c.pk, _label(c)) for c, _sim in similar_clusters(cluster=cluster)]
    form = MergeForm(request.POST, choices=choices)
    if not form.is_valid():
        return _detail(request, cluster, status=400, merge_form=form)
    try:
        merged = services.cluster_merge(actor=request.user, cluster=cluster, others=form.chosen())
    except ServiceError as exc:
        return _failed(request, cluster, exc, merge_form=form)
    messages.success(request, _("The clusters were merged into this one."))
    return redirect("signals:cluster-detail", merged.pk)


@login_required
@require_POST
def cluster_signals_view(request, pk: int):
    """Split the chosen signals into a new cluster, move them to another cluster, or take them out."""
    cluster = _cluster(request, pk)
    _require(request, "signals.curate_clusters")
    choices = [(c.pk, _label(c)) for c, _sim in similar_clusters(cluster=cluster)]
    form = SignalsActionForm(request.POST, target_choices=choices)
    if not form.is_valid():
        return _detail(request, cluster, status=400, signals_form=form)
    action, chosen = form.cleaned_data["action"], form.cleaned_data["signals"]
    try:
        if action == form.SPLIT:
            new = services.cluster_split(actor=request.user, cluster=cluster, signals=chosen, name=form.names())
            messages.success(request, _("The chosen signals now form cluster #%(n)s.") % {"n": new.pk})
        elif action == form.MOVE:
            target = _target(form)
            moved = services.signals_move(actor=request.user, signals=chosen, source=cluster, target=target)
            messages.success(
                request,
                ngettext(
                    "%(n)s signal was moved to cluster #%(c)s.", "%(n)s signals were moved to cluster #%(c)s.", moved
                )
                % {"n": moved, "c": target.pk},
            )
        else:
            moved = services.signals_move(actor=request.user, signals=chosen, source=cluster, target=None)
            messages.success(
                request,
                ngettext(
                    "%(n)s signal was taken out of the cluster.", "%(n)s signals were taken out of the cluster.", moved
                )
                % {"n": moved},
            )
    except ServiceError as exc:
        return _failed(request, cluster, exc, signals_form=form)
    if SignalCluster.objects.filter(pk=cluster.pk).exists():
        return redirect("signals:cluster-detail", cluster.pk)
    return redirect("signals:cluster-list")  # every signal left: the cluster is gone


def _target(form: SignalsActionForm) -> SignalCluster:
    pk = form.target_id()
    target = SignalCluster.objects.filter(pk=pk).first() if pk else None
    if target is None:
        raise ServiceValidationError(
            ErrorCode.UNKNOWN_TARGET,
            _("Choose an existing cluster to move the signals to.")
            if pk
            else _("Choose the cluster to move the signals to."),
            field="target",
        )
    return target
