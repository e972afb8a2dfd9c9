"""The matcher's scoring: one query's two signals per passage (BM25, centred cosine) made into one score per
document. Its one setting, ``MatchParams.lexical_weight``, stays at 0.5: on the SBIR bench's tuning part no other
weight, no rank fusion and none of the other ideas tried (bench/matching/ideas.py) beat it by more than
noise, and what the tuning part chose scored lower on the held-out part (bench/README.md, "Matching
quality")."""

from __future__ import annotations

import math
from typing import Protocol

import numpy as np

from .params import MatchParams


class Layout(Protocol):
    """Where each document's passages are (a ``MatchCorpus``)."""

    doc_has_vector: np.ndarray

    def doc_max(self, values: np.ndarray) -> np.ndarray: ...


class Fusion:
    """Per-query fusion: each signal standardised over the documents that have it, then weighted.

    BM25 enters as log(1 + score): a long query's score sums many terms and is right-skewed, and its few
    large values would otherwise outweigh the cosine's bell shape at equal weights."""

    def __init__(self, layout: Layout, params: MatchParams, lex_p: np.ndarray, sem_p: np.ndarray | None):
        self.lex_p, self.sem_p = lex_p, sem_p
        self.w = params.lexical_weight if sem_p is not None else 1.0
        self.lex = layout.doc_max(lex_p)  # a document scores its best passage
        self.lex_stats = _mean_std(np.log1p(self.lex))  # over all documents: no match is a real 0
        self.candidates = self.lex > 0
        self.sem: np.ndarray | None = None
        if sem_p is not None:
            self.sem = layout.doc_max(sem_p)
            self.sem_stats = _mean_std(self.sem[layout.doc_has_vector])
            self.candidates = self.candidates | layout.doc_has_vector

    def _combine(self, lex: np.ndarray, sem: np.ndarray | None) -> np.ndarray:
        lex_z = (np.log1p(lex) - self.lex_stats[0]) / self.lex_stats[1]
        out: np.ndarray
        if sem is None:
            out = lex_z.astype(np.float32)
            return out
        sem_z = (sem - self.sem_stats[0]) / self.sem_stats[1]
        sem_z = np.where(np.isfinite(sem_z), sem_z, lex_z)  # no vector: the lexical evidence stands for both
        out = (self.w * lex_z + (1 - self.w) * sem_z).astype(np.float32)
        return out

    def doc_scores(self) -> np.ndarray:
        return self._combine(self.lex, self.sem)

    def passage_scores(self, start: int, end: int) -> np.ndarray:
        return self._combine(self.lex_p[start:end], None if self.sem_p is None else self.sem_p[start:end])


def _mean_std(values: np.ndarray) -> tuple[float, float]:
    if not len(values):
        return 0.0, 1.0
    mean, std = float(values.mean()), float(values.std())
    return mean, std if math.isfinite(std) and std > 1e-9 else 1.0
