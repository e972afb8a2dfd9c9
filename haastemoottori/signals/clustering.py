"""Placing accepted signals in clusters, incrementally after every change, and in full with ``rebuild``.

Incremental (``cluster_pending``, run by the background task after signals are added or changed): accepted
signals whose text, language or embedding model changed are embedded in batches; in the same transaction
each batch is stored and placed, so a stopped run resumes with what is still stale and an embedded signal
is always a placed one. A signal joins the cluster with the highest average similarity to its members
when that reaches the threshold (``grouping``); the others are grouped by average linkage with the signals
still outside any cluster. A lone signal stays outside: a cluster means several observations of one need.
Signals staff placed (``cluster_pinned``) are never moved, and an edited signal in a cluster is placed again.

Counts, centroid and most central signal of a cluster are recomputed whenever its members change; an
automatic cluster left with fewer than two signals dissolves, a curated one only when it is empty (a
cluster a candidate challenge was promoted from is kept whatever happens: it is the candidate's provenance).

All writes take one lock (a PostgreSQL advisory lock; SQLite serialises writers anyway), so the background
task, a rebuild and staff actions never interleave.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import numpy as np
from django.db import connection, transaction

from haastemoottori.search.embeddings import from_bytes, get_embedder, to_bytes

from .cluster_stats import (
    CLUSTER_COLUMNS,
    MEMBER_FIELDS,
    MIN_AUTOMATIC_SIZE,
    cluster_fields,
    refresh_changed_counts,
    refresh_clusters,
    update_many,
)
from .embedding import Space, current_space, embed_texts, embedded_text, text_hash
from .grouping import best_match, group
from .models import Signal, SignalCluster

logger = logging.getLogger(__name__)

LOCK_KEY = 7_204_117  # pg_advisory_xact_lock key of signal clustering
Progress = Callable[[int], None] | None


def lock() -> None:
    """Serialise clustering writes (call inside a transaction)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


@dataclass
class Stale:
    pk: int
    hash: str
    text: str


def stale_signals() -> list[Stale]:
    """Accepted signals never embedded, or whose language, title, text or embedding model changed."""
    model = get_embedder().name
    out = []
    rows = (
        Signal.objects.accepted()
        .order_by("pk")
        .values_list("pk", "language", "title", "text", "embedding_hash", "embedding_model")
    )
    for pk, language, title, text, stored_hash, stored_model in rows.iterator(chunk_size=2000):
        current = text_hash(language, title, text)
        if stored_model != model or stored_hash != current:
            out.append(Stale(pk, current, embedded_text(title, text)))
    return out


def detach_inactive() -> set[int]:
    """Signals no longer accepted (rejected, or back in moderation) leave their clusters."""
    qs = Signal.objects.exclude(status=Signal.Status.ACCEPTED).filter(cluster__isnull=False)
    touched = set(qs.values_list("cluster_id", flat=True))
    if touched:
        qs.update(cluster=None, cluster_pinned=False)
    return touched


def cluster_pending(*, batch_size: int = 32, progress: Progress = None) -> int:
    """Embed and place every stale accepted signal; then bring every cluster's counts up to date.
    Returns how many signals were embedded."""
    with transaction.atomic():
        lock()
        refresh_clusters(detach_inactive())
    done = 0
    stale = stale_signals()
    for start in range(0, len(stale), batch_size):
        batch = stale[start : start + batch_size]
        vectors = embed_texts([s.text for s in batch])  # outside the transaction: the slow part
        with transaction.atomic():
            lock()
            done += _store_and_place(batch, vectors)
        if progress:
            progress(len(batch))
    with transaction.atomic():
        lock()
        refresh_changed_counts()
    return done


