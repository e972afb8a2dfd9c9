"""Signal clustering bench, speed: grouping 20,000 synthetic vectors in memory, the product's rebuild and placement on a
database, and embedding throughput (run through run_clustering.py: scale, scale-db, embed-speed)."""

from __future__ import annotations

import math
import os
import resource
import sys
import time
import tracemalloc
from collections import Counter

import numpy as np
from clustering_data import corpus_vectors, labelled

from haastemoottori.search.embeddings import get_embedder
from haastemoottori.signals import grouping


def synthetic(n: int, noise: float, seed: int, *, recentre: bool) -> tuple[np.ndarray, list[str]]:
    """n vectors: the embedded texts, each copied ~n/1,800 times with Gaussian noise, normalised again.

    The Challenge.gov and SBIR titles are technology topics far from the city signals the space was
    calibrated on: in the calibrated space they share a common part (average similarity 0.32–0.40, above
    the threshold) and fall into one cluster. With ``recentre`` each of those sources is first shifted so
    that its mean is the calibrated English mean (what calibrating on them would do), which gives a cluster
    structure like that of real signals; without it the run is the worst case of one giant cluster."""
    from haastemoottori.signals.embedding import current_space

    base, langs, sources = corpus_vectors()
    if recentre:
        base = base.copy()
        english = current_space().means["en"]
        for source in ("challengegov", "sbir"):
            base[sources == source] += english - base[sources == source].mean(axis=0)
        base = grouping.normalise(base)
    rng = np.random.default_rng(seed)
    pick = np.arange(n) % len(base)
    rng.shuffle(pick)
    raw = base[pick] + rng.normal(0, noise / math.sqrt(base.shape[1]), (n, base.shape[1])).astype(np.float32)
    raw = grouping.normalise(raw)
    print(
        f"{n} synthetic vectors from {len(base)} embedded texts (~{n / len(base):.0f} noisy copies each); "
        f"mean cosine to the original {np.mean(np.sum(raw * base[pick], axis=1)):.3f}; "
        f"{'sources re-centred' if recentre else 'as embedded'}"
    )
    return raw, [langs[i] for i in pick]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scale(args) -> None:
    from haastemoottori.signals.embedding import current_space

    raw, langs = synthetic(args.n, args.noise, args.seed, recentre=not args.as_embedded)
    space = current_space()
    rss_before = peak_rss_mb()
    tracemalloc.start()
    started = time.monotonic()
    vectors = space.transform(raw, langs)
    i, _j = grouping.links(vectors, space.threshold)
    linked = time.monotonic()
    labels = grouping.group(vectors, space.threshold)
    done = time.monotonic()
    # (group() finds the links again itself: its time is the whole grouping)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    sizes = Counter(labels[labels >= 0].tolist())
    print(f"threshold {space.threshold}; links above it: {len(i)}")
    print(
        f"grouping {args.n} signals: {done - linked:.1f} s (finding links alone {linked - started:.1f} s); "
        f"peak traced memory {peak / 2**20:.0f} MB; peak RSS {peak_rss_mb():.0f} MB (before {rss_before:.0f} MB)"
    )
    print(
        f"{len(sizes)} clusters, {int((labels >= 0).sum())} signals in clusters, "
        f"largest {max(sizes.values(), default=0)}"
    )


