"""Matching quality on real SBIR awards: plain BM25, embeddings alone and the project's matcher, same run,
on a tuning part and a held-out part of the topic groups.

    .venv/bin/python bench/match_eval.py                       # the shared dev file, both parts
    .venv/bin/python bench/match_eval.py --ideas               # + the tried ideas, chosen on the tuning part
    .venv/bin/python bench/match_eval.py --sample 15 --ideas   # 15 topic groups per part (a quick look)
    .venv/bin/python bench/match_eval.py CORPUS_FILE QUERY_FILE   # another set of topic groups as queries
    .venv/bin/python bench/match_eval.py --speed 100000        # latency and memory, synthetic data

Protocol (../shared/data/README.md, "How the SBIR file serves matching evaluation"): the corpus is one
profile per company, each of its awards (title + abstract) one passage; a query is one award (title +
abstract) of a labelled topic group, removed from its company's profile (a company whose only award it
was drops out of the corpus for that query); the relevant documents are the *other* companies that won
under the same (agency, solicit_topic_code). Labelled groups are those won by 2–8 distinct companies whose
code is not a placeholder (N/A, N, R, I). Companies are told apart by their name, case and punctuation
folded ("Innosense, LLC" = "Innosense Llc"); an award by its sbir.gov URL.

Tuning and held-out parts: the labelled topic groups are split in two by a hash of (agency, code)
(``matching.data.part_of``); every setting of the matcher is chosen on the tuning part, and both parts are
reported, each next to BM25 on the same queries in the same run.

A separate QUERY_FILE (a held-out set of topic groups): who won a group is read from both files together
(an award present in both counts once), so the labelled groups and their winners are the same whichever
file an award came from. Queries are the QUERY_FILE's awards in labelled groups. A query award that is
also in the corpus is removed from it as above; otherwise there is nothing to remove. The relevant
documents are the corpus companies, other than the query's company, that won the query's group in either
file. Queries without any relevant company in the corpus are skipped (and counted). With the same file
twice this is exactly the README's protocol.

Methods, each ranking every corpus company (MRR over the whole ranking, recall@10):
- BM25: the ``bm25s`` package, default settings and tokenisation with English stop words, one document per
  company (its awards' texts joined), rebuilt per query.
- embeddings alone: multilingual-e5-small, best award per company (cosine), the query embedded as a
  passage, as the product does (``--query-prefix`` adds the line with the model's ``query:`` prefix).
- matcher: ``haastemoottori.search.matcher.MatchCorpus`` rebuilt per query, ``scores()`` (= ``rank()``'s
  order), query vector as for embeddings alone.

Embeddings are cached in var/bench-cache/embeddings/ (key: sha256 of model, kind and text): the first run
on the dev file embeds ~950 abstracts (about 30 minutes on 2 shared cores), reruns take a minute or two.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import functools
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from matching import data, ideas
from matching.cache import cached, embed
from matching.data import HELD_OUT, TUNE, by_part, reciprocal_rank_and_recall

PARTS = (TUNE, HELD_OUT)
# the matcher's settings before issue 20 (the numbers of 2026-11-28), printed beside the product's own
BEFORE = {"lexical_weight": 0.5, "max_query_terms": 40, "query_tf_k": 1.2}


def scores_with(corpus, text: str, qvec: np.ndarray | None, **changes) -> np.ndarray:
    """``corpus.scores`` with some of its settings changed (fusion and query analysis only)."""
    saved = corpus.params, corpus.lexical.params
    corpus.params = dataclasses.replace(corpus.params, **changes)
    corpus.lexical.params = dataclasses.replace(corpus.lexical.params, **changes)
    try:
        return corpus.scores(text, "en", qvec)
    finally:
        corpus.params, corpus.lexical.params = saved


def bm25s_scores(q: data.Query) -> np.ndarray:
    import bm25s

    docs = ["\n".join(a.text for a in q.profiles[c]) for c in q.companies]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(docs, stopwords="en", return_ids=False, show_progress=False), show_progress=False)
    tokens = bm25s.tokenize([q.award.text], stopwords="en", return_ids=False, show_progress=False)[0]
    tokens = [t for t in tokens if t in retriever.vocab_dict]
    return retriever.get_scores(tokens) if tokens else np.zeros(len(docs))


def embedding_scores(q: data.Query, qvec: np.ndarray, vec: dict[str, np.ndarray]) -> np.ndarray:
    return np.array([max(float(vec[a.ident] @ qvec) for a in q.profiles[c]) for c in q.companies])


def line(label: str, results: list, parts: list[str], bm25: list | None = None) -> None:
    cells = []
    for part in (*PARTS, None):
        m, r = by_part(results, parts, part) if part else data.summary(results)
        ratio = ""
        if bm25 is not None:
            b = by_part(bm25, parts, part)[0] if part else data.summary(bm25)[0]
            ratio = f" {m / b:4.2f}×"
        cells.append(f"{m:.3f} {r:.3f}{ratio}")
    print(f"{label:<52} " + "   ".join(f"{c:>18}" for c in cells))


def evaluate(
    corpus_path: Path, query_path: Path, *, n_groups: int | None, run_ideas: bool, prefix: bool, only_cached: bool
) -> None:
    from haastemoottori.search import analysis

    # the corpus is rebuilt for every query; analysing the same award text once is enough
    analysis.terms = functools.lru_cache(maxsize=None)(analysis.terms)

    corpus_awards, query_awards = data.load(corpus_path), data.load(query_path)
    if only_cached:  # a quick look while the cache fills: not the protocol (a smaller corpus ranks easier)
        # the labelled groups and their winners still come from the whole files
        corpus_awards = [a for a in corpus_awards if cached([a.text], "passage")]
        print(f"ONLY CACHED AWARDS (not the protocol): {len(corpus_awards)} in the corpus")
    queries, skipped = data.build_queries(corpus_awards, query_awards)
    queries = data.sample(queries, n_groups)
    parts = [q.part for q in queries]
    groups = {p: len({q.award.group for q in queries if q.part == p}) for p in PARTS}
    print(
        f"corpus {corpus_path.name}: {len(corpus_awards)} awards, {len({a.company for a in corpus_awards})} "
        f"companies; queries {query_path.name}: {len(queries)} ({skipped} skipped: no relevant company in the "
        f"corpus); tuning part {parts.count(TUNE)} queries in {groups[TUNE]} topic groups, held-out part "
        f"{parts.count(HELD_OUT)} in {groups[HELD_OUT]}" + (f" (sample: {n_groups} groups a part)" if n_groups else "")
    )

    passages = {a.ident: a for a in corpus_awards}
    ids = list(passages)
    pvec = dict(zip(ids, embed([passages[i].text for i in ids], "passage"), strict=True))
    q_as_passage = embed([q.award.text for q in queries], "passage")
    titles = [passages[i].title for i in ids] + [q.award.title for q in queries]
    tvec = None
    if cached(titles, "passage") == len(titles):  # the field-aware idea needs them (embedded separately)
        tvec = dict(zip(ids, embed([passages[i].title for i in ids], "passage"), strict=True))
        qt = embed([q.award.title for q in queries], "passage")
        tvec.update({q.award.ident: v for q, v in zip(queries, qt, strict=True)})

    rows: dict[str, list] = collections.defaultdict(list)
    contexts = []
    started = time.monotonic()
    for n, (q, qp) in enumerate(zip(queries, q_as_passage, strict=True), 1):
        rows["bm25"].append(reciprocal_rank_and_recall(bm25s_scores(q), q.companies, q.relevant))
        rows["emb"].append(reciprocal_rank_and_recall(embedding_scores(q, qp, pvec), q.companies, q.relevant))
        ctx = ideas.Context(q, pvec, qp, tvec)
        corpus, keys = ctx.corpus, ctx.corpus.keys
        s = corpus.scores(q.award.text, "en", qp)
        rows["matcher"].append(reciprocal_rank_and_recall(s, keys, q.relevant))
        before = {k: v for k, v in BEFORE.items() if getattr(corpus.params, k) != v}
        if before:
            old = scores_with(corpus, q.award.text, qp, **before)
            rows["before"].append(reciprocal_rank_and_recall(old, keys, q.relevant))
        rows["lexical"].append(reciprocal_rank_and_recall(corpus.scores(q.award.text, "en", None), keys, q.relevant))
        if n <= 20:  # rank() orders as scores() does
            top = [m.key for m in corpus.rank(q.award.text, "en", qp, k=10)]
            assert set(top) == {keys[i] for i in np.argsort(-s)[:10]}, "rank() disagrees with scores()"
        if run_ideas:
            contexts.append(ctx)
        print(
            f"\r  {n}/{len(queries)} queries ({time.monotonic() - started:.0f} s)", end="", file=sys.stderr, flush=True
        )
    print(file=sys.stderr)
    if prefix:
        q_as_query = embed([q.award.text for q in queries], "query")
        rows["emb_query"] = [
            reciprocal_rank_and_recall(embedding_scores(q, v, pvec), q.companies, q.relevant)
            for q, v in zip(queries, q_as_query, strict=True)
        ]

    print(f"\n{'MRR recall@10 (× BM25 MRR)':<52} " + "   ".join(f"{h:>18}" for h in (*PARTS, "all")))
    line("BM25 (bm25s, English stop words)", rows["bm25"], parts)
    if prefix:
        line("embeddings alone, best award, query: prefix", rows["emb_query"], parts, rows["bm25"])
    line("embeddings alone (best award, query as passage)", rows["emb"], parts, rows["bm25"])
    line("matcher, lexical part only (no query vector)", rows["lexical"], parts, rows["bm25"])
    if rows["before"]:
        line("matcher before issue 20 (MatchParams of 2026-11-28)", rows["before"], parts, rows["bm25"])
    line("matcher (the product's MatchParams)", rows["matcher"], parts, rows["bm25"])
    for part in PARTS:
        pick = [i for i, p in enumerate(parts) if p == part]
        if len({queries[i].award.group for i in pick}) < 5:
            continue
        lo, hi, dlo, dhi = data.bootstrap(
            [queries[i] for i in pick], [rows["matcher"][i][0] for i in pick], [rows["bm25"][i][0] for i in pick]
        )
        print(
            f"bootstrap over {part} topic groups (2,000 resamples), 95 %: matcher MRR {lo:.3f}–{hi:.3f}; "
            f"matcher − BM25 {dlo:+.3f} to {dhi:+.3f}"
        )
    if run_ideas:
        ideas.run(queries, contexts, rows["matcher"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus_file", nargs="?", type=Path, default=data.DEV_FILE)
    parser.add_argument("query_file", nargs="?", type=Path, default=None)
    parser.add_argument("--ideas", action="store_true", help="try the ideas (bench/matching/ideas.py)")
    parser.add_argument("--sample", type=int, metavar="N", help="only N topic groups of each part")
    parser.add_argument("--query-prefix", action="store_true", help="also embed queries with query: (slow once)")
    parser.add_argument("--only-cached", action="store_true", help="corpus: only awards already embedded")
    parser.add_argument("--speed", type=int, metavar="N", help="latency and memory with N synthetic companies")
    parser.add_argument("--storage", default="int8", choices=["float32", "int8"], help="with --speed")
    args = parser.parse_args()
    if args.speed:
        from matching.speed import speed

        speed(args.speed, args.corpus_file, args.storage)
    else:
        evaluate(
            args.corpus_file,
            args.query_file or args.corpus_file,
            n_groups=args.sample,
            run_ideas=args.ideas,
            prefix=args.query_prefix,
            only_cached=args.only_cached,
        )


if __name__ == "__main__":
    main()