def _store_and_place(batch: list[Stale], vectors: np.ndarray) -> int:
    space = current_space()
    rows = {
        r[0]: r
        for r in Signal.objects.select_for_update()
        .filter(pk__in=[s.pk for s in batch])
        .values_list("pk", "status", "language", "title", "text", "embedding_hash", "cluster_id", "cluster_pinned")
    }
    movers: list[tuple[int, str, np.ndarray, int | None]] = []
    touched: set[int] = set()
    stored: list[Signal] = []
    for item, vector in zip(batch, vectors, strict=True):
        row = rows.get(item.pk)
        if row is None or row[1] != Signal.Status.ACCEPTED or text_hash(row[2], row[3], row[4]) != item.hash:
            continue  # deleted, rejected or edited meanwhile: the next run takes it
        _pk, _status, language, _title, _text, old_hash, cluster_id, pinned = row
        stored.append(
            Signal(pk=item.pk, embedding=to_bytes(vector), embedding_model=space.model, embedding_hash=item.hash)
        )
        if cluster_id:
            touched.add(cluster_id)
        # a pinned signal stays; so does one whose embedding model alone changed (its text is the same)
        if pinned or (cluster_id and old_hash == item.hash):
            continue
        movers.append((item.pk, language, vector, cluster_id))
    Signal.objects.bulk_update(stored, ["embedding", "embedding_model", "embedding_hash"])
    touched |= place(movers, space)
    refresh_clusters(touched)
    merge_close_clusters(touched, space)
    return len(stored)


def merge_close_clusters(ids: set[int], space: Space) -> None:
    """Average linkage, continued: an automatic cluster among ``ids`` whose members are on average similar
    enough to another cluster's merges into it (two clusters of one need, started before they met). Curated
    clusters absorb automatic ones but never each other; a cluster a candidate came from is never absorbed."""
    rows = list(
        SignalCluster.objects.filter(embedding_model=space.name, centroid__isnull=False).values_list(
            "pk", "centroid", "curated", "signal_count"
        )
    )
    if len(rows) < 2:
        return
    promoted = set(SignalCluster.objects.filter(candidates__isnull=False).values_list("pk", flat=True))
    pks = [r[0] for r in rows]
    index = {pk: n for n, pk in enumerate(pks)}
    means = np.concatenate([from_bytes(cast(bytes, r[1]), 1) for r in rows])  # centroid__isnull=False
    sizes = np.array([max(r[3], 1) for r in rows], dtype=np.float64)
    fixed = np.array([r[2] or r[0] in promoted for r in rows])
    alive = np.ones(len(rows), bool)
    pending = [index[pk] for pk in sorted(ids) if pk in index]
    while pending:
        a = pending.pop()
        if not alive[a]:
            continue
        sims = means @ means[a]
        sims[a] = -np.inf
        sims[~alive] = -np.inf
        if fixed[a]:
            sims[fixed] = -np.inf  # a curated cluster only absorbs automatic ones
        b = int(sims.argmax())
        if sims[b] < space.threshold:
            continue
        keep, gone = (a, b) if fixed[a] or (not fixed[b] and sizes[a] >= sizes[b]) else (b, a)
        Signal.objects.filter(cluster_id=pks[gone]).update(cluster_id=pks[keep])
        SignalCluster.objects.filter(pk=pks[gone]).delete()
        means[keep] = (means[keep] * sizes[keep] + means[gone] * sizes[gone]) / (sizes[keep] + sizes[gone])
        sizes[keep] += sizes[gone]
        alive[gone] = False
        refresh_clusters([pks[keep]])
        pending.append(keep)


