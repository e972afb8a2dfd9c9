"""A cluster's stored figures (counts, centroid, most central signal), recomputed from its accepted members whenever
they change; an automatic cluster left with fewer than two signals dissolves, a curated one only when it is empty,
and one a candidate challenge was promoted from is kept (it is the candidate's provenance)."""

from __future__ import annotations

import numpy as np
from django.db import connection
from django.db.models import Count, Max
from django.utils import timezone

from haastemoottori.search.embeddings import from_bytes, to_bytes

from .embedding import Space, current_space
from .models import Signal, SignalCluster

MIN_AUTOMATIC_SIZE = 2


def cluster_fields(rows: list[tuple], space: Space) -> dict:
    """Counts, centroid and most central signal from member rows
    (pk, embedding, embedding_model, language, city_id, department_id, observed_at)."""
    embedded = [r for r in rows if r[1] is not None and r[2] == space.model]
    fields = {
        "signal_count": len(rows),
        "city_count": len({r[4] for r in rows}),
        "department_count": len({r[5] for r in rows if r[5]}),
        "latest_signal_at": max((r[6] for r in rows), default=None),
        "centroid": None,
        "central_signal_id": None,
        "embedding_model": space.name,
    }
    if embedded:
        vectors = space.transform(np.concatenate([from_bytes(r[1], 1) for r in embedded]), [r[3] for r in embedded])
        mean = vectors.mean(axis=0)
        fields["centroid"] = to_bytes(mean)
        fields["central_signal_id"] = embedded[int((vectors @ mean).argmax())][0]
    elif rows:
        fields["central_signal_id"] = min(r[0] for r in rows)
    return fields


MEMBER_FIELDS = ("pk", "embedding", "embedding_model", "language", "city_id", "department_id", "observed_at")
CLUSTER_COLUMNS = (
    "signal_count",
    "city_count",
    "department_count",
    "latest_signal_at",
    "centroid",
    "central_signal_id",
    "embedding_model",
)


def update_many(model, attnames: list[str], rows: list[tuple]) -> None:
    """``UPDATE … SET … WHERE id = …`` for many rows with different values, as one ``executemany``.

    The rebuild writes thousands of rows: one ORM update per cluster, or ``bulk_update``'s CASE expression
    per column, spent more time building queries than running them. Each value is prepared by its model
    field (bytes, datetimes, keys) as the ORM would; table and column names come from the model."""
    if not rows:
        return
    fields = {f.attname: f for f in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(fields[name].column)} = %s" for name in attnames)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"  # noqa: S608
    prepared = [
        [fields[name].get_db_prep_save(value, connection) for name, value in zip(attnames, row[:-1], strict=True)]
        + [row[-1]]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)


def refresh_clusters(ids) -> None:
    """Recompute the named clusters from their accepted members; dissolve those too small to stay."""
    ids = {i for i in ids if i}
    if not ids:
        return
    space = current_space()
    now = timezone.now()
    members: dict[int, list[tuple]] = {i: [] for i in ids}
    for row in (
        Signal.objects.accepted()
        .filter(cluster_id__in=ids)
        .order_by("pk")
        .values_list("cluster_id", *MEMBER_FIELDS)
        .iterator(chunk_size=2000)
    ):
        members[row[0]].append(row[1:])
    values = []
    for cluster in SignalCluster.objects.filter(pk__in=ids).prefetch_related("candidates"):
        rows = members[cluster.pk]
        if _dissolve_if_small(cluster, len(rows)):
            continue
        fields = cluster_fields(rows, space)
        values.append((*(fields[name] for name in CLUSTER_COLUMNS), now, cluster.pk))
    update_many(SignalCluster, [*CLUSTER_COLUMNS, "updated_at"], values)


def _dissolve_if_small(cluster: SignalCluster, size: int) -> bool:
    if cluster.candidates.all():
        return False
    if size >= MIN_AUTOMATIC_SIZE or (cluster.curated and size):
        return False
    Signal.objects.filter(cluster=cluster).update(cluster=None)
    cluster.delete()
    return True


def refresh_changed_counts() -> None:
    """Every cluster whose stored counts differ from its members (a signal edited, rejected or deleted
    elsewhere) is recomputed. One aggregate query when nothing changed."""
    actual = {
        r["cluster_id"]: r
        for r in Signal.objects.accepted()
        .filter(cluster__isnull=False)
        .values("cluster_id")
        .annotate(
            n=Count("pk"),
            cities=Count("city_id", distinct=True),
            departments=Count("department_id", distinct=True),
            latest=Max("observed_at"),
        )
    }
    changed = []
    for pk, n, cities, departments, latest in SignalCluster.objects.values_list(
        "pk", "signal_count", "city_count", "department_count", "latest_signal_at"
    ):
        r = actual.get(pk)
        now = (r["n"], r["cities"], r["departments"], r["latest"]) if r else (0, 0, 0, None)
        if now != (n, cities, departments, latest):
            changed.append(pk)
    stale_space = SignalCluster.objects.exclude(embedding_model=current_space().name).values_list("pk", flat=True)
    refresh_clusters(set(changed) | set(stale_space))
