"""The matcher's lexical index: BM25 over analysed passages, postings as numpy arrays (no scipy)."""

from __future__ import annotations

import functools
import re
import unicodedata
from array import array
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import analysis

if TYPE_CHECKING:
    from .params import MatchParams

_SURFACE_RE = re.compile(analysis.WORD_RE.pattern)

# A query word: (its surface form as typed, its forms as (term id, language mask; 0 = any), weight)
Group = tuple[str, list[tuple[int, int]], float]


@functools.lru_cache(maxsize=100_000)
def _word_terms(word: str, language: str) -> tuple[str, ...]:
    """A query word's terms in one language; queries share most of their words, so they are remembered."""
    return tuple(analysis.word_terms(word, language))


class LexicalIndex:
    """BM25 postings per term: ``post_pid`` (passage rows, ascending within a term) and ``post_weight``
    (the document side of BM25, tf·(k1+1)/(tf + k1·(1 − b + b·len/avglen))), sliced by ``post_start``."""

    def __init__(
        self,
        passages: Iterable[tuple[str, str]],
        n_passages: int,
        languages: list[str],
        passage_lang: np.ndarray,
        params: MatchParams,
    ) -> None:
        self.params, self.n_passages = params, n_passages
        self.languages, self.passage_lang = languages, passage_lang
        self._build(passages, params)

    def _build(self, passages: Iterable[tuple[str, str]], p: MatchParams) -> None:
        vocab: dict[str, int] = {}
        term_ids, tfs, lengths, owners = array("i"), array("i"), array("i"), array("i")
        for passage, (text, language) in enumerate(passages):
            counts: dict[int, int] = {}
            toks = analysis.terms(text, language)
            for term in toks:
                tid = vocab.setdefault(term, len(vocab))
                counts[tid] = counts.get(tid, 0) + 1
            term_ids.extend(counts.keys())
            tfs.extend(counts.values())
            owners.extend([passage] * len(counts))
            lengths.append(len(toks))
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
        self._idf = self.idf.tolist()  # per-term lookups in Python are faster on a list

    def query_groups(self, text: str, language: str) -> list[Group]:
        """The query's informative words, best first: (surface word, forms, weight).

        A form is (term id, language mask): the word's terms in a language match passages in that language
        only (a Finnish lemma ``use`` is not the English ``use``); the bare word and its hyphen parts match
        passages in any language (names, acronyms, loanwords)."""
        text = unicodedata.normalize("NFKC", text or "")
        known = language in analysis.SNOWBALL or language in analysis.STOP_WORDS
        form_langs = (
            [language, *(lang for lang in self.languages if lang != language)] if known else list(self.languages)
        )
        stop_langs = [language] if known else list(self.languages)
        bits = {lang: 1 << i for i, lang in enumerate(self.languages)}
        seen: dict[str, list[Any]] = {}  # folded word -> [first surface form, count]
        for surface in _SURFACE_RE.findall(text):
            entry = seen.setdefault(surface.casefold(), [surface, 0])
            entry[1] += 1
        groups: dict[tuple[int, ...], list[Any]] = {}
        for word, (surface, count) in seen.items():
            if len(word) > 60 or all(word in analysis.STOP_WORDS.get(lang, ()) for lang in stop_langs):
                continue
            forms: dict[int, int] = {}  # term id -> language mask, 0 = any language
            for lang in form_langs:
                bit = bits.get(lang)
                if bit is None:  # no passage in that language: only the bare word can meet it
                    continue
                for term in _word_terms(word, lang):
                    tid = self.vocab.get(term)
                    if tid is not None and forms.get(tid) != 0:
                        forms[tid] = forms.get(tid, 0) | bit
            for term in {word, *word.split("-")}:
                tid = self.vocab.get(term)
                if tid is not None:
                    forms[tid] = 0
            if forms:
                entry = groups.setdefault(tuple(sorted(forms)), [surface, list(forms.items()), 0])
                entry[2] += count
        kq = self.params.query_tf_k
        scored: list[Group] = []
        for surface, group_forms, qtf in groups.values():
            qweight = qtf * (kq + 1) / (qtf + kq) if kq > 0 else 1.0
            scored.append((surface, group_forms, max(self._idf[tid] for tid, _ in group_forms) * qweight))
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

    def scores(self, groups: list[Group]) -> np.ndarray:
        """BM25 of every passage: Σ over query words of (query weight × the best form's idf·tf part)."""
        scores = np.zeros(self.n_passages, dtype=np.float32)
        best = None  # per call, not per corpus: rank() may run in several threads at once
        for _surface, forms, weight in groups:
            qweight = weight / max(self._idf[tid] for tid, _ in forms)
            parts = [(tid, *self._postings(tid, mask)) for tid, mask in forms]
            if len(parts) == 1:
                tid, pid, w = parts[0]
                scores[pid] += w * np.float32(self._idf[tid] * qweight)
                continue
            if best is None:
                best = np.zeros(self.n_passages, dtype=np.float32)
            touched = []
            for tid, pid, w in parts:  # a term's postings are unique, so gather-max-scatter is exact
                best[pid] = np.maximum(best[pid], w * np.float32(self._idf[tid] * qweight))
                touched.append(pid)
            pid = np.concatenate(touched)
            scores[pid] += best[pid]  # a repeated index adds once: the same value is written twice
            best[pid] = 0.0
        return scores

    def matched_words(self, passages: np.ndarray, groups: list[Group]) -> list[list[str]]:
        """For each passage, the query words (most informative first) that it contains in a matching form."""
        found: list[list[str]] = [[] for _ in range(len(passages))]
        langs = self.passage_lang[passages]
        for surface, forms, _weight in groups:
            hit = np.zeros(len(passages), dtype=bool)
            for tid, mask in forms:
                pid = self.post_pid[self.post_start[tid] : self.post_start[tid + 1]]
                if not len(pid):
                    continue
                at = np.minimum(np.searchsorted(pid, passages), len(pid) - 1)
                here = pid[at] == passages
                hit |= here & ((langs & mask) != 0) if mask else here
            for n in np.flatnonzero(hit).tolist():
                found[n].append(surface)
        return found
