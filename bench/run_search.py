"""Search and suggestion benchmark on the bench database (10,000 challenges, 100,000 companies).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench
    .venv/bin/python bench/run_search.py index           # lexical index of every record, timed
    .venv/bin/python bench/run_search.py embed --n 300   # real e5 throughput on a sample (passages/s)
    .venv/bin/python bench/run_search.py fill-vectors    # random unit vectors for the rest (latency only)
    .venv/bin/python bench/run_search.py latency         # p50/p95 of search and suggestions, in-process

`fill-vectors` exists because embedding 110,000 records takes hours here: the latency of ranking does not
depend on what the vectors mean, only on how many there are. It stores random unit vectors under the
configured model's name for every document still to embed, so search quality on the bench database means
nothing afterwards. Never run it on a real database.
"""

import argparse
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")

QUERIES = [
    "hulevesi",
    "kaupunkien energiatehokkuus",
    "liikenne päästöt",
    "koulujen sisäilma",
    "energieffektivitet",
    "smart mobility",
    "ikäihmisten kotihoito",
    "avoin data",
    "kiertotalous rakentaminen",
    "skolmat",
    "digital services for residents",
    "työllisyys nuoret",
    "hiilineutraali lämmitys",
    "vesihuolto",
    "sensors air quality",
    "kaupunkipyörät",
    "laddning elbilar",
    "ruokahävikki",
    "turvallisuus",
    "asuminen",
]


def setup():
    import django

    django.setup()


def cmd_index(args):
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("search_reindex", "--no-embed", *(["--kind", args.kind] if args.kind else []))
    print(f"indexed in {time.perf_counter() - started:.1f} s")


def cmd_embed(args):
    from haastemoottori.search import embedding
    from haastemoottori.search.models import SearchDocument

    for kind in ("organisation", "challenge"):
        ids = list(
            SearchDocument.objects.filter(kind=kind, embedding_dirty=True)
            .order_by("pk")
            .values_list("pk", flat=True)[: args.n]
        )
        docs = list(SearchDocument.objects.filter(pk__in=ids).only("pk", "passages", "passages_hash"))
        passages = sum(len(d.passages) for d in docs)
        chars = sum(len(t) for d in docs for t, _ in d.passages)
        started = time.perf_counter()
        for i in range(0, len(docs), 16):
            embedding.embed_batch(docs[i : i + 16])
        took = time.perf_counter() - started
        print(
            f"{kind}: {len(docs)} docs, {passages} passages, {chars / max(passages, 1):.0f} chars a passage "
            f"on average: {took:.1f} s = {len(docs) / took:.2f} docs/s, {passages / took:.2f} passages/s; "
            f"100,000 such docs would take {100_000 / (len(docs) / took) / 3600:.1f} h"
        )


def cmd_fill(args):
    import numpy as np
    from django.db import transaction
    from django.utils import timezone

    from haastemoottori.search.embeddings import get_embedder
    from haastemoottori.search.models import SearchDocument

    embedder = get_embedder()
    rng = np.random.default_rng(1)
    qs = SearchDocument.objects.filter(embedding_dirty=True).only("pk", "passages")
    total = qs.count()
    done = 0
    while True:
        batch = list(qs.order_by("pk")[:2000])
        if not batch:
            break
        with transaction.atomic():
            for doc in batch:
                n = max(len(doc.passages), 1)
                vectors = rng.standard_normal((n, embedder.dim)).astype(np.float32)
                vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
                SearchDocument.objects.filter(pk=doc.pk).update(
                    vectors=vectors.tobytes(),
                    embedding_model=embedder.name,
                    embedding_dirty=False,
                    embedded_at=timezone.now(),
                )
        done += len(batch)
        print(f"\rfilled {done}/{total}", end="", flush=True)
    print()


