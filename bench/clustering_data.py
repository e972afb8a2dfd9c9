"""Signal clustering bench, shared part: Django set up for the bench, the labelled set, cached passage vectors,
the keyword baseline's vectors and the real short texts of ../shared/data (read from there, never copied).
Used by run_clustering.py (quality, calibration) and clustering_scale.py (speed at 20,000 signals)."""

from __future__ import annotations

import json
import math
import os
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret")
os.environ.setdefault("DJANGO_PLAIN_STATIC", "1")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
os.environ.setdefault("HAASTEMOOTTORI_EMBEDDER", "haastemoottori.search.embeddings.E5Embedder")

import django

django.setup()

from haastemoottori.search import analysis
from haastemoottori.search.embeddings import get_embedder
from haastemoottori.signals import grouping

LABELLED = ROOT / "bench" / "signals_labelled.json"
DATA = ROOT.parent / "shared" / "data"
CACHE = Path(os.environ.get("CLUSTER_BENCH_CACHE", "/tmp/haastemoottori-clustering"))  # noqa: S108


# ---- data and vectors -------------------------------------------------------------------------------------


def labelled() -> tuple[list[dict], np.ndarray, np.ndarray]:
    signals = json.loads(LABELLED.read_text())["signals"]
    needs = np.unique([s["need"] for s in signals], return_inverse=True)[1]
    return signals, needs, np.array([s["language"] for s in signals])


def embed_cached(name: str, texts: list[str], batch: int = 32) -> tuple[np.ndarray, float | None]:
    """Passage vectors of ``texts`` (cached by name and model); seconds spent embedding, None if cached."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}-{get_embedder().name}.npy"
    if path.exists():
        vectors = np.load(path)
        if len(vectors) == len(texts):
            return vectors, None
    started = time.monotonic()
    vectors = np.concatenate([get_embedder().embed_passages(texts[i : i + batch]) for i in range(0, len(texts), batch)])
    seconds = time.monotonic() - started
    np.save(path, vectors)
    return vectors, seconds


def labelled_vectors() -> np.ndarray:
    signals, _needs, _langs = labelled()
    vectors, seconds = embed_cached("labelled", [f"{s['title']}\n{s['text']}".strip() for s in signals])
    if seconds:
        print(f"embedded {len(signals)} labelled signals in {seconds:.0f} s ({len(signals) / seconds:.1f} texts/s)")
    return vectors


def centred(raw: np.ndarray, langs: np.ndarray, fit: np.ndarray) -> np.ndarray:
    """Each vector minus its language's mean over the ``fit`` rows, normalised (signals.embedding.Space)."""
    out = raw.astype(np.float32).copy()
    for lang in np.unique(langs):
        out[langs == lang] -= raw[fit][langs[fit] == lang].mean(axis=0)
    return grouping.normalise(out)


def keyword_vectors(signals: list[dict]) -> np.ndarray:
    docs = [Counter(analysis.terms(f"{s['title']} {s['text']}", s["language"])) for s in signals]
    vocab = {t: n for n, t in enumerate(sorted({t for d in docs for t in d}))}
    df = Counter(t for d in docs for t in d)
    matrix = np.zeros((len(docs), len(vocab)), np.float32)
    for row, doc in enumerate(docs):
        for term, tf in doc.items():
            matrix[row, vocab[term]] = (1 + math.log(tf)) * math.log((1 + len(docs)) / (1 + df[term]))
    return grouping.normalise(matrix)


# ---- scale ------------------------------------------------------------------------------------------------


def jsonl(path: Path):
    with path.open(encoding="utf-8") as lines:  # not str.splitlines(): the texts hold U+2028
        for line in lines:
            if line.strip():
                yield json.loads(line)


def corpus_texts() -> tuple[list[str], list[str], list[str]]:
    """Texts, their languages and their sources (labelled, challengegov, sbir)."""
    signals, _truth, _langs = labelled()
    texts = [f"{s['title']}\n{s['text']}".strip() for s in signals]
    langs = [s["language"] for s in signals]
    sources = ["labelled"] * len(texts)
    for record in jsonl(DATA / "challengegov" / "challenges_clean.jsonl"):
        for key in ("title", "tagline"):
            if (record.get(key) or "").strip():
                texts.append(record[key].strip()[:300])
                langs.append("en")
                sources.append("challengegov")
    for record in jsonl(DATA / "sbir-dev" / "awards_2017_dev.jsonl"):
        title = (record.get("title") or "").strip()
        if title:
            texts.append(title[:300])
            langs.append("en")
            sources.append("sbir")
    return texts, langs, sources


def corpus_vectors() -> tuple[np.ndarray, list[str], np.ndarray]:
    texts, langs, sources = corpus_texts()
    vectors, seconds = embed_cached("corpus", texts)
    if seconds:
        print(
            f"embedded {len(texts)} texts in {seconds:.0f} s: {len(texts) / seconds:.1f} texts/s "
            f"(mean {np.mean([len(t) for t in texts]):.0f} characters)"
        )
    return vectors, langs, np.array(sources)
