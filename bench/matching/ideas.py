"""Ideas tried on the matcher's scoring, each a setting of one :class:`Config`, chosen on the tuning part.

Every query's building blocks are computed once (:class:`Context`: the product's ``MatchCorpus`` for that
query, lexical indexes over whole profiles and over short windows, title vectors); a configuration only
recombines them, so a grid of settings costs milliseconds a query. ``score(ctx, Config())`` reproduces the
product's ``MatchCorpus.scores`` order (checked in ``run``).

Selection is greedy and uses the tuning part only: the families are tried in a fixed order, each family's
grid on top of the settings kept so far, and a setting is kept when it beats the current one on the tuning
part's MRR. The held-out numbers are printed beside every setting but choose nothing.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import sys
import time
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from .data import HELD_OUT, TUNE, Query, by_part, reciprocal_rank_and_recall


@dataclasses.dataclass(frozen=True)
class Config:
    fusion: str = "z"  # "z": weighted z-scores; "rrf": weighted reciprocal rank fusion
    lexical_weight: float = 0.5
    rrf_k: int = 60
    lexical_unit: str = "passage"  # "passage" (each award), "profile" (awards joined), "window" (≤ 60 words)
    second_passage: float = 0.0  # a document's score: best passage + this × its second best
    max_query_terms: int = 40
    query_tf_k: float = 1.2
    prf_docs: int = 0  # RM3-like feedback: the top documents of a first pass ...
    prf_terms: int = 20  # ... give this many expansion words ...
    prf_weight: float = 0.3  # ... that take this share of the query's lexical weight
    vector_prf: float = 0.0  # Rocchio on the query vector: + this × the mean of the top 5 best passages
    title_weight: float = 0.0  # share of the semantic part given to title-to-title similarity


FAMILIES: list[tuple[str, Callable[[Config], Iterator[Config]]]] = [
    (
        "fusion: z-scores by lexical weight, or reciprocal rank fusion (RRF) by k",
        lambda c: iter(
            [
                *(dataclasses.replace(c, fusion="z", lexical_weight=w) for w in (0.3, 0.4, 0.5, 0.6, 0.7)),
                *(dataclasses.replace(c, fusion="rrf", rrf_k=k, lexical_weight=0.5) for k in (5, 20, 60)),
            ]
        ),
    ),
    (
        "passage selection: lexical unit (award / profile / 60-word window), + a share of the 2nd passage",
        lambda c: iter(
            [
                *(dataclasses.replace(c, lexical_unit=u) for u in ("passage", "profile", "window")),
                *(dataclasses.replace(c, second_passage=a) for a in (0.25, 0.5)),
            ]
        ),
    ),
    (
        "query-side term weighting: words kept, saturation of a word's query frequency (0 = binary)",
        lambda c: iter(
            [
                dataclasses.replace(c, max_query_terms=n, query_tf_k=k)
                for n in (20, 40, 80, 400)
                for k in (0.0, 1.2, 10.0)
            ]
        ),
    ),
    (
        "pseudo-relevance feedback, RM3-like (top docs, expansion words, their weight)",
        lambda c: iter(
            [c]
            + [
                dataclasses.replace(c, prf_docs=m, prf_terms=t, prf_weight=lam)
                for m in (3, 10)
                for t in (10, 30)
                for lam in (0.2, 0.5)
            ]
        ),
    ),
    (
        "vector feedback (Rocchio on the query vector, top 5)",
        lambda c: iter([dataclasses.replace(c, vector_prf=b) for b in (0.0, 0.5, 1.0)]),
    ),
    (
        "field-aware: title-to-title similarity's share of the semantic part",
        lambda c: iter([dataclasses.replace(c, title_weight=g) for g in (0.0, 0.2, 0.35, 0.5)]),
    ),
]


class Context:
    """One query's building blocks."""

    def __init__(self, q: Query, pvec: dict[str, np.ndarray], qvec: np.ndarray, tvec: dict[str, np.ndarray] | None):
        from haastemoottori.search import matcher

        self.q, self.qvec = q, qvec
        awards = [a for c in q.companies for a in q.profiles[c]]
        self.corpus = matcher.MatchCorpus(
            [
                matcher.MatchDoc(
                    c, [(a.text, "en") for a in q.profiles[c]], np.stack([pvec[a.ident] for a in q.profiles[c]])
                )
                for c in q.companies
            ]
        )
        assert self.corpus.keys == q.companies
        self.title = None
        if tvec is not None:
            t = np.stack([tvec[a.ident] for a in awards])
            mean = t.mean(axis=0)
            t = _unit(t - mean)
            self.title = _unit((tvec[q.award.ident] - mean)[None, :])[0] @ t.T
        self.sem_p = self.corpus.semantic.scores(qvec)

    @functools.cached_property
    def units(self) -> dict:
        """The lexical unit's corpus: each award (the product's), whole profiles, windows of 60 words."""
        q = self.q
        return {
            "passage": self.corpus,
            "profile": _lexical_corpus([(c, ["\n".join(a.text for a in q.profiles[c])]) for c in q.companies]),
            "window": _lexical_corpus([(c, [w for a in q.profiles[c] for w in _windows(a.text)]) for c in q.companies]),
        }


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)


