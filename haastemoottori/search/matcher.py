"""Rank documents (companies, challenges) for a query text: BM25 and embeddings, fused. Pure and in memory.

The product builds a :class:`MatchCorpus` from :class:`MatchDoc` rows (one per organisation or challenge)
and asks it for the best matches of a query::

    corpus = MatchCorpus([MatchDoc(key=org.id, passages=[(text, "fi"), ...], vectors=array_or_None), ...])
    corpus.rank(query_text, "fi", query_vector, k=10, allowed={...}, boosts={org_id: 0.05})
    -> [Match(key, score, lexical_rank, semantic_rank, matched_words, best_passage), ...]

``MatchDoc.passages`` are the document's texts, each with its language code: a capability statement, an
offering, each reference or award. ``vectors`` are their passage embeddings in the same order (float32 or
float16, L2-normalised; ``embed_passages``), or None when not embedded yet. ``query_vector`` is the query's
embedding (``embed_queries``) or None.

Lexical part: BM25 over passages, each analysed in its own language (:func:`analysis.terms`). The query is
analysed in its language (stop words of that language); each query word becomes a *group* of forms (its
stem and Finnish lemmas, plus its stems in the corpus' other languages, so a name or acronym meets the
same word in another language) and a passage scores the best form of each group once. A long query (a
whole challenge or award text) keeps its ``max_query_terms`` most informative words by idf × saturated
query frequency. An unknown query language is analysed in every language of the corpus, like
:func:`analysis.query_terms`. A document's lexical score is its best passage's.

Semantic part: cosine of the query vector to each passage vector; a document scores its best passage.
Documents without vectors have no semantic score; a query without a vector ranks lexically only.

Fusion: each signal is standardised over the corpus for this query (z = (s − mean) / std, the std taken
over documents that have the signal) and the document's score is ``lexical_weight·z_lex +
(1 − lexical_weight)·z_sem``. A document without a vector takes its lexical z for the missing semantic
one, so it is neither punished nor favoured; with no query vector the score is ``z_lex``. Scores are
therefore in standard deviations above the corpus average: good matches score about 3–8, an average
document 0. ``boosts`` are added to that score as they are: +0.5 lifts a document by half a standard
deviation, which reorders close neighbours but never lifts an unrelated document over a clear match.

Speed: BM25 postings are numpy arrays per term (no scipy); vectors are kept as float32 (or int8 with a
per-row scale, ``vector_storage="int8"``: a quarter of the memory, the same speed) and multiplied in
chunks. See bench/README.md "Matching quality" for measured quality, latency and memory.
"""

from __future__ import annotations

import math
import re
import unicodedata
from array import array
from collections.abc import Collection, Container, Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from . import analysis


@dataclass
class MatchDoc:
    key: Hashable
    passages: list[tuple[str, str]]  # (text, language code)
    vectors: np.ndarray | None = None  # (len(passages), dim) passage embeddings, same order


@dataclass
class Match:
    key: Hashable
    score: float
    lexical_rank: int | None  # 1-based among documents with a lexical match, None without one
    semantic_rank: int | None  # 1-based among documents with vectors, None without them
    matched_words: list[str] = field(default_factory=list)  # query words found in the best passage
    best_passage: int | None = None  # index into MatchDoc.passages


@dataclass(frozen=True)
class MatchParams:
    k1: float = 1.2  # BM25 term-frequency saturation
    b: float = 0.75  # BM25 length normalisation
    max_query_terms: int = 40  # informative query words kept from a long query
    query_tf_k: float = 1.2  # saturation of a word's frequency in the query (BM25's k3)
    lexical_weight: float = 0.5  # share of BM25 in the fused score
    hubness_k: int = 10  # neighbours that measure a passage's crowdedness (CSLS); 0 turns it off
    hubness_sample: int = 4096  # passages the neighbours are looked for among
    vector_storage: str = "float32"  # or "int8"
    chunk_rows: int = 16384  # rows of the vector matrix multiplied at once


