"""Reads for the cluster pages. Clusters hold only accepted signals, which every city's staff may read, so
these take no user: the views check ``signals.view_signals`` first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

import numpy as np
from django.db.models import Exists, OuterRef, Q, QuerySet

from haastemoottori.search.embeddings import from_bytes

from .embedding import current_space
from .models import Signal, SignalCluster

SORTS = {"size": ("-signal_count", "-latest_signal_at", "-id"), "recent": ("-latest_signal_at", "-signal_count", "-id")}


@dataclass(frozen=True)
class ClusterFilters:
    cross_boundary: bool = False
    city: int | None = None
    curated: bool = False
    sort: str = "size"


def cluster_list(*, filters: ClusterFilters) -> QuerySet[SignalCluster]:
    qs = SignalCluster.objects.filter(signal_count__gt=0)
    if filters.cross_boundary:
        qs = qs.filter(Q(city_count__gt=1) | Q(department_count__gt=1))
    if filters.city is not None:
        qs = qs.filter(Exists(Signal.objects.accepted().filter(cluster=OuterRef("pk"), city_id=filters.city)))
    if filters.curated:
        qs = qs.filter(curated=True)
    return (
        qs.select_related("central_signal")
        .defer("centroid", "central_signal__embedding", "central_signal__text")
        .order_by(*SORTS.get(filters.sort, SORTS["size"]))
    )


def cluster_get(*, pk: int) -> SignalCluster | None:
    return (
        SignalCluster.objects.select_related("central_signal").defer("central_signal__embedding").filter(pk=pk).first()
    )


def cluster_signals(*, cluster: SignalCluster) -> list[Signal]:
    return list(
        Signal.objects.accepted()
        .filter(cluster=cluster)
        .select_related("city", "department__organisation")
        .defer("embedding")
        .order_by("-observed_at", "-id")
    )


@dataclass
class Involved:
    name: object
    count: int


def involved(signals: list[Signal]) -> tuple[list[Involved], list[Involved]]:
    """The cities and the departments of a cluster's signals, with how many signals each, most first."""
    cities: dict[int, Involved] = {}
    departments: dict[int, Involved] = {}
    for signal in signals:
        cities.setdefault(signal.city_id, Involved(signal.city, 0)).count += 1
        if signal.department_id:
            departments.setdefault(signal.department_id, Involved(signal.department, 0)).count += 1

    def order(items: Iterable[Involved]) -> list[Involved]:
        return sorted(items, key=lambda i: (-i.count, str(i.name)))

    return order(cities.values()), order(departments.values())


def similar_clusters(*, cluster: SignalCluster, limit: int = 8) -> list[tuple[SignalCluster, float]]:
    """Other clusters nearest to this one (the average similarity between their signals), for merging and
    moving. Empty when this cluster has no centroid yet."""
    space = current_space()
    if not cluster.centroid or cluster.embedding_model != space.name:
        return []
    mine = from_bytes(cluster.centroid, 1)[0]
    rows = list(
        SignalCluster.objects.filter(embedding_model=space.name, centroid__isnull=False, signal_count__gt=0)
        .exclude(pk=cluster.pk)
        .values_list("pk", "centroid")
    )
    if not rows:
        return []
    means = np.concatenate([from_bytes(cast(bytes, r[1]), 1) for r in rows])  # centroid__isnull=False
    sims = means @ mine
    top = np.argsort(-sims, kind="stable")[:limit]
    found = {
        c.pk: c
        for c in SignalCluster.objects.select_related("central_signal")
        .defer("centroid", "central_signal__embedding")
        .filter(pk__in=[rows[i][0] for i in top])
    }
    return [(found[rows[i][0]], float(sims[i])) for i in top if rows[i][0] in found]
