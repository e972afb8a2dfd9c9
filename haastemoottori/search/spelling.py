"""“Did you mean …?”: a misspelt query word that nothing indexed contains, replaced by a close indexed word.

The vocabulary is the words of the public documents of one kind (their texts in every language), kept
in memory and rebuilt when the index of that kind changes. A query word is left alone when any of its
forms (stem, Finnish lemma, a compound's parts) is an indexed term; otherwise it is replaced by the
closest vocabulary word (``difflib`` ratio ≥ :data:`CUTOFF`, the more frequent word on a tie), if any.
Only words of at least :data:`MIN_LENGTH` letters are corrected: short ones are too often other words.
"""

from __future__ import annotations

import difflib
import threading
from collections import Counter
from datetime import datetime

from django.db.models import Max

from haastemoottori.core.i18n import language_codes

from . import analysis
from .models import SearchDocument

CUTOFF = 0.8
MIN_LENGTH = 5


class _Vocabulary:
    def __init__(self, words: Counter[str], terms: set[str]) -> None:
        self.words = words
        self.terms = terms
        self.by_first: dict[str, list[str]] = {}
        for word in words:
            self.by_first.setdefault(word[0], []).append(word)


_cache: dict[str, tuple[datetime | None, _Vocabulary]] = {}
_lock = threading.Lock()


def _vocabulary(kind: str) -> _Vocabulary:
    version = SearchDocument.objects.filter(kind=kind).aggregate(v=Max("indexed_at"))["v"]
    cached = _cache.get(kind)
    if cached is not None and cached[0] == version:
        return cached[1]
    words: Counter[str] = Counter()
    terms: set[str] = set()
    rows = SearchDocument.objects.filter(kind=kind, is_public=True).values_list("texts", "terms")
    for texts, doc_terms in rows.iterator(chunk_size=500):
        terms.update((doc_terms or "").split())
        for parts in (texts or {}).values():
            for field in ("title", "body"):
                words.update(w for w in analysis.words(parts.get(field) or "") if w.isalpha())
    vocabulary = _Vocabulary(words, terms)
    with _lock:
        _cache[kind] = (version, vocabulary)
    return vocabulary


def _known(word: str, vocabulary: _Vocabulary, languages: list[str]) -> bool:
    if word in vocabulary.words:
        return True
    for alternative in analysis.query_alternatives(word, languages)[0] if word else []:
        if all(any(term in vocabulary.terms for term in group) for group in alternative):
            return True
    return False


def did_you_mean(query: str, *, kind: str = SearchDocument.Kind.CHALLENGE) -> str | None:
    """The query with its unknown words corrected, or None when nothing needed (or could get) a correction."""

    languages = language_codes()
    vocabulary = _vocabulary(kind)
    if not vocabulary.words:
        return None
    changed = False
    out = []
    for word in analysis.words(query or ""):
        fixed = word
        if len(word) >= MIN_LENGTH and word.isalpha() and not _known(word, vocabulary, languages):
            # the first letter is rarely the misspelt one; comparing within it keeps this fast
            candidates = difflib.get_close_matches(word, vocabulary.by_first.get(word[0], []), n=3, cutoff=CUTOFF)
            if candidates:
                best = max(
                    candidates, key=lambda c: (difflib.SequenceMatcher(None, word, c).ratio(), vocabulary.words[c])
                )
                fixed, changed = best, True
        out.append(fixed)
    return " ".join(out) if changed else None


def forget() -> None:
    _cache.clear()