_SURFACE_RE = re.compile(analysis.WORD_RE.pattern)


class MatchCorpus:
    def __init__(self, docs: Sequence[MatchDoc], *, params: MatchParams | None = None):
        self.params = p = params or MatchParams()
        docs = [doc for doc in docs if doc.passages]
        self.keys = [doc.key for doc in docs]
        self._index = {key: i for i, key in enumerate(self.keys)}
        counts = np.array([len(doc.passages) for doc in docs], dtype=np.int64)
        self.doc_start = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
        self.n_docs, self.n_passages = len(docs), int(counts.sum())
        self.languages = sorted({lang for doc in docs for _, lang in doc.passages})[:63]
        bit = {lang: 1 << i for i, lang in enumerate(self.languages)}
        self.passage_lang = np.array([bit.get(lang, 0) for doc in docs for _, lang in doc.passages], dtype=np.int64)
        self._build_lexical(docs, p)
        self._build_vectors(docs, p)

    # -- construction ---------------------------------------------------------------------------------
    def _build_lexical(self, docs: Sequence[MatchDoc], p: MatchParams) -> None:
        vocab: dict[str, int] = {}
        term_ids, tfs, lengths, owners = array("i"), array("i"), array("i"), array("i")
        passage = 0
        for doc in docs:
            for text, language in doc.passages:
                counts: dict[int, int] = {}
                toks = analysis.terms(text, language)
                for term in toks:
                    tid = vocab.setdefault(term, len(vocab))
                    counts[tid] = counts.get(tid, 0) + 1
                term_ids.extend(counts.keys())
                tfs.extend(counts.values())
                owners.extend([passage] * len(counts))
                lengths.append(len(toks))
                passage += 1
        self.vocab = vocab
        tids = np.frombuffer(term_ids, dtype=np.int32)
        tf = np.frombuffer(tfs, dtype=np.int32).astype(np.float32)
        pids = np.frombuffer(owners, dtype=np.int32)
        length = np.frombuffer(lengths, dtype=np.int32).astype(np.float32)
        norm = p.k1 * (1 - p.b + p.b * length / max(float(length.mean()) if len(length) else 1.0, 1.0))
        weight = tf * (p.k1 + 1) / (tf + norm[pids])
        order = np.argsort(tids, kind="stable")  # postings of a term stay in passage order
        self.post_pid = pids[order]
        self.post_weight = weight[order].astype(np.float32)
        df = np.bincount(tids, minlength=len(vocab))
        self.post_start = np.concatenate(([0], np.cumsum(df))).astype(np.int64)
        n = max(self.n_passages, 1)
        self.idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)

    def _build_vectors(self, docs: Sequence[MatchDoc], p: MatchParams) -> None:
        """Passage vectors centred on the corpus mean and re-normalised (see the module docstring)."""
        dims = {np.shape(doc.vectors)[1] for doc in docs if doc.vectors is not None}
        if len(dims) > 1:
            raise ValueError(f"passage vectors of different sizes: {sorted(dims)}")
        self.dim = dims.pop() if dims else 0
        blocks: list[tuple[int, np.ndarray, np.ndarray]] = []
        total, count = np.zeros(self.dim, dtype=np.float64), 0
        for doc, start in zip(docs, self.doc_start.tolist(), strict=True):
            if doc.vectors is None or not self.dim:
                continue
            block = np.asarray(doc.vectors).reshape(len(doc.passages), self.dim)
            present = np.isfinite(block).all(axis=1)  # NaN rows: passages not embedded (lexical only)
            total += block[present].sum(axis=0, dtype=np.float64)
            count += int(present.sum())
            blocks.append((start, block, present))
        self.mean_vector = (total / max(count, 1)).astype(np.float32)
        dtype = np.int8 if p.vector_storage == "int8" else np.float32
        self.vectors = np.zeros((self.n_passages if self.dim else 0, self.dim), dtype=dtype)
        self.vector_scale = np.ones(len(self.vectors), dtype=np.float32)
        self.has_vector = np.zeros(self.n_passages, dtype=bool)
        for start, block, present in blocks:
            rows = _centred(np.where(present[:, None], block, 0).astype(np.float32), self.mean_vector)
            end = start + len(rows)
            if dtype is np.int8:
                scale = np.maximum(np.abs(rows).max(axis=1), 1e-12) / 127.0
                self.vectors[start:end] = np.rint(rows / scale[:, None])
                self.vector_scale[start:end] = scale
            else:
                self.vectors[start:end] = rows
            self.has_vector[start:end] = present
        self.doc_has_vector = np.logical_or.reduceat(self.has_vector, self.doc_start) if self.n_docs else \
            np.zeros(0, dtype=bool)
        self.hubness = self._hubness(p)

    def _hubness(self, p: MatchParams) -> np.ndarray:
        """Each passage's mean cosine to its ``hubness_k`` nearest passages in a fixed sample of the corpus.

        Subtracting half of it (CSLS) stops generic passages in crowded regions from topping every list."""
        have = np.flatnonzero(self.has_vector)
        out = np.zeros(self.n_passages, dtype=np.float32)
        if not p.hubness_k or len(have) <= p.hubness_k + 1:
            return out
        rng = np.random.default_rng(0)
        sample = np.sort(rng.choice(have, size=min(p.hubness_sample, len(have)), replace=False))
        reference = self._rows(sample)
        k = p.hubness_k
        for start in range(0, len(have), 2048):
            rows = have[start:start + 2048]
            sims = self._rows(rows) @ reference.T
            sims[rows[:, None] == sample[None, :]] = -np.inf  # not its own neighbour
            out[rows] = np.partition(sims, sims.shape[1] - k, axis=1)[:, -k:].mean(axis=1)
        return out

    def _rows(self, index: np.ndarray) -> np.ndarray:
        rows = self.vectors[index].astype(np.float32)
        return rows * self.vector_scale[index, None] if self.vectors.dtype == np.int8 else rows

    # -- query ------------------------------------------------------------------------------------------
    def query_groups(self, text: str, language: str) -> list[tuple[str, list[tuple[int, int]], float]]:
        """The query's informative words, best first: (surface word, forms, weight).

        A form is (term id, language mask): the word's terms in a language match passages in that language
        only (a Finnish lemma ``use`` is not the English ``use``); the bare word and its hyphen parts match
        passages in any language (names, acronyms, loanwords)."""
        text = unicodedata.normalize("NFKC", text or "")
        known = language in analysis.SNOWBALL or language in analysis.STOP_WORDS
        form_langs = [language, *(lang for lang in self.languages if lang != language)] if known else \
            list(self.languages)
        stop_langs = [language] if known else list(self.languages)
        bits = {lang: 1 << i for i, lang in enumerate(self.languages)}
        groups: dict[tuple[int, ...], list] = {}
        for surface in _SURFACE_RE.findall(text):
            word = analysis.fold(surface)
            if len(word) > 60 or all(word in analysis.STOP_WORDS.get(lang, ()) for lang in stop_langs):
                continue
            forms: dict[int, int] = {}  # term id -> language mask, 0 = any language
            for lang in form_langs:
                bit = bits.get(lang)
                if bit is None:  # no passage in that language: only the bare word can meet it
                    continue
                for term in analysis.word_terms(word, lang):
                    tid = self.vocab.get(term)
                    if tid is not None and forms.get(tid) != 0:
                        forms[tid] = forms.get(tid, 0) | bit
            for term in {word, *word.split("-")}:
                tid = self.vocab.get(term)
                if tid is not None:
                    forms[tid] = 0
            if forms:
                entry = groups.setdefault(tuple(sorted(forms)), [surface, list(forms.items()), 0])
                entry[2] += 1
        kq = self.params.query_tf_k
        scored = []
        for surface, forms, qtf in groups.values():
            qweight = qtf * (kq + 1) / (qtf + kq) if kq > 0 else 1.0
            scored.append((surface, forms, float(self.idf[[tid for tid, _ in forms]].max()) * qweight))
        scored.sort(key=lambda g: -g[2])
        return scored[: self.params.max_query_terms]

    def _postings(self, tid: int, mask: int = 0) -> tuple[np.ndarray, np.ndarray]:
        s, e = self.post_start[tid], self.post_start[tid + 1]
        pid, weight = self.post_pid[s:e], self.post_weight[s:e]
        if mask and mask != self._all_languages:
            keep = (self.passage_lang[pid] & mask) != 0
            pid, weight = pid[keep], weight[keep]
        return pid, weight

    @property
    def _all_languages(self) -> int:
        return (1 << len(self.languages)) - 1

    def lexical_scores(self, groups) -> np.ndarray:
        """BM25 of every passage: Σ over query words of (query weight × the best form's idf·tf part)."""
        scores = np.zeros(self.n_passages, dtype=np.float32)
        for _surface, forms, weight in groups:
            qweight = weight / float(self.idf[[tid for tid, _ in forms]].max())
            parts = [(tid, *self._postings(tid, mask)) for tid, mask in forms]
            if len(parts) == 1:
                tid, pid, w = parts[0]
                scores[pid] += w * (self.idf[tid] * qweight)
                continue
            pid = np.concatenate([pp for _, pp, _ in parts])
            val = np.concatenate([w * (self.idf[tid] * qweight) for tid, _, w in parts])
            best = np.zeros(self.n_passages, dtype=np.float32)
            np.maximum.at(best, pid, val)
            scores += best
        return scores

    def semantic_scores(self, query_vector: np.ndarray) -> np.ndarray:
        q = np.asarray(query_vector, dtype=np.float32).reshape(-1)
        if q.shape[0] != self.dim:
            raise ValueError(f"query vector has {q.shape[0]} dimensions, the corpus {self.dim}")
        q = _centred(q[None, :], self.mean_vector)[0]
        out = np.empty(self.n_passages, dtype=np.float32)
        step = self.params.chunk_rows
        buffer = np.empty((min(step, self.n_passages), self.dim), dtype=np.float32)
        for start in range(0, self.n_passages, step):
            rows = self.vectors[start:start + step]
            if rows.dtype == np.float32:
                np.dot(rows, q, out=out[start:start + len(rows)])
            else:
                chunk = buffer[: len(rows)]
                chunk[...] = rows
                np.dot(chunk, q, out=out[start:start + len(rows)])
        if self.vectors.dtype == np.int8:
            out *= self.vector_scale
        out -= 0.5 * self.hubness
        out[~self.has_vector] = -np.inf
        return out

    def _evaluate(self, query_text: str, query_language: str, query_vector: np.ndarray | None):
        if not self.n_docs or not (query_text or "").strip():
            return None, []
        groups = self.query_groups(query_text, query_language)
        use_sem = query_vector is not None and bool(self.doc_has_vector.any())
        if not groups and not use_sem:
            return None, groups
        sem_p = self.semantic_scores(query_vector) if use_sem else None
        return _Fusion(self, self.lexical_scores(groups), sem_p), groups

    def scores(self, query_text: str, query_language: str, query_vector: np.ndarray | None) -> np.ndarray:
        """Every document's fused score in ``self.keys`` order (−inf: no evidence at all); for evaluation."""
        fusion, _groups = self._evaluate(query_text, query_language, query_vector)
        if fusion is None:
            return np.full(self.n_docs, -np.inf, dtype=np.float32)
        return np.where(fusion.candidates, fusion.doc_scores(), -np.inf).astype(np.float32)

    def rank(self, query_text: str, query_language: str, query_vector: np.ndarray | None, *, k: int = 10,
             allowed: Container | None = None, boosts: Mapping[Hashable, float] | None = None) -> list[Match]:
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
        return [self._match(int(i), float(fused[i]), fusion, groups) for i in top]

    # -- results ----------------------------------------------------------------------------------------
    def _allowed_mask(self, allowed: Container | None) -> np.ndarray:
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

    def _match(self, i: int, score: float, fusion: _Fusion, groups) -> Match:
        start = int(self.doc_start[i])
        end = int(self.doc_start[i + 1]) if i + 1 < self.n_docs else self.n_passages
        lex, sem = fusion.lex, fusion.sem
        lexical_rank = int((lex > lex[i]).sum()) + 1 if lex[i] > 0 else None
        semantic_rank = None
        if sem is not None and self.doc_has_vector[i]:
            semantic_rank = int((sem[self.doc_has_vector] > sem[i]).sum()) + 1
        best = int(np.argmax(fusion.passage_scores(start, end)))
        words = self._matched_words(start + best, groups)
        if not words and lex[i] > 0:  # the best passage matched by meaning: name the words of the lexical best
            words = self._matched_words(start + int(np.argmax(fusion.lex_p[start:end])), groups)
        return Match(self.keys[i], score, lexical_rank, semantic_rank, words, best)

    def _matched_words(self, passage: int, groups) -> list[str]:
        found = []
        for surface, forms, _weight in groups:
            for tid, mask in forms:
                pid, _ = self._postings(tid, mask)
                j = int(np.searchsorted(pid, passage))
                if j < len(pid) and pid[j] == passage:
                    found.append(surface)
                    break
        return found


