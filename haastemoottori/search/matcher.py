"""PROVISIONAL matcher (BM25 + best-passage cosine, reciprocal rank fusion); being replaced by the
evaluated one. Same API: MatchDoc, MatchCorpus.rank(), Match."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Container, Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from . import analysis


@dataclass
class MatchDoc:
    key: Hashable
    passages: list[tuple[str, str]]
    vectors: np.ndarray | None = None


@dataclass
class Match:
    key: Hashable
    score: float
    lexical_rank: int | None = None
    semantic_rank: int | None = None
    matched_words: list[str] = field(default_factory=list)
    best_passage: int | None = None


class MatchCorpus:
    def __init__(self, docs: Sequence[MatchDoc], *, params=None):
        self.docs = list(docs)
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.lengths = np.zeros(len(self.docs), dtype=np.float32)
        for i, doc in enumerate(self.docs):
            counts: Counter = Counter()
            for text, lang in doc.passages:
                counts.update(analysis.terms(text, lang))
            self.lengths[i] = sum(counts.values())
            for term, n in counts.items():
                self.postings[term].append((i, n))
        self.avg = float(self.lengths.mean()) if len(self.docs) else 1.0

    def rank(self, query_text: str, query_language: str, query_vector: np.ndarray | None, *, k: int = 10,
             allowed: Container | None = None, boosts: Mapping | None = None) -> list[Match]:
        if not self.docs or not query_text.strip():
            return []
        scores = np.zeros(len(self.docs), dtype=np.float32)
        surface: dict[str, str] = {}
        for word in analysis.words(query_text):
            for term in analysis.word_terms(word, query_language):
                surface.setdefault(term, word)
        hits: dict[int, set[str]] = defaultdict(set)
        n = len(self.docs)
        for term in set(surface):
            posting = self.postings.get(term, [])
            if not posting or (n > 20 and len(posting) > n * 0.5):
                continue
            idf = math.log(1 + (n - len(posting) + 0.5) / (len(posting) + 0.5))
            for i, tf in posting:
                scores[i] += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * self.lengths[i] / self.avg))
                hits[i].add(surface[term])
        lexical = [i for i in np.argsort(-scores) if scores[i] > 0][:200]
        semantic: list[int] = []
        best_passage: dict[int, int] = {}
        if query_vector is not None:
            sims = np.full(n, -2.0, dtype=np.float32)
            for i, doc in enumerate(self.docs):
                if doc.vectors is not None and len(doc.vectors):
                    row = np.nan_to_num(doc.vectors.astype(np.float32) @ query_vector.astype(np.float32), nan=-2.0)
                    sims[i], best_passage[i] = float(row.max()), int(row.argmax())
            semantic = [i for i in np.argsort(-sims) if sims[i] > -2][:200]
        fused: dict[int, Match] = {}
        for rank, i in enumerate(lexical, 1):
            fused[i] = Match(self.docs[i].key, 1 / (60 + rank), lexical_rank=rank, matched_words=sorted(hits[i]))
        for rank, i in enumerate(semantic, 1):
            m = fused.setdefault(i, Match(self.docs[i].key, 0.0))
            m.semantic_rank, m.score, m.best_passage = rank, m.score + 1 / (60 + rank), best_passage.get(i)
        out = [m for m in fused.values() if allowed is None or m.key in allowed]
        for m in out:
            m.score += (boosts or {}).get(m.key, 0.0)
        return sorted(out, key=lambda m: -m.score)[:k]