def place(movers: list[tuple[int, str, np.ndarray, int | None]], space: Space) -> set[int]:
    """Put (pk, language, raw vector, current cluster) signals in clusters. Returns the clusters touched."""
    if not movers:
        return set()
    vectors = space.transform(np.stack([m[2] for m in movers]), [m[1] for m in movers])
    clusters = list(
        SignalCluster.objects.filter(embedding_model=space.name, centroid__isnull=False).values_list(
            "pk", "centroid", "signal_count"
        )
    )
    ids = [c[0] for c in clusters]
    means = (
        np.stack([from_bytes(cast(bytes, c[1]), 1)[0] for c in clusters])
        if clusters
        else np.zeros((0, vectors.shape[1]), np.float32)
    )
    sizes = np.array([max(c[2], 1) for c in clusters], dtype=np.float64)
    target: dict[int, int | None] = {}
    left = []
    for row, (pk, _lang, _vec, _old) in enumerate(movers):
        j, similarity = best_match(vectors[row], means)
        if j >= 0 and similarity >= space.threshold:
            target[pk] = ids[j]
            means[j] = (means[j] * sizes[j] + vectors[row]) / (sizes[j] + 1)
            sizes[j] += 1
        else:
            target[pk] = None
            left.append(row)
    created: set[int] = set()
    if left:
        joined, created = _group_leftovers([movers[r][0] for r in left], vectors[left], space)
        target.update(joined)
    by_cluster: dict[int | None, list[int]] = {}
    for pk, _lang, _vec, old in movers:
        if target[pk] != old:
            by_cluster.setdefault(target[pk], []).append(pk)
    for cluster_id, pks in by_cluster.items():
        Signal.objects.filter(pk__in=pks).update(cluster_id=cluster_id)
    return {c for c in target.values() if c} | {m[3] for m in movers if m[3]} | created


def _group_leftovers(pks: list[int], vectors: np.ndarray, space: Space) -> tuple[dict[int, int], set[int]]:
    """Signals that joined no cluster, grouped with each other and with the signals still outside any
    cluster that reach the threshold with one of them. Returns ({signal pk: new cluster pk}, new clusters);
    signals outside any cluster that joined a new one are moved here."""
    pool = list(
        Signal.objects.accepted()
        .filter(cluster__isnull=True, cluster_pinned=False, embedding_model=space.model)
        .exclude(pk__in=pks)
        .values_list("pk", "embedding", "language")
    )
    pool_pks: list[int] = []
    if pool:
        others = space.transform(
            np.concatenate([from_bytes(cast(bytes, p[1]), 1) for p in pool]),  # embedded
            [p[2] for p in pool],
        )
        near = ((vectors @ others.T) >= space.threshold).any(axis=0)
        pool_pks = [p[0] for p, ok in zip(pool, near, strict=True) if ok]
        vectors = np.concatenate([vectors, others[near]])
    everyone = pks + pool_pks
    labels = group(vectors, space.threshold, min_size=MIN_AUTOMATIC_SIZE)
    joined: dict[int, int] = {}
    created: set[int] = set()
    from_pool = set(pool_pks)
    for label in sorted(set(labels.tolist()) - {-1}):
        members = [everyone[i] for i in np.flatnonzero(labels == label)]
        cluster = SignalCluster.objects.create(embedding_model=space.name)
        created.add(cluster.pk)
        joined.update(dict.fromkeys(members, cluster.pk))
        outside = [pk for pk in members if pk in from_pool]
        if outside:
            Signal.objects.filter(pk__in=outside).update(cluster_id=cluster.pk)
    mine = set(pks)
    return {pk: c for pk, c in joined.items() if pk in mine}, created


@dataclass
class RebuildResult:
    embedded: int
    signals: int
    clusters: int
    kept: int
    unclustered: int
    embedding_seconds: float
    grouping_seconds: float


def rebuild(*, batch_size: int = 32, progress: Progress = None) -> RebuildResult:
    """Cluster every accepted signal again. Clusters staff curated (and those a candidate was promoted from,
    or holding a signal staff placed) stay with all their signals and may gain more; automatic clusters
    are dissolved and their signals grouped again with every other free signal.

    Resumable: embedding is committed batch by batch (``cluster_pending``); the regrouping that follows
    takes seconds and is one transaction, so a stopped rebuild leaves the clusters as they were."""
    started = time.monotonic()
    embedded = cluster_pending(batch_size=batch_size, progress=progress)
    embedding_seconds = time.monotonic() - started
    started = time.monotonic()
    with transaction.atomic():
        lock()
        refresh_clusters(detach_inactive())
        result = _regroup(current_space())
    return RebuildResult(
        embedded=embedded, embedding_seconds=embedding_seconds, grouping_seconds=time.monotonic() - started, **result
    )