def _windows(text: str, size: int = 60) -> list[str]:
    words = text.split()
    return [" ".join(words[i : i + size]) for i in range(0, max(len(words), 1), size)]


def _lexical_corpus(docs: list[tuple[str, list[str]]]):
    from haastemoottori.search import matcher

    return matcher.MatchCorpus([matcher.MatchDoc(k, [(t, "en") for t in texts]) for k, texts in docs])


def _doc_agg(values: np.ndarray, doc_start: np.ndarray, n: int, second: float) -> np.ndarray:
    best = np.maximum.reduceat(values, doc_start)
    if not second:
        return best
    doc = np.repeat(np.arange(len(doc_start)), np.diff(np.append(doc_start, n)))
    order = np.lexsort((-values, doc))
    counts = np.diff(np.append(doc_start, n))
    nxt = np.where(counts > 1, values[order][np.minimum(doc_start + 1, n - 1)], 0.0)
    return best + second * np.where(np.isfinite(nxt), np.maximum(nxt, 0.0), 0.0)


def _z(values: np.ndarray) -> np.ndarray:
    std = float(values.std())
    return (values - values.mean()) / (std if math.isfinite(std) and std > 1e-9 else 1.0)


def _ranks(values: np.ndarray) -> np.ndarray:
    order = np.argsort(-values, kind="stable")
    out = np.empty(len(values))
    out[order] = np.arange(1, len(values) + 1)
    return out


def _lexical(ctx: Context, cfg: Config, first_pass: np.ndarray | None) -> np.ndarray:
    """Each document's BM25 (its unit's aggregation), with feedback words when ``first_pass`` is given."""
    corpus = ctx.units[cfg.lexical_unit]
    lex = corpus.lexical
    saved = lex.params
    lex.params = dataclasses.replace(saved, max_query_terms=cfg.max_query_terms, query_tf_k=cfg.query_tf_k)
    try:
        groups = lex.query_groups(ctx.q.award.text, "en")
    finally:
        lex.params = saved
    if first_pass is not None and cfg.prf_docs:
        groups = _expand(ctx, corpus, groups, first_pass, cfg)
    p = lex.scores(groups)
    return _doc_agg(p, corpus.doc_start, corpus.n_passages, cfg.second_passage)


def _expand(ctx, corpus, groups, first_pass, cfg):
    """RM3-like: P(w|R) = mean over the top documents of w's share of the document's terms; the words with
    the highest P(w|R)·idf not already in the query join it, weighted by P(w|R)/max, taking ``prf_weight`` of
    the query's lexical weight."""
    from haastemoottori.search import analysis

    lex = corpus.lexical
    top = np.argsort(-first_pass, kind="stable")[: cfg.prf_docs]
    mass: dict[int, float] = {}
    for d in top.tolist():
        counts: dict[int, int] = {}
        for a in ctx.q.profiles[ctx.q.companies[d]]:
            for term in analysis.terms(a.text, "en"):
                tid = lex.vocab.get(term)
                if tid is not None:
                    counts[tid] = counts.get(tid, 0) + 1
        total = max(sum(counts.values()), 1)
        for tid, n in counts.items():
            mass[tid] = mass.get(tid, 0.0) + n / total / cfg.prf_docs
    have = {tid for _s, forms, _w in groups for tid, _m in forms}
    ranked = sorted((t for t in mass if t not in have), key=lambda t: -mass[t] * lex.idf[t])[: cfg.prf_terms]
    if not ranked:
        return groups
    top_mass = max(mass[t] for t in ranked)
    orig = sum(w for _s, _f, w in groups) or 1.0
    extra = [(str(t), [(t, 0)], float(lex.idf[t]) * mass[t] / top_mass) for t in ranked]
    scale = cfg.prf_weight * orig / max(sum(w for _s, _f, w in extra), 1e-9)
    return [(s, f, w * (1 - cfg.prf_weight)) for s, f, w in groups] + [(s, f, w * scale) for s, f, w in extra]


