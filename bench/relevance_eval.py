"""The product's own search and suggestions against a labelled relevance set, next to plain BM25.

Set (written by the project for this bench, fi/sv/en): bench/relevance/queries.json (search queries graded
0–3 against the demo challenges, some that should find nothing) and bench/relevance/profiles.json (company
profiles graded against the challenges that fit them). Corpus: the demo data (haastemoottori/demo),
loaded into a scratch SQLite database (var/bench-relevance.sqlite3, recreated each run), indexed and
embedded with the configured model (multilingual-e5-small by default).

- search: ``haastemoottori.search.selectors.search_ids`` (what the challenge list's ``q`` uses), every
  public challenge a candidate;
- suggestions: ``haastemoottori.discovery.recommendations.challenges_for_solver`` for each bench profile,
  created as a listed company; the bench then opens every demo challenge's call (stage open call,
  deadline ahead) in its scratch database, so all 16 are candidates;
- BM25: ``bm25s`` (default settings, no stemming, no stop words), one document per challenge holding
  its texts in every language, the query (or the whole profile text, name left out) as is; its no-match
  answer is "no document scored above 0".

Metrics: nDCG@5 (gain 2^grade − 1, over the judged challenges in the corpus), precision@3 and MRR with
grade ≥ 2 as relevant, and no-match accuracy both ways (queries that should find nothing and got an empty
list; queries with answers that got at least one). Queries and profiles are split deterministically in
two halves by a hash of their id: choices are made on the tuning half, both are reported.

    DJANGO_DEBUG=1 .venv/bin/python bench/relevance_eval.py [--feedback ratings.json]

``--feedback``: a staff export of owners' ratings (``manage.py export_match_feedback --format json``);
ratings of challenges suggested to organisations that exist in the scratch database (the demo companies)
are scored as a third set (useful: grade 2, not useful: 0).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench-relevance.sqlite3"


def half(ident: str) -> str:
    return "tune" if int(hashlib.sha256(ident.encode()).hexdigest(), 16) % 2 == 0 else "report"


def ndcg(ranked: list[str], grades: dict[str, int], k: int = 5) -> float:
    dcg = sum((2 ** grades.get(s, 0) - 1) / math.log2(i + 2) for i, s in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def precision(ranked: list[str], grades: dict[str, int], k: int = 3) -> float:
    return sum(1 for s in ranked[:k] if grades.get(s, 0) >= 2) / k


def rr(ranked: list[str], grades: dict[str, int]) -> float:
    for i, s in enumerate(ranked, 1):
        if grades.get(s, 0) >= 2:
            return 1 / i
    return 0.0


def summary(rows: list[tuple[str, list[str], dict[str, int]]]) -> dict[str, float]:
    answerable = [(r, g) for _i, r, g in rows if g]
    empty = [r for _i, r, g in rows if not g]
    out = {
        "n": len(rows),
        "nDCG@5": float(np.mean([ndcg(r, g) for r, g in answerable])) if answerable else float("nan"),
        "P@3": float(np.mean([precision(r, g) for r, g in answerable])) if answerable else float("nan"),
        "MRR": float(np.mean([rr(r, g) for r, g in answerable])) if answerable else float("nan"),
        "answered": float(np.mean([bool(r) for r, _g in answerable])) if answerable else float("nan"),
        "empty": float(np.mean([not r for r in empty])) if empty else float("nan"),
    }
    return out


def line(label: str, s: dict[str, float]) -> str:
    return (
        f"{label:<34} n={s['n']:<3} nDCG@5 {s['nDCG@5']:.3f}  P@3 {s['P@3']:.3f}  MRR {s['MRR']:.3f}  "
        f"answered {s['answered']:.2f}  nonsense empty {s['empty']:.2f}"
    )


def setup_database() -> None:
    DB.parent.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(DB) + suffix).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DJANGO_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the demo's receipts stay quiet

    call_command("migrate", verbosity=0)


def load(profiles: list[dict]) -> None:
    from haastemoottori.demo.loader import DemoLoader
    from haastemoottori.organisations.models import Organisation
    from haastemoottori.search import embedding, indexing

    loader = DemoLoader()
    loader.load()
    for data in profiles:
        org = loader._organisation(data, Organisation.Kind.COMPANY)
        loader._profile(org, data)
    for kind, model in (("organisation", Organisation),):
        indexing.index_objects(kind, list(model.objects.values_list("pk", flat=True)))
    from haastemoottori.challenges.models import Challenge

    indexing.index_objects("challenge", list(Challenge.objects.values_list("pk", flat=True)))
    started = time.monotonic()
    embedding.embed_dirty(batch_size=16, limit=100_000)
    print(f"embedded in {time.monotonic() - started:.1f} s")


def challenge_texts() -> dict[str, str]:
    from haastemoottori.challenges.models import Challenge

    out = {}
    for c in Challenge.objects.all():
        parts = []
        for f in Challenge.TRANSLATED_FIELDS:
            parts.extend((getattr(c, f) or {}).values())
        out[c.slug] = "\n".join(p for p in parts if p)
    return out


_bm25: dict[int, object] = {}


def bm25_rank(docs: dict[str, str], query: str, k: int = 10) -> list[str]:
    import bm25s

    slugs = list(docs)
    retriever = _bm25.get(id(docs))
    if retriever is None:
        retriever = _bm25[id(docs)] = bm25s.BM25()
        corpus_tokens = bm25s.tokenize([docs[s] for s in slugs], return_ids=False, show_progress=False)
        retriever.index(corpus_tokens, show_progress=False)
    tokens = bm25s.tokenize([query], return_ids=False, show_progress=False)[0]
    tokens = [t for t in tokens if t in retriever.vocab_dict]  # type: ignore[attr-defined]
    if not tokens:
        return []
    scores = retriever.get_scores(tokens)  # type: ignore[attr-defined]
    order = [i for i in np.argsort(-scores, kind="stable") if scores[i] > 0]
    return [slugs[i] for i in order[:k]]


def report(title: str, rows: dict[str, list], halves: dict[str, str]) -> None:
    print(f"\n## {title}")
    for part in ("tune", "report", "all"):
        for method, data in rows.items():
            chosen = [r for r in data if part == "all" or halves[r[0]] == part]
            print(line(f"{method} ({part})", summary(chosen)))
        prod, base = (summary([r for r in d if part == "all" or halves[r[0]] == part]) for d in rows.values())
        if base["nDCG@5"]:
            print(f"{'':<34} nDCG@5 ratio product/BM25: {prod['nDCG@5'] / base['nDCG@5']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feedback", type=Path, help="ratings exported with export_match_feedback (JSON)")
    parser.add_argument("--show", action="store_true", help="print each query's results")
    parser.add_argument("--floors", type=float, nargs="*", help="semantic floors to compare (default: the setting)")
    parser.add_argument("--no-suggestions", action="store_true", help="search only")
    args = parser.parse_args()
    queries = json.loads((ROOT / "bench/relevance/queries.json").read_text())["queries"]
    profiles = json.loads((ROOT / "bench/relevance/profiles.json").read_text())["profiles"]
    started = time.monotonic()
    setup_database()
    load(profiles)
    from haastemoottori.challenges.models import Challenge
    from haastemoottori.discovery import profiles as profile_module
    from haastemoottori.discovery import recommendations
    from haastemoottori.organisations.models import Organisation
    from haastemoottori.search.selectors import search_ids

    slug_of = dict(Challenge.objects.values_list("pk", "slug"))
    public = set(Challenge.objects.public().values_list("slug", flat=True))
    public_texts = {s: t for s, t in challenge_texts().items() if s in public}
    halves: dict[str, str] = {q["id"]: half(q["id"]) for q in queries}
    from django.conf import settings

    for floor in args.floors or [settings.HAASTEMOOTTORI_SEARCH_SEMANTIC_FLOOR]:
        settings.HAASTEMOOTTORI_SEARCH_SEMANTIC_FLOOR = floor
        rows: dict[str, list] = {"product search": [], "BM25": []}
        for q in queries:
            grades = {s: g for s, g in q["relevant"].items() if s in public}
            ranked = [slug_of[i] for i in search_ids(kind="challenge", query=q["q"])]
            rows["product search"].append((q["id"], ranked, grades))
            rows["BM25"].append((q["id"], bm25_rank(public_texts, q["q"]), grades))
            if args.show:
                print(q["id"], q["q"], "->", ranked[:5], "| bm25", rows["BM25"][-1][1][:3])
        title = f"Search: {len(queries)} queries over {len(public)} public demo challenges, semantic floor {floor}"
        report(title, rows, halves)

    if args.no_suggestions:
        return
    # suggestions: every demo challenge open for proposals
    from datetime import timedelta

    from django.utils import timezone

    from haastemoottori.search import embedding, indexing

    Challenge.objects.update(stage="open_call", call_deadline=timezone.now() + timedelta(days=30))
    Challenge.objects.filter(published_at__isnull=True).update(published_at=timezone.now())
    indexing.index_objects("challenge", list(Challenge.objects.values_list("pk", flat=True)))
    embedding.embed_dirty(batch_size=16, limit=100_000)
    recommendations.forget()
    all_texts = challenge_texts()
    srows: dict[str, list] = {"product suggestions": [], "BM25": []}
    for p in profiles:
        org = Organisation.objects.get(slug=p["slug"])
        halves[p["slug"]] = half(p["slug"])
        ranked = [s.challenge.slug for s in recommendations.challenges_for_solver(organisation=org, k=10)]
        srows["product suggestions"].append((p["slug"], ranked, p["relevant"]))
        srows["BM25"].append((p["slug"], bm25_rank(all_texts, profile_module.profile_text(org)), p["relevant"]))
        if args.show:
            print(p["slug"], "->", ranked[:5], "| bm25", srows["BM25"][-1][1][:3])
    report(f"Suggestions: {len(profiles)} profiles over {len(all_texts)} challenges (all opened)", srows, halves)

    if args.feedback:
        rated: dict[str, dict[str, int]] = {}
        for row in json.loads(args.feedback.read_text()):
            if row.get("direction") == "challenge":
                rated.setdefault(row["organisation"], {})[row["challenge"]] = 2 if row["useful"] else 0
        frows: dict[str, list] = {"product suggestions": [], "BM25": []}
        for slug, grades in rated.items():
            org = Organisation.objects.filter(slug=slug).first()
            if org is None or not any(grades.values()):
                continue
            halves[slug] = half(slug)
            ranked = [s.challenge.slug for s in recommendations.challenges_for_solver(organisation=org, k=10)]
            frows["product suggestions"].append((slug, ranked, grades))
            frows["BM25"].append((slug, bm25_rank(all_texts, profile_module.profile_text(org)), grades))
        report(f"Suggestions judged by owners' ratings ({len(frows['BM25'])} organisations)", frows, halves)
    print(f"\ndone in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