def _regroup(space: Space) -> dict:
    rows = list(Signal.objects.accepted().order_by("pk").values_list("cluster_id", "cluster_pinned", *MEMBER_FIELDS))
    curated = dict(SignalCluster.objects.values_list("pk", "curated"))
    kept = (
        {pk for pk, is_curated in curated.items() if is_curated}
        | set(SignalCluster.objects.filter(candidates__isnull=False).values_list("pk", flat=True))
        | {r[0] for r in rows if r[1] and r[0]}
    )
    usable = [i for i, r in enumerate(rows) if r[3] is not None and r[4] == space.model]
    vectors = (
        space.transform(np.concatenate([from_bytes(rows[i][3], 1) for i in usable]), [rows[i][5] for i in usable])
        if usable
        else np.zeros((0, 1), np.float32)
    )
    position = {i: n for n, i in enumerate(usable)}
    kept_ids = sorted(kept)
    members_of: dict[int, list[int]] = {c: [] for c in kept_ids}
    for i in usable:
        if rows[i][0] in members_of:
            members_of[rows[i][0]].append(position[i])
    fixed = [
        (vectors[m].sum(axis=0) if m else np.zeros(vectors.shape[1], np.float32), len(m)) for m in members_of.values()
    ]
    free = [i for i in range(len(rows)) if not rows[i][1] and rows[i][0] not in kept]
    free_usable = [i for i in free if i in position]
    labels = (
        group(vectors[[position[i] for i in free_usable]], space.threshold, fixed=fixed, min_size=MIN_AUTOMATIC_SIZE)
        if free_usable
        else np.zeros(0, np.int64)
    )
    target: dict[int, int | None] = dict.fromkeys(free)  # row index -> cluster pk
    unused = {pk for pk in curated if pk not in kept}
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    needs_new = []
    for part in np.split(order, bounds):
        label = int(labels[part[0]]) if len(part) else -1
        if label < 0:
            continue
        members = [free_usable[n] for n in part]
        if label < len(kept_ids):
            cluster_id = kept_ids[label]
        else:  # keep an old automatic cluster's number when most of a new group was in it
            old = Counter(rows[i][0] for i in members if rows[i][0] in unused)
            cluster_id = max(old, key=lambda c: (old[c], -c)) if old else None
            if cluster_id is not None:
                unused.discard(cluster_id)
        if cluster_id is None:
            needs_new.append(members)
        for i in members:
            target[i] = cluster_id
    created = SignalCluster.objects.bulk_create([SignalCluster(embedding_model=space.name) for _m in needs_new])
    for cluster, members in zip(created, needs_new, strict=True):
        for i in members:
            target[i] = cluster.pk
    update_many(
        Signal,
        ["cluster_id"],
        [(cluster_id, rows[i][2]) for i, cluster_id in target.items() if rows[i][0] != cluster_id],
    )
    SignalCluster.objects.filter(pk__in=unused).delete()
    final: dict[int, list[tuple]] = {}
    for i, r in enumerate(rows):
        cluster_id = target[i] if i in target else r[0]
        if cluster_id:
            final.setdefault(cluster_id, []).append(r[2:])
    empty_kept = [c for c in kept_ids if c not in final]
    refresh_clusters(empty_kept)  # a curated cluster whose signals all left dissolves (unless promoted)
    values = []
    for pk in SignalCluster.objects.filter(pk__in=list(final)).values_list("pk", flat=True):
        fields = cluster_fields(final[pk], space)
        values.append((*(fields[name] for name in CLUSTER_COLUMNS), pk))
    update_many(SignalCluster, list(CLUSTER_COLUMNS), values)
    return {
        "signals": len(rows),
        "clusters": SignalCluster.objects.count(),
        "kept": len(kept_ids),
        "unclustered": sum(1 for i, r in enumerate(rows) if not (target[i] if i in target else r[0])),
    }