def scale_db(args) -> None:
    """The product's own path on a database: ``rebuild()`` over n stored signals, then new signals placed
    in batches of 32 as the background task does (vectors given, so only placement is timed)."""
    from django.db import connection
    from django.utils import timezone

    from haastemoottori.organisations.models import Department, Organisation
    from haastemoottori.search.embeddings import to_bytes
    from haastemoottori.signals import clustering
    from haastemoottori.signals.embedding import current_space, text_hash
    from haastemoottori.signals.models import Signal, SignalCluster

    name = connection.settings_dict["NAME"]
    if "bench" not in str(name):
        sys.exit(f"refusing to fill database {name!r}: its name must contain 'bench'")
    raw, langs = synthetic(args.n + args.incoming, args.noise, args.seed, recentre=not args.as_embedded)
    model = get_embedder().name
    cities = []
    for slug in ("espoo", "vantaa", "helsinki", "kauniainen"):
        city, _ = Organisation.objects.get_or_create(slug=slug, defaults={"kind": "city", "name": {"fi": slug}})
        cities.append(
            (
                city,
                [
                    Department.objects.get_or_create(
                        organisation=city, slug=f"d{d}", defaults={"name": {"fi": f"d{d}"}}
                    )[0]
                    for d in range(6)
                ],
            )
        )
    Signal.objects.all().delete()
    SignalCluster.objects.all().delete()
    rng = np.random.default_rng(args.seed)
    now = timezone.now()

    def make(i: int, embedded: bool) -> Signal:
        city, departments = cities[i % len(cities)]
        title = f"Signal {i}"
        signal = Signal(
            source="csv",
            status="accepted",
            title=title,
            text="",
            language=langs[i],
            city=city,
            department=departments[int(rng.integers(len(departments)))],
            observed_at=now - timezone.timedelta(hours=int(rng.integers(24 * 700))),
        )
        if embedded:
            signal.embedding, signal.embedding_model = to_bytes(raw[i]), model
            signal.embedding_hash = text_hash(langs[i], title, "")
        return signal

    started = time.monotonic()
    Signal.objects.bulk_create((make(i, True) for i in range(args.n)), batch_size=2000)
    print(f"stored {args.n} embedded signals in {time.monotonic() - started:.1f} s")
    rss = peak_rss_mb()
    result = clustering.rebuild()
    print(
        f"rebuild: {result.signals} signals; stale scan and embedding {result.embedding_seconds:.1f} s "
        f"({result.embedded} embedded); regrouping {result.grouping_seconds:.1f} s; {result.clusters} clusters, "
        f"{result.unclustered} signals outside; peak RSS {peak_rss_mb():.0f} MB (before {rss:.0f} MB)"
    )
    cross = SignalCluster.objects.filter(city_count__gt=1).count()
    print(f"clusters spanning several cities: {cross}")
    new = Signal.objects.bulk_create([make(i, False) for i in range(args.n, args.n + args.incoming)])
    space = current_space()
    times = []
    for start in range(0, len(new), 32):
        batch = [
            clustering.Stale(s.pk, text_hash(s.language, s.title, s.text), s.title) for s in new[start : start + 32]
        ]
        vectors = raw[args.n + start : args.n + start + len(batch)]
        began = time.monotonic()
        with clustering.transaction.atomic():
            clustering.lock()
            clustering._store_and_place(batch, vectors)
        times.append(time.monotonic() - began)
    placed = Signal.objects.filter(pk__in=[s.pk for s in new], cluster__isnull=False).count()
    print(
        f"placing {len(new)} new signals in batches of 32 (threshold {space.threshold}): median "
        f"{np.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms a batch; {placed} joined a cluster"
    )
    began = time.monotonic()
    clustering.refresh_changed_counts()
    print(f"count check of every cluster (end of each background run): {(time.monotonic() - began) * 1000:.0f} ms")


def embed_speed(args) -> None:
    """Embedding throughput on short signals (the labelled set's texts, not cached), with the machine's load."""
    signals, _truth, _langs = labelled()
    texts = [f"{s['title']}\n{s['text']}".strip() for s in signals][: args.n]
    get_embedder().embed_passages(texts[:4])  # load the model first
    load = os.getloadavg()[0]
    started = time.monotonic()
    for i in range(0, len(texts), 32):
        get_embedder().embed_passages(texts[i : i + 32])
    seconds = time.monotonic() - started
    print(
        f"embedded {len(texts)} signals (mean {np.mean([len(t) for t in texts]):.0f} characters) in {seconds:.1f} s: "
        f"{len(texts) / seconds:.1f} texts/s; load average {load:.1f} → {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores"
    )