def _rss():
    """The process' resident memory now, MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return _max_rss()


def _max_rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(fn, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _report(label, times):
    times = sorted(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"| {label} | {len(times)} | {statistics.median(times):.1f} | {p95:.1f} | {max(times):.1f} |")
    return p95


def cmd_latency(args):
    from django.db import connection

    from haastemoottori.challenges.models import Challenge
    from haastemoottori.discovery import recommendations
    from haastemoottori.organisations.models import Organisation
    from haastemoottori.search import selectors, vectors
    from haastemoottori.search.embeddings import get_embedder
    from haastemoottori.search.models import SearchDocument

    rng = random.Random(1)
    embedder = get_embedder()
    embedder.embed_queries(["lämpö"])  # the model loaded before the start: its memory is not the index's
    rss0 = _rss()
    started = time.perf_counter()
    for kind in ("challenge", "organisation"):
        selectors.search_hits(kind=kind, query=QUERIES[0])
    t_first = time.perf_counter() - started
    rss1 = _rss()
    started = time.perf_counter()
    recommendations.corpus("solvers"), recommendations.corpus("challenges")
    t_corpus = time.perf_counter() - started
    rss2 = _rss()
    docs = SearchDocument.objects.values("kind").order_by("kind")
    engine = getattr(vectors, "engine", lambda: "in memory")()
    print(
        f"database: {connection.vendor}; vector engine: {engine}; documents: "
        f"{ {d['kind']: SearchDocument.objects.filter(kind=d['kind']).count() for d in docs.distinct()} }"
    )
    print(
        f"RSS {rss0:.0f} MB at start; first search of each kind {t_first:.1f} s, RSS then {rss1:.0f} MB "
        f"(+{rss1 - rss0:.0f}); matcher corpora in {t_corpus:.1f} s, RSS then {rss2:.0f} MB (+{rss2 - rss1:.0f})"
    )
    challenge_ids = list(Challenge.objects.public().values_list("pk", flat=True))
    company_ids = list(Organisation.objects.matchable().values_list("pk", flat=True))
    challenges = [Challenge.objects.get(pk=pk) for pk in rng.sample(challenge_ids, args.n)]
    companies = [Organisation.objects.get(pk=pk) for pk in rng.sample(company_ids, args.n)]
    print("\n| operation | n | median ms | p95 ms | max ms |\n|---|---|---|---|---|")
    queries = iter(QUERIES * 100)
    selectors._query_vector.cache_clear()
    _report(
        "search challenges (lexical + e5 query embedding + vectors)",
        _timed(lambda: selectors.search_hits(kind="challenge", query=next(queries)), len(QUERIES)),
    )
    _report(
        "search challenges, query vector cached",
        _timed(lambda: selectors.search_hits(kind="challenge", query=next(queries)), len(QUERIES)),
    )
    _report(
        "search organisations, query vector cached",
        _timed(lambda: selectors.search_hits(kind="organisation", query=next(queries)), len(QUERIES)),
    )
    _report(
        "search organisations, lexical only",
        _timed(lambda: selectors.search_hits(kind="organisation", query=next(queries), semantic=False), len(QUERIES)),
    )
    it = iter(challenges)
    _report(
        "solvers for a challenge (100,000 companies)",
        _timed(lambda: recommendations.solvers_for_challenge(challenge=next(it)), len(challenges)),
    )
    it2 = iter(companies)
    _report(
        "challenges for a company",
        _timed(lambda: recommendations.challenges_for_solver(organisation=next(it2)), len(companies)),
    )
    print(f"\nembedder: {embedder.name}; RSS after all of it {_rss():.0f} MB (max {_max_rss():.0f} MB)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("index")
    p.add_argument("--kind")
    p = sub.add_parser("embed")
    p.add_argument("--n", type=int, default=300)
    sub.add_parser("fill-vectors")
    p = sub.add_parser("latency")
    p.add_argument("--n", type=int, default=100)
    args = parser.parse_args()
    setup()
    {"index": cmd_index, "embed": cmd_embed, "fill-vectors": cmd_fill, "latency": cmd_latency}[args.cmd](args)


if __name__ == "__main__":
    main()
