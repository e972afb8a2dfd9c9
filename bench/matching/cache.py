"""Embeddings cached on disk in var/bench-cache/embeddings/ (key: sha256 of model, kind and text)."""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent.parent
CACHE = ROOT / "var" / "bench-cache" / "embeddings"
MODEL = "multilingual-e5-small"

_embedder = None


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
            # another run may be filling the same cache: embed only what is still missing
            chunk = [i for i in order[start : start + batch] if not paths[i].exists()]
            if not chunk:
                continue
            for i, vector in zip(chunk, fn([texts[i] for i in chunk]), strict=True):
                tmp = paths[i].with_suffix(".tmp.npy")
                np.save(tmp, vector.astype(np.float32))
                tmp.replace(paths[i])
            done = start + len(chunk)
            rate = done / max(time.monotonic() - started, 1e-9)
            print(f"\r  embedding {kind}s: {done}/{len(order)} ({rate:.1f}/s)", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
    return np.stack([np.load(p) for p in paths]) if paths else np.zeros((0, 384), np.float32)


def cached(texts: list[str], kind: str, *, model: str = MODEL) -> int:
    """How many of ``texts`` already have a cached vector."""
    return sum((CACHE / f"{_key(model, kind, t)}.npy").exists() for t in texts)
