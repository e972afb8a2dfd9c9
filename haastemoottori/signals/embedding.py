"""Embedding signals for clustering, and the space in which their similarity is measured.

A signal's vector is the embedder's passage vector of its title and text (``Signal.embedded_text``), stored
with the model's name and a hash of what was embedded (language, title, text): it is embedded again only
when that hash or the model changes. The stored vector is the model's own; clustering compares vectors in
a *calibrated space*: each vector minus the mean vector of its language, normalised again.

Why: multilingual-e5-small puts every text of one language near a common point (its cosines are
compressed: unrelated texts ~0.79, one need written in Finnish and in Swedish ~0.82), so raw cosines say
more about the language than about the need. Subtracting the language's mean removes that shared part
(as in Libovický et al. 2020, "On the language neutrality of pre-trained multilingual representations");
on our labelled set it raises the share of signals whose nearest neighbour is about the same need from
0.71 to 0.91 (bench/README.md, "Signal clustering"). The means and the clustering threshold for a model
are a calibration file in ``calibration/<model>.json`` written by ``bench/run_clustering.py calibrate``;
a model without one is compared by plain cosine with ``FALLBACK_THRESHOLDS``.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.conf import settings

from haastemoottori.search.embeddings import from_bytes, get_embedder

from .grouping import normalise

CALIBRATION_DIR = Path(__file__).parent / "calibration"
# Models without a calibration file: plain cosine. The hashing embedder of the tests shares stemmed words
# only, so two wordings of one need in one language reach about 0.3.
FALLBACK_THRESHOLDS = {"hashing-256": 0.3}
DEFAULT_THRESHOLD = 0.85


def text_hash(language: str, title: str, text: str) -> str:
    """What a signal's vector was made of; the language is in it because the space depends on it."""
    return hashlib.sha256(f"{language}\x00{title}\x00{text}".encode()).hexdigest()


def signal_hash(signal) -> str:
    return text_hash(signal.language, signal.title, signal.text)


def embedded_text(title: str, text: str) -> str:
    return f"{title}\n{text}".strip()


@dataclass(frozen=True)
class Space:
    """Where similarities are measured for one embedding model: language means to subtract and the threshold
    of average similarity at which signals belong together."""

    model: str
    threshold: float
    means: dict[str, np.ndarray] = field(default_factory=dict)
    version: str = ""

    @property
    def name(self) -> str:
        """Stored on each cluster with its centroid: a centroid made in another space is recomputed."""
        return f"{self.model}/{self.version}" if self.version else self.model

    def transform(self, vectors: np.ndarray, languages: list[str]) -> np.ndarray:
        vectors = np.array(vectors, dtype=np.float32, copy=True).reshape(len(languages), -1)
        if self.means:
            fallback = self.means.get("")
            for row, language in enumerate(languages):
                mean = self.means.get(language, fallback)
                if mean is not None:
                    vectors[row] -= mean
        return normalise(vectors)


def load_calibration(model: str) -> dict | None:
    path = CALIBRATION_DIR / f"{model}.json"
    if not path.exists():
        return None
    return json.loads(path.read_text())


@functools.cache
def _space(model: str, override: float | None) -> Space:
    data = load_calibration(model)
    if data is None:
        threshold = FALLBACK_THRESHOLDS.get(model, DEFAULT_THRESHOLD)
        return Space(model=model, threshold=override if override is not None else threshold)
    means = {lang: np.asarray(values, dtype=np.float32) for lang, values in data["means"].items()}
    means[""] = np.mean(list(means.values()), axis=0).astype(np.float32)  # a language without its own mean
    return Space(
        model=model,
        threshold=override if override is not None else float(data["threshold"]),
        means=means,
        version=str(data.get("version", "")),
    )


def current_space() -> Space:
    """The space of the configured embedder. ``HAASTEMOOTTORI_SIGNAL_CLUSTER_SIMILARITY`` overrides the
    calibrated threshold (a deployment that wants tighter or looser clusters)."""
    return _space(get_embedder().name, getattr(settings, "HAASTEMOOTTORI_SIGNAL_CLUSTER_SIMILARITY", None))


def embed_texts(texts: list[str]) -> np.ndarray:
    embedder = get_embedder()
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.asarray(embedder.embed_passages(texts), dtype=np.float32)


def stored_vectors(rows: list[tuple[bytes, str]], space: Space) -> np.ndarray:
    """The calibrated vectors of (embedding bytes, language) rows."""
    if not rows:
        return np.zeros((0, 0), dtype=np.float32)
    raw = np.concatenate([from_bytes(data, 1) for data, _lang in rows])
    return space.transform(raw, [lang for _data, lang in rows])
