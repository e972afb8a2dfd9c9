"""Latency, memory and build time of the matcher on synthetic data (``match_eval.py --speed N``)."""

from __future__ import annotations

import collections
import re
import resource
import time
from pathlib import Path

import numpy as np

from .data import load


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