def _semantic(ctx: Context, cfg: Config, first_pass: np.ndarray | None) -> np.ndarray:
    c = ctx.corpus
    sem_p = ctx.sem_p
    if cfg.vector_prf and first_pass is not None:
        # in the index's centred space: + β × the mean of the top documents' best passages
        top = np.argsort(-first_pass, kind="stable")[:5]
        rows = []
        for d in top.tolist():
            start = int(c.doc_start[d])
            end = int(c.doc_start[d + 1]) if d + 1 < c.n_docs else c.n_passages
            rows.append(start + int(np.argmax(ctx.sem_p[start:end])))
        q = c.semantic.centre(ctx.qvec) + cfg.vector_prf * c.semantic._rows(np.array(rows)).mean(axis=0)
        sem_p = c.semantic.scores(q / np.linalg.norm(q), centred=True)
    sem = _z(_doc_agg(sem_p, c.doc_start, c.n_passages, cfg.second_passage))
    if cfg.title_weight and ctx.title is not None:
        title = _z(np.maximum.reduceat(ctx.title, c.doc_start))
        sem = (1 - cfg.title_weight) * sem + cfg.title_weight * title
    return sem


def _fuse(lex: np.ndarray, sem: np.ndarray, cfg: Config) -> np.ndarray:
    w = cfg.lexical_weight
    if cfg.fusion == "rrf":
        # documents without a lexical match share the last lexical rank
        lex_rank = np.where(lex > 0, _ranks(lex), len(lex))
        return w / (cfg.rrf_k + lex_rank) + (1 - w) / (cfg.rrf_k + _ranks(sem))
    return w * _z(np.log1p(lex)) + (1 - w) * sem


def score(ctx: Context, cfg: Config) -> np.ndarray:
    base = dataclasses.replace(cfg, prf_docs=0, vector_prf=0.0)
    first = None
    if cfg.prf_docs or cfg.vector_prf:
        first = _fuse(_lexical(ctx, base, None), _semantic(ctx, base, None), base)
    return _fuse(_lexical(ctx, cfg, first), _semantic(ctx, cfg, first), cfg)


def run(queries: list[Query], contexts: Sequence[Context], baseline: Sequence[tuple[float, float]]) -> list[str]:
    """Greedy selection on the tuning part; returns Markdown table rows (family, setting, tune, held-out, all)."""
    parts = [q.part for q in queries]
    cache: dict[Config, list[tuple[float, float]]] = {}

    def results(cfg: Config) -> list[tuple[float, float]]:
        if cfg not in cache:
            cache[cfg] = [
                reciprocal_rank_and_recall(score(ctx, cfg), ctx.q.companies, ctx.q.relevant) for ctx in contexts
            ]
        return cache[cfg]

    default = results(Config())
    mismatch = sum(abs(a[0] - b[0]) > 1e-9 for a, b in zip(default, baseline, strict=True))
    print(f"\nideas: Config() reproduces the product's matcher on {len(default) - mismatch}/{len(default)} queries")
    current, rows = Config(), []
    for title, grid in FAMILIES:
        if title.startswith("field-aware") and contexts and contexts[0].title is None:
            print(f"\n{title}: skipped, the titles are not embedded yet")
            continue
        started = time.monotonic()
        print(f"\n{title}")
        print(f"  {'setting':<62} {'tune MRR':>9} {'held-out':>9} {'all':>7}")
        best, best_mrr = current, by_part(results(current), parts, TUNE)[0]
        for cfg in grid(current):
            r = results(cfg)
            tune, held = by_part(r, parts, TUNE)[0], by_part(r, parts, HELD_OUT)[0]
            allm = float(np.mean([x for x, _ in r]))
            label = _label(cfg, current)
            print(f"  {label:<62} {tune:9.3f} {held:9.3f} {allm:7.3f}")
            rows.append(f"| {title.split(':')[0]} | {label} | {tune:.3f} | {held:.3f} | {allm:.3f} |")
            if tune > best_mrr + 1e-9:
                best, best_mrr = cfg, tune
        current = best
        print(f"  kept (best on tune): {_label(current, Config())}  [{time.monotonic() - started:.0f} s]", flush=True)
        print(file=sys.stderr, end="")
    r = results(current)
    tune, held = by_part(r, parts, TUNE), by_part(r, parts, HELD_OUT)
    print(f"\nchosen on the tuning part: {_label(current, Config())}")
    print(f"  tune MRR {tune[0]:.3f} recall@10 {tune[1]:.3f}; held-out MRR {held[0]:.3f} recall@10 {held[1]:.3f}")
    return rows


def _label(cfg: Config, ref: Config) -> str:
    diff = [
        f"{f.name}={getattr(cfg, f.name)}"
        for f in dataclasses.fields(cfg)
        if getattr(cfg, f.name) != getattr(ref, f.name)
    ]
    return ", ".join(diff) or "(as before)"
