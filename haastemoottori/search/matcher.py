"""Rank documents (companies, challenges) for a query text: BM25 and embeddings, fused. Pure and in memory.

API (the product wraps it over its own index, see recommendations.py)::

    corpus = MatchCorpus([MatchDoc(key=org.id, passages=[(text, "fi"), ...], vectors=array_or_None), ...],
                         params=MatchParams())                       # params optional
    corpus.rank(query_text, "fi", query_vector, k=10, allowed={...}, boosts={org_id: 0.5})
    -> [Match(key, score, lexical_rank, semantic_rank, matched_words, best_passage), ...]  # best first
    corpus.scores(query_text, "fi", query_vector)  # every document's score, in corpus.keys order

- ``MatchDoc.passages``: (text, language code) pairs — capability statement, offering, each reference or
  award. ``vectors``: their embeddings (``embed_passages``), shape (len(passages), dim), float32 or float16,
  same order; a NaN row marks a passage that is not embedded; None for a document not embedded yet.
  Documents without passages are left out.
- ``query_vector``: the query's embedding or None. For a document-like query (a challenge, a company
  profile) use its *passage* embedding, as stored: on the SBIR bench it beats the ``query:`` prefix
  (best-award MRR 0.525 against 0.446).
- ``rank`` returns at most ``k`` matches among documents with any evidence (a lexical match or a vector);
  ``allowed`` (any container of keys; a collection is turned into a mask at once) keeps only those,
  ``boosts`` adds a bonus per key to the score before ordering. An empty or stop-word-only query without
  a vector, or an empty corpus, gives [].
- ``Match.score``: the fused score below. ``lexical_rank``/``semantic_rank``: 1-based rank of the document
  by each signal alone (None when it has no lexical match / no vector). ``matched_words``: the query's own
  words (as typed, most informative first) found in ``best_passage``, the index of the passage that scores
  best by the same fusion (when that passage matched by meaning only, the words of the lexically best one).

Lexical part: BM25 (k1 1.2, b 0.75) over passages, each analysed in its own language
(:func:`analysis.terms`); postings are numpy arrays (no scipy). The query is analysed in its language (its
stop words); each query word is a group of forms that a passage scores once, with its best form: the word's
stem and Finnish lemmas match passages in the query's language, its stems in the corpus' other languages
match passages in those languages, and the bare word and its hyphen parts match any passage (names,
acronyms, loanwords such as ``LED-valaisin``). So a Finnish lemma ``use`` (from *usein*) never meets the
English ``use``. An unknown query language is analysed in every language of the corpus, like
:func:`analysis.query_terms`. A long query keeps its ``max_query_terms`` (40) most informative words by
idf × saturated query frequency. A document scores its best passage.

Semantic part: passage vectors are centred on the corpus mean and re-normalised (e5's cosines all sit
near 0.8; removing the shared direction spreads them), the query likewise; a passage scores its cosine
minus half its mean cosine to its 10 nearest passages in a fixed sample of 4,096 (CSLS: generic passages
in crowded regions stop topping every list). A document scores its best passage.

Fusion (``matching/fusion.py``), kept after a tuning/held-out check on the SBIR bench (bench/README.md,
"Matching quality"): each signal is standardised over the corpus for this query, BM25 as log(1 + score)
— z = (s − mean) / std — and the score is
``lexical_weight·z_lex + (1 − lexical_weight)·z_sem`` with equal weights. A document without a vector
takes its lexical z for the semantic one; a query without a vector scores ``z_lex``. Scores are thus in
standard deviations above the corpus average: on the bench the best match scores about 3 and the tenth
about 2 (medians). ``boosts`` are in the same unit: +0.1 reorders near-ties, +0.5 closes about 40 % of
the usual gap between the tenth match and the first (median 1.2), +1 or more overrides the text.

Speed and memory (bench/README.md, "Matching quality": 100,000 companies with 200,000 passages rank in
about 35–40 ms, hold about 260 MB, build in about 95 s): the indexes live in ``matching/`` (``lexical.py``,
``vectors.py``); ``rank`` sums posting arrays and multiplies the vector matrix in blocks, with no Python
loop over documents, and on large corpora the vector product runs in a second thread beside the BM25.
Vectors are kept as int8 with a per-row scale (``vector_storage``; float32 takes four times the memory,
ranks the same on the bench and is slower). float16 input is accepted but not kept: numpy converts it
to float32 too slowly for a per-query product.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Container, Hashable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import numpy as np

from .matching.fusion import Fusion
from .matching.lexical import Group, LexicalIndex
from .matching.params import MatchParams as MatchParams  # re-exported: callers tune the matcher here
from .matching.vectors import VectorIndex

K = TypeVar("K", bound=Hashable)  # a document's key (an object id)


@dataclass
class MatchDoc(Generic[K]):
    key: K
    passages: list[tuple[str, str]]  # (text, language code)
    vectors: np.ndarray | None = None  # (len(passages), dim) passage embeddings, same order


@dataclass
class Match(Generic[K]):
    key: K
    score: float
    lexical_rank: int | None  # 1-based among documents with a lexical match, None without one
    semantic_rank: int | None  # 1-based among documents with vectors, None without them
    matched_words: list[str] = field(default_factory=list)  # query words found in the best passage
    best_passage: int | None = None  # index into MatchDoc.passages


@functools.cache
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="matcher")


class MatchCorpus(Generic[K]):
    def __init__(self, docs: Sequence[MatchDoc[K]], *, params: MatchParams | None = None):
        self.params = p = params or MatchParams()
        docs = [doc for doc in docs if doc.passages]
        self.keys = [doc.key for doc in docs]
        self._index = {key: i for i, key in enumerate(self.keys)}
        counts = np.array([len(doc.passages) for doc in docs], dtype=np.int64)
        self.doc_start = (np.cumsum(counts) - counts).astype(np.int64)
        self.n_docs, self.n_passages = len(docs), int(counts.sum())
        self.languages = sorted({lang for doc in docs for _, lang in doc.passages})[:63]
        bit = {lang: 1 << i for i, lang in enumerate(self.languages)}
        self.passage_lang = np.array([bit.get(lang, 0) for doc in docs for _, lang in doc.passages], dtype=np.int64)
        # a document's passages after its first: (documents, passage rows) per position, for doc_max()
        self._later = [
            (np.flatnonzero(counts > j), self.doc_start[counts > j] + j)
            for j in range(1, int(counts.max()) if len(counts) and counts.max() <= 64 else 1)
        ]
        self._few_passages = not len(counts) or counts.max() <= 64
        self.lexical = LexicalIndex(
            ((text, lang) for doc in docs for text, lang in doc.passages),
            self.n_passages,
            self.languages,
            self.passage_lang,
            p,
        )
        blocks = [
            (start, np.asarray(doc.vectors).reshape(len(doc.passages), -1))
            for doc, start in zip(docs, self.doc_start.tolist(), strict=True)
            if doc.vectors is not None
        ]
        self.semantic = VectorIndex(blocks, self.n_passages, p)
        self.has_vector = self.semantic.has_vector
        self.doc_has_vector = (
            np.logical_or.reduceat(self.has_vector, self.doc_start) if self.n_docs else np.zeros(0, dtype=bool)
        )

    def doc_max(self, values: np.ndarray) -> np.ndarray:
        """Each document's best passage value (faster than ``np.maximum.reduceat`` for 1–3 passages)."""
        if not self._few_passages:
            return np.maximum.reduceat(values, self.doc_start)
        out = values[self.doc_start]
        for docs, rows in self._later:
            out[docs] = np.maximum(out[docs], values[rows])
        return out

    def _evaluate(
        self, query_text: str, query_language: str, query_vector: np.ndarray | None
    ) -> tuple[Fusion | None, list[Group]]:
        if not self.n_docs or not (query_text or "").strip():
            return None, []
        use_sem = query_vector is not None and bool(self.doc_has_vector.any())
        semantic = None
        if query_vector is not None and use_sem and self.params.parallel and self.n_passages >= 20_000:
            # numpy lets go of the GIL while it multiplies: the vectors run beside the Python-bound BM25
            semantic = _pool().submit(self.semantic.scores, query_vector)
        groups = self.lexical.query_groups(query_text, query_language)
        lex_p = self.lexical.scores(groups)
        sem_p = (
            semantic.result()
            if semantic
            else self.semantic.scores(query_vector)
            if use_sem and query_vector is not None
            else None
        )
        if not groups and not use_sem:
            return None, groups
        return Fusion(self, self.params, lex_p, sem_p), groups

    def scores(self, query_text: str, query_language: str, query_vector: np.ndarray | None) -> np.ndarray:
        """Every document's fused score in ``self.keys`` order (−inf: no evidence at all); for evaluation."""
        fusion, _groups = self._evaluate(query_text, query_language, query_vector)
        if fusion is None:
            return np.full(self.n_docs, -np.inf, dtype=np.float32)
        return np.where(fusion.candidates, fusion.doc_scores(), -np.inf).astype(np.float32)

    def rank(
        self,
        query_text: str,
        query_language: str,
        query_vector: np.ndarray | None,
        *,
        k: int = 10,
        allowed: Container[K] | None = None,
        boosts: Mapping[K, float] | None = None,
    ) -> list[Match[K]]:
        """The ``k`` best documents for the query, best first (see the module docstring)."""
        fusion, groups = self._evaluate(query_text, query_language, query_vector)
        if fusion is None or k <= 0:
            return []
        fused = fusion.doc_scores()
        for key, bonus in (boosts or {}).items():
            i = self._index.get(key)
            if i is not None:
                fused[i] += bonus
        mask = fusion.candidates & self._allowed_mask(allowed)
        top = self._top(np.where(mask, fused, -np.inf), int(mask.sum()), k)
        return self._matches(top, fused, fusion, groups)

    # -- results ----------------------------------------------------------------------------------------
    def _allowed_mask(self, allowed: Container[K] | None) -> np.ndarray:
        if allowed is None:
            return np.ones(self.n_docs, dtype=bool)
        mask = np.zeros(self.n_docs, dtype=bool)
        if isinstance(allowed, Collection) and not isinstance(allowed, str | bytes):
            for key in allowed:
                i = self._index.get(key)
                if i is not None:
                    mask[i] = True
        else:  # a bare Container only answers `in`
            mask[:] = [key in allowed for key in self.keys]
        return mask

    @staticmethod
    def _top(scores: np.ndarray, available: int, k: int) -> np.ndarray:
        k = min(k, available)
        if k <= 0:
            return np.zeros(0, dtype=np.int64)
        part = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        return part[np.lexsort((part, -scores[part]))]  # score, then corpus order: deterministic

    def _matches(self, top: np.ndarray, fused: np.ndarray, fusion: Fusion, groups: list[Group]) -> list[Match[K]]:
        lex, sem = fusion.lex, fusion.sem
        sem_have = sem[self.doc_has_vector] if sem is not None else None
        best, lexical_best = [], []
        for i in top.tolist():
            start = int(self.doc_start[i])
            end = int(self.doc_start[i + 1]) if i + 1 < self.n_docs else self.n_passages
            best.append(start + int(np.argmax(fusion.passage_scores(start, end))))
            lexical_best.append(start + int(np.argmax(fusion.lex_p[start:end])))
        words = self.lexical.matched_words(np.array(best + lexical_best, dtype=np.int64), groups)
        out = []
        for n, i in enumerate(top.tolist()):
            found = words[n]
            if not found and lex[i] > 0:  # the best passage matched by meaning: the lexically best one's words
                found = words[len(best) + n]
            semantic_rank = None
            if sem is not None and sem_have is not None and self.doc_has_vector[i]:
                semantic_rank = int((sem_have > sem[i]).sum()) + 1
            out.append(
                Match(
                    self.keys[i],
                    float(fused[i]),
                    int((lex > lex[i]).sum()) + 1 if lex[i] > 0 else None,
                    semantic_rank,
                    found,
                    best[n] - int(self.doc_start[i]),
                )
            )
        return out