class _Fusion:
    """Per-query fusion: each signal standardised over the documents that have it, then weighted.

    BM25 enters as log(1 + score): a long query's score sums many terms and is right-skewed, and its few
    large values would otherwise outweigh the cosine's bell shape at equal weights."""

    def __init__(self, corpus: MatchCorpus, lex_p: np.ndarray, sem_p: np.ndarray | None):
        self.corpus, self.lex_p, self.sem_p = corpus, lex_p, sem_p
        self.w = corpus.params.lexical_weight if sem_p is not None else 1.0
        self.lex = np.maximum.reduceat(lex_p, corpus.doc_start)
        self.lex_stats = _mean_std(np.log1p(self.lex))  # over all documents: no match is a real 0
        self.candidates = self.lex > 0
        self.sem = None
        if sem_p is not None:
            self.sem = np.maximum.reduceat(sem_p, corpus.doc_start)
            self.sem_stats = _mean_std(self.sem[corpus.doc_has_vector])
            self.candidates = self.candidates | corpus.doc_has_vector

    def _combine(self, lex: np.ndarray, sem: np.ndarray | None) -> np.ndarray:
        lex_z = (np.log1p(lex) - self.lex_stats[0]) / self.lex_stats[1]
        if sem is None:
            return lex_z.astype(np.float32)
        sem_z = (sem - self.sem_stats[0]) / self.sem_stats[1]
        sem_z = np.where(np.isfinite(sem_z), sem_z, lex_z)  # no vector: the lexical evidence stands for both
        return (self.w * lex_z + (1 - self.w) * sem_z).astype(np.float32)

    def doc_scores(self) -> np.ndarray:
        return self._combine(self.lex, self.sem)

    def passage_scores(self, start: int, end: int) -> np.ndarray:
        return self._combine(self.lex_p[start:end], None if self.sem_p is None else self.sem_p[start:end])


def _centred(rows: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Subtract the corpus mean and scale each row back to unit length (zero rows stay zero)."""
    rows = rows - mean
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 1e-6)


def _mean_std(values: np.ndarray) -> tuple[float, float]:
    if not len(values):
        return 0.0, 1.0
    mean, std = float(values.mean()), float(values.std())
    return mean, std if math.isfinite(std) and std > 1e-9 else 1.0
