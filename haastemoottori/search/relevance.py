"""When may a document found only by meaning (no shared word) appear in search results at all?

Semantic neighbours always exist: with e5 an unrelated text still scores ~0.78, and a nonsense query
(``zzzqqxx``) is about as close to every text. A cut-off relative to the best neighbour therefore lets
filler through. The rule here is absolute, measured against two backgrounds of the same query:

- a fixed set of ordinary texts that no challenge or company is about (cooking, sport, pets, …,
  in fi/sv/en): the query's mean cosine to them;
- the corpus itself: the median cosine of all indexed documents of the kind searched (pooled with
  the background texts' below ``MIN_CORPUS`` documents, so that one challenge is not its own background).

A semantic-only hit's cosine ``s`` must satisfy ``((s - background) + (s - median)) / 2 >= floor``,
``floor`` being ``HAASTEMOOTTORI_SEARCH_SEMANTIC_FLOOR`` (cosine units, calibrated for
multilingual-e5-small in ``bench/relevance_floor.py``; numbers in bench/README.md). A query about
nothing in particular is as close to the backgrounds as to any document and gets no semantic-only hits;
hits with lexical evidence (a shared word form) are kept as before.
"""

from __future__ import annotations

import functools
import logging

import numpy as np
from django.conf import settings

from .embeddings import get_embedder

logger = logging.getLogger(__name__)

# Ordinary texts, written for this purpose, about things no city challenge or company offering is about (not even
# the weather: stormwater and slippery streets are).
# Changing them changes the calibration: re-run bench/relevance_floor.py.
BACKGROUND_TEXTS = (
    "Uusin muotinäytös esitteli pitkiä villakangastakkeja ja korkeita saappaita.",
    "Mummon mustikkapiirakan resepti: voita, sokeria, jauhoja ja mustikoita.",
    "Jääkiekon MM-finaali ratkesi jatkoajalla.",
    "Kissani nukkuu mielellään ikkunalaudalla auringossa.",
    "Luin loman aikana kolme dekkaria ja yhden runokirjan.",
    "Kitaran kielet kannattaa vaihtaa muutaman kuukauden välein.",
    "Sienestäjä löysi metsästä korillisen kantarelleja.",
    "Hyvää syntymäpäivää, toivottavasti päiväsi on mukava!",
    "Vi spelade kort hela kvällen och min kusin vann varje parti.",
    "Receptet på kanelbullar kräver smör, socker, kardemumma och mjöl.",
    "Fotbollslaget vann matchen med två mål mot ett.",
    "Min hund älskar att springa efter pinnar på stranden.",
    "Hon stickade en röd halsduk till sin bror i julklapp.",
    "Operan hade premiär i lördags och publiken jublade.",
    "The new video game lets you explore a fantasy kingdom full of dragons.",
    "Add two eggs, flour and milk, then bake the pancakes until golden.",
    "The tennis final went to five sets before the champion won.",
    "My cat likes to sleep on the sofa all afternoon.",
    "She read a novel about a detective solving a murder in Victorian London.",
    "The band played their greatest hits at the summer festival.",
    "He collects old stamps and coins from around the world.",
    "Happy birthday! I hope you have a wonderful day with your family.",
    "The painting shows a bowl of fruit on a wooden table.",
    "We went fishing on the lake and caught three perch.",
)


@functools.lru_cache(maxsize=4)
def _background_matrix(model: str) -> np.ndarray | None:
    try:
        matrix: np.ndarray = get_embedder().embed_passages(list(BACKGROUND_TEXTS))
        return matrix
    except Exception:  # a broken model: no background, the caller then admits no semantic-only hit
        logger.exception("Embedding the background texts failed")
        return None


def background_similarities(query_vector: np.ndarray) -> np.ndarray | None:
    """The query's cosine to each background text (None when the background cannot be embedded)."""
    matrix = _background_matrix(get_embedder().name)
    if matrix is None or not len(matrix):
        return None
    sims: np.ndarray = matrix @ query_vector.astype(np.float32)
    return sims


def background_similarity(query_vector: np.ndarray) -> float | None:
    """The query's mean cosine to the background texts (the mean, not the nearest: a Swedish query is
    nearer every Swedish text, and one background text near a real topic would veto it)."""
    sims = background_similarities(query_vector)
    return None if sims is None else float(np.mean(sims))


# Below this many indexed documents the corpus median is pooled with the background texts' cosines: a
# median of one to four cosines is mostly the candidate's own. Always pooling made the rule worse on the
# 16-challenge bench corpus (bench/README.md), so a corpus of this size or more stands alone.
MIN_CORPUS = 5


def pooled_median(corpus_scores: np.ndarray, background_sims: np.ndarray) -> float:
    """The median cosine of the query to the corpus (pooled with the background texts for a tiny corpus)."""
    scores = np.asarray(corpus_scores, dtype=np.float32)
    if len(scores) < MIN_CORPUS:
        scores = np.concatenate([scores, background_sims])
    return float(np.median(scores))


def semantic_floor() -> float:
    return float(getattr(settings, "HAASTEMOOTTORI_SEARCH_SEMANTIC_FLOOR", DEFAULT_FLOOR))


# Calibrated for multilingual-e5-small (bench/relevance_floor.py, bench/README.md "Relevance floor").
DEFAULT_FLOOR = 0.035


def semantic_threshold(query_vector: np.ndarray, corpus_scores: np.ndarray) -> float | None:
    """The cosine a semantic-only hit must reach for this query; None: no semantic-only hits at all."""
    sims = background_similarities(query_vector)
    if sims is None:
        return None
    # passes(s, background, median, floor) solved for s
    return semantic_floor() + (float(np.mean(sims)) + pooled_median(corpus_scores, sims)) / 2


def passes(similarity: float, background: float, corpus_median: float, floor: float) -> bool:
    """The rule itself, on plain numbers (the bench calls it too)."""
    return ((similarity - background) + (similarity - corpus_median)) / 2 >= floor
