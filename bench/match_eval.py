"""Matching quality on real SBIR awards: plain BM25, embeddings alone and the project's matcher, same run.

    .venv/bin/python bench/match_eval.py [CORPUS_FILE] [QUERY_FILE]   # both default to the shared dev file
    .venv/bin/python bench/match_eval.py --speed 100000                # latency and memory, synthetic data

Protocol (../shared/data/README.md, "How the SBIR file serves matching evaluation"): the corpus is one
profile per company, each of its awards (title + abstract) one passage; a query is one award (title +
abstract) of a labelled topic group, removed from its company's profile (a company whose only award it
was drops out of the corpus for that query); the relevant documents are the *other* companies that won
under the same (agency, solicit_topic_code). Labelled groups are those won by 2–8 distinct companies whose
code is not a placeholder (N/A, N, R, I). Companies are told apart by their name, case and punctuation
folded ("Innosense, LLC" = "Innosense Llc"); an award by its sbir.gov URL.

A separate QUERY_FILE (a held-out set of topic groups): who won a group is read from both files together
(an award present in both counts once), so the labelled groups and their winners are the same whichever
file an award came from. Queries are the QUERY_FILE's awards in labelled groups. A query award that is
also in the corpus is removed from it as above; otherwise there is nothing to remove. The relevant
documents are the corpus companies, other than the query's company, that won the query's group in either
file — so a company whose award for that topic is only in the query file must be found through its other
awards. Queries without any relevant company in the corpus are skipped (and counted). With the same file
twice this is exactly the README's protocol.

Methods, each ranking every corpus company (MRR over the whole ranking, recall@10):
- BM25: the ``bm25s`` package, default settings and tokenisation with English stop words, one document per
  company (its awards' texts joined), rebuilt per query.
- embeddings alone: multilingual-e5-small, best award per company (cosine). The main line embeds the query
  as a passage, as the product does (a challenge's stored passage vector is its query vector); the line
  before it uses the model's ``query:`` prefix, the earlier reference measurement.
- matcher: ``haastemoottori.search.matcher.MatchCorpus`` rebuilt per query, ``scores()`` (= ``rank()``'s
  order), query vector as for the main embeddings line.
Robustness: topic groups split in two halves by a hash of (agency, code); the fusion weight is chosen on
one half from a small grid and reported on the other, both ways.

Embeddings are cached in var/bench-cache/embeddings/ (key: sha256 of model, kind and text): the first run
on the dev file embeds ~950 abstracts twice (about 30 minutes on 2 cores), reruns take a minute.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import functools
import hashlib
import json
import re
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "var" / "bench-cache" / "embeddings"
DEV_FILE = ROOT.parent / "shared" / "data" / "sbir-dev" / "awards_2017_dev.jsonl"
PLACEHOLDER_CODES = {"N/A", "N", "R", "I"}
MODEL = "multilingual-e5-small"
WEIGHT_GRID = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6)

_embedder = None


# -- embeddings, cached on disk ------------------------------------------------------------------------
def embedder():
    global _embedder
    if _embedder is None:
        from haastemoottori.search.embeddings import E5Embedder

        _embedder = E5Embedder()
    return _embedder


def _key(model: str, kind: str, text: str) -> str:
    return hashlib.sha256(f"{model}\0{kind}\0{text}".encode()).hexdigest()


def embed(texts: list[str], kind: str, *, model: str = MODEL, batch: int = 8) -> np.ndarray:
    """Vectors (n, dim) float32 for ``texts`` as ``kind`` ("query" or "passage"), computing only the missing."""
    CACHE.mkdir(parents=True, exist_ok=True)
    paths = [CACHE / f"{_key(model, kind, t)}.npy" for t in texts]
    todo: dict[str, int] = {}
    for i, path in enumerate(paths):
        if not path.exists():
            todo.setdefault(path.name, i)
    order = list(todo.values())
    if order:
        started = time.monotonic()
        fn = embedder().embed_queries if kind == "query" else embedder().embed_passages
        for start in range(0, len(order), batch):
            chunk = order[start : start + batch]
            for i, vector in zip(chunk, fn([texts[i] for i in chunk]), strict=True):
                tmp = paths[i].with_suffix(".tmp.npy")
                np.save(tmp, vector.astype(np.float32))
                tmp.replace(paths[i])
            done = start + len(chunk)
            rate = done / max(time.monotonic() - started, 1e-9)
            print(f"\r  embedding {kind}s: {done}/{len(order)} ({rate:.1f}/s)", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
    return np.stack([np.load(p) for p in paths]) if paths else np.zeros((0, 384), np.float32)


# -- data and protocol ----------------------------------------------------------------------------------
@dataclasses.dataclass
class Award:
    ident: str
    company: str
    group: tuple[str, str]
    text: str


def company_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", (name or "").casefold())


def load(path: Path) -> list[Award]:
    awards = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            text = f"{r.get('title') or ''}\n{r.get('abstract') or ''}".strip()
            ident = (
                r.get("url")
                or r.get("contract_num")
                or hashlib.sha256(f"{r.get('comp_name')}\0{text}".encode()).hexdigest()
            )
            awards.append(Award(ident, company_key(r["comp_name"]), (r["agency"], r["solicit_topic_code"]), text))
    return awards


@dataclasses.dataclass
class Query:
    award: Award
    companies: list[str]  # the corpus for this query, in a fixed order
    profiles: dict[str, list[Award]]
    relevant: set[str]


def build_queries(corpus_awards: list[Award], query_awards: list[Award]) -> tuple[list[Query], int]:
    union = {a.ident: a for a in corpus_awards}
    for a in query_awards:
        union.setdefault(a.ident, a)
    winners: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    for a in union.values():
        winners[a.group].add(a.company)
    labelled = {g for g, m in winners.items() if 2 <= len(m) <= 8 and g[1] not in PLACEHOLDER_CODES}
    profiles: dict[str, list[Award]] = collections.defaultdict(list)
    for a in corpus_awards:
        profiles[a.company].append(a)
    companies = sorted(profiles)
    queries, skipped = [], 0
    for a in query_awards:
        if a.group not in labelled:
            continue
        own = [x for x in profiles[a.company] if x.ident != a.ident] if a.company in profiles else []
        these = {c: profiles[c] for c in companies if c != a.company}
        if own:
            these[a.company] = own
        relevant = {c for c in winners[a.group] if c != a.company and c in these}
        if not relevant:
            skipped += 1
            continue
        queries.append(Query(a, [c for c in companies if c in these], these, relevant))
    return queries, skipped


def half_of(group: tuple[str, str]) -> str:
    return "AB"[hashlib.sha256(f"{group[0]}|{group[1]}".encode()).digest()[0] % 2]


def reciprocal_rank_and_recall(scores: np.ndarray, companies: list[str], relevant: set[str]) -> tuple[float, float]:
    is_relevant = np.array([c in relevant for c in companies])
    # ties are broken against the method: a relevant company ranks after the others with the same score
    order = np.lexsort((is_relevant, -np.asarray(scores, dtype=np.float64)))
    ranked = [companies[i] for i in order]
    first = next(r for r, c in enumerate(ranked, 1) if c in relevant)
    return 1.0 / first, len(relevant & set(ranked[:10])) / len(relevant)


def summary(results: list[tuple[float, float]]) -> tuple[float, float]:
    return float(np.mean([r for r, _ in results])), float(np.mean([c for _, c in results]))


# -- methods ----------------------------------------------------------------------------------------------
def bm25s_scores(q: Query) -> np.ndarray:
    import bm25s

    docs = ["\n".join(a.text for a in q.profiles[c]) for c in q.companies]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(docs, stopwords="en", return_ids=False, show_progress=False), show_progress=False)
    tokens = bm25s.tokenize([q.award.text], stopwords="en", return_ids=False, show_progress=False)[0]
    tokens = [t for t in tokens if t in retriever.vocab_dict]
    return retriever.get_scores(tokens) if tokens else np.zeros(len(docs))


def embedding_scores(q: Query, qvec: np.ndarray, vec: dict[str, np.ndarray]) -> np.ndarray:
    return np.array([max(float(vec[a.ident] @ qvec) for a in q.profiles[c]) for c in q.companies])


def robustness(grid: dict, half: list[str], rows: dict, params) -> None:
    """The fusion weight chosen on one half of the topic groups, scored on the other, both ways."""

    def on(results, h):
        return summary([r for r, x in zip(results, half, strict=True) if x == h])

    for h in "AB":
        print(f"MRR on half {h}    " + "  ".join(f"{on(grid[w], h)[0]:11.3f}" for w in grid))
    for h in "AB":
        print(f"R@10 on half {h}   " + "  ".join(f"{on(grid[w], h)[1]:11.3f}" for w in grid))
    for tune, test in (("A", "B"), ("B", "A")):
        best = max(WEIGHT_GRID, key=lambda w: on(grid[w], tune)[0])
        m, r = on(grid[best], test)
        d, dr = on(rows["matcher"], test)
        b, br = on(rows["bm25"], test)
        print(
            f"tuned on {tune} (w={best}): on {test} MRR {m:.3f} recall@10 {r:.3f}; default "
            f"w={params.lexical_weight}: {d:.3f} / {dr:.3f}; BM25 on {test}: {b:.3f} / {br:.3f}"
        )


def evaluate(corpus_path: Path, query_path: Path) -> None:
    from haastemoottori.search import analysis, matcher

    # the corpus is rebuilt for every query; analysing the same award text once is enough
    analysis.terms = functools.lru_cache(maxsize=None)(analysis.terms)

    corpus_awards, query_awards = load(corpus_path), load(query_path)
    queries, skipped = build_queries(corpus_awards, query_awards)
    groups = {q.award.group for q in queries}
    print(
        f"corpus {corpus_path.name}: {len(corpus_awards)} awards, {len({a.company for a in corpus_awards})} "
        f"companies; queries {query_path.name}: {len(queries)} in {len(groups)} labelled groups "
        f"({skipped} skipped: no relevant company in the corpus)"
    )

    passages = {a.ident: a for a in corpus_awards}
    ids = list(passages)
    pvec = dict(zip(ids, embed([passages[i].text for i in ids], "passage"), strict=True))
    q_as_passage = embed([q.award.text for q in queries], "passage")
    q_as_query = embed([q.award.text for q in queries], "query")

    params = matcher.MatchParams()
    rows: dict[str, list] = collections.defaultdict(list)
    grid: dict[float, list] = collections.defaultdict(list)
    started = time.monotonic()
    for n, (q, qp, qq) in enumerate(zip(queries, q_as_passage, q_as_query, strict=True), 1):
        rows["bm25"].append(reciprocal_rank_and_recall(bm25s_scores(q), q.companies, q.relevant))
        rows["emb_query"].append(reciprocal_rank_and_recall(embedding_scores(q, qq, pvec), q.companies, q.relevant))
        rows["emb"].append(reciprocal_rank_and_recall(embedding_scores(q, qp, pvec), q.companies, q.relevant))
        docs = [
            matcher.MatchDoc(
                c, [(a.text, "en") for a in q.profiles[c]], np.stack([pvec[a.ident] for a in q.profiles[c]])
            )
            for c in q.companies
        ]
        corpus = matcher.MatchCorpus(docs, params=params)
        keys = corpus.keys
        rows["matcher"].append(reciprocal_rank_and_recall(corpus.scores(q.award.text, "en", qp), keys, q.relevant))
        rows["lexical"].append(reciprocal_rank_and_recall(corpus.scores(q.award.text, "en", None), keys, q.relevant))
        if n <= 20:  # rank() orders as scores() does
            top = [m.key for m in corpus.rank(q.award.text, "en", qp, k=10)]
            s = corpus.scores(q.award.text, "en", qp)
            assert set(top) == {keys[i] for i in np.argsort(-s)[:10]}, "rank() disagrees with scores()"
        hubness = corpus.semantic.hubness.copy()
        corpus.semantic.hubness[:] = 0  # as if hubness_k=0: the same corpus without the correction
        rows["no_hubness"].append(reciprocal_rank_and_recall(corpus.scores(q.award.text, "en", qp), keys, q.relevant))
        corpus.semantic.hubness[:] = hubness
        for w in (0.0, *WEIGHT_GRID):
            corpus.params = dataclasses.replace(params, lexical_weight=w)
            grid[w].append(reciprocal_rank_and_recall(corpus.scores(q.award.text, "en", qp), keys, q.relevant))
        corpus.params = params
        print(
            f"\r  {n}/{len(queries)} queries ({time.monotonic() - started:.0f} s)", end="", file=sys.stderr, flush=True
        )
    print(file=sys.stderr)

    half = [half_of(q.award.group) for q in queries]
    print(f"\nhalves by hash of (agency, code): A {half.count('A')} queries, B {half.count('B')} queries")
    print("lexical_weight   " + "  ".join(f"{w:>11}" for w in grid))
    print("MRR, all queries " + "  ".join(f"{summary(grid[w])[0]:11.3f}" for w in grid))
    if min(half.count("A"), half.count("B")) >= 10:
        robustness(grid, half, rows, params)
    else:
        print("(too few queries in a half for the robustness check)")
    rng = np.random.default_rng(0)
    by_group = collections.defaultdict(list)
    for n, q in enumerate(queries):
        by_group[q.award.group].append(n)
    members = list(by_group.values())
    rr = {m: np.array([r for r, _ in rows[m]]) for m in ("matcher", "bm25")}
    means, diffs = [], []
    for _ in range(2000):  # resample whole topic groups: queries of one group are not independent
        pick = np.concatenate([members[i] for i in rng.integers(0, len(members), len(members))])
        means.append(rr["matcher"][pick].mean())
        diffs.append(rr["matcher"][pick].mean() - rr["bm25"][pick].mean())
    print(
        f"bootstrap over topic groups (2,000 resamples), 95 % intervals: matcher MRR "
        f"{np.percentile(means, 2.5):.3f}–{np.percentile(means, 97.5):.3f}; matcher − BM25 "
        f"{np.percentile(diffs, 2.5):+.3f} to {np.percentile(diffs, 97.5):+.3f}"
    )
    print()
    print(
        "{:<58} MRR {:.3f}  recall@10 {:.3f}".format(
            "matcher without the hubness correction (hubness_k=0)", *summary(rows["no_hubness"])
        )
    )
    print(
        "{:<58} MRR {:.3f}  recall@10 {:.3f}".format(
            "matcher, lexical part only (no query vector)", *summary(rows["lexical"])
        )
    )
    print(
        "{:<58} MRR {:.3f}  recall@10 {:.3f}".format(
            "matcher, semantic part only (lexical_weight=0)", *summary(grid[0.0])
        )
    )
    print(
        "{:<58} MRR {:.3f}  recall@10 {:.3f}".format(
            "embeddings alone, best award, query: prefix", *summary(rows["emb_query"])
        )
    )
    print("{:<58} MRR {:.3f}  recall@10 {:.3f}".format("BM25 (bm25s, English stop words)", *summary(rows["bm25"])))
    print(
        "{:<58} MRR {:.3f}  recall@10 {:.3f}".format(
            "embeddings alone (best award, query as passage)", *summary(rows["emb"])
        )
    )
    print(
        "{:<58} MRR {:.3f}  recall@10 {:.3f}".format(
            f"matcher (lexical_weight={params.lexical_weight})", *summary(rows["matcher"])
        )
    )


# -- speed and memory on synthetic data --------------------------------------------------------------------
def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def speed(n_companies: int, source: Path, storage: str, n_queries: int = 60, seed: int = 1) -> None:
    """Companies with 1–3 passages of 60–150 words drawn from the real awards' word frequencies, in fi, sv
    or en (6:1:3, as bench/generate.py), random unit vectors; queries are whole award texts (~2,000 chars,
    the long case) with random vectors. Vector meaning does not change the cost, only their number."""
    from haastemoottori.search import analysis, matcher

    rng = np.random.default_rng(seed)
    awards = load(source)
    counts = collections.Counter(w for a in awards for w in re.findall(r"[A-Za-z][A-Za-z-]+", a.text))
    vocab = np.array(list(counts))
    p = np.array(list(counts.values()), dtype=np.float64)
    p /= p.sum()
    langs = np.array(["fi"] * 6 + ["sv"] + ["en"] * 3)
    started = time.monotonic()
    n_pass = rng.integers(1, 4, n_companies)
    lengths = rng.integers(60, 151, int(n_pass.sum()))
    words = rng.choice(vocab, size=int(lengths.sum()), p=p)
    vectors = rng.standard_normal((int(n_pass.sum()), 384), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    docs, w, row = [], 0, 0
    for i, k in enumerate(n_pass.tolist()):
        passages = []
        for _ in range(k):
            passages.append((" ".join(words[w : w + lengths[row]]), str(rng.choice(langs))))
            w += lengths[row]
            row += 1
        docs.append(matcher.MatchDoc(i, passages, vectors[row - k : row]))
    del words
    print(
        f"generated {n_companies:,} companies, {row:,} passages in {time.monotonic() - started:.0f} s "
        f"(Voikko: {analysis.has_voikko()})"
    )
    before = rss_mb()
    started = time.monotonic()
    corpus = matcher.MatchCorpus(docs, params=matcher.MatchParams(vector_storage=storage))
    built = time.monotonic() - started
    after = rss_mb()
    lexical, semantic = corpus.lexical, corpus.semantic
    postings = lexical.post_pid.nbytes + lexical.post_weight.nbytes + lexical.post_start.nbytes
    print(
        f"MatchCorpus({storage}) built in {built:.0f} s; RSS +{after - before:.0f} MB (vectors "
        f"{(semantic.vectors.nbytes + semantic.vector_scale.nbytes) / 2**20:.0f} MB, BM25 postings "
        f"{postings / 2**20:.0f} MB, {len(lexical.vocab):,} terms, {len(lexical.post_pid):,} postings)"
    )
    texts = [a.text for a in awards[:n_queries]]
    qvecs = rng.standard_normal((n_queries, 384), dtype=np.float32)
    for label, use_vec in (("lexical + semantic", True), ("lexical only", False)):
        times = []
        for t, v in zip(texts, qvecs, strict=True):
            corpus.rank(t, "en", v if use_vec else None, k=10)  # warm
            s = time.perf_counter()
            corpus.rank(t, "en", v if use_vec else None, k=10)
            times.append((time.perf_counter() - s) * 1000)
        print(
            f"rank(k=10), {label}, whole-award queries: p50 {np.percentile(times, 50):.1f} ms, "
            f"p95 {np.percentile(times, 95):.1f} ms ({len(times)} queries)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus_file", nargs="?", type=Path, default=DEV_FILE)
    parser.add_argument("query_file", nargs="?", type=Path, default=None)
    parser.add_argument("--speed", type=int, metavar="N", help="latency and memory with N synthetic companies")
    parser.add_argument("--storage", default="int8", choices=["float32", "int8"], help="with --speed")
    args = parser.parse_args()
    if args.speed:
        speed(args.speed, args.corpus_file, args.storage)
    else:
        evaluate(args.corpus_file, args.query_file or args.corpus_file)


if __name__ == "__main__":
    main()
