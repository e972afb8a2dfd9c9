"""Text analysis shared by the search index and the matcher: tokens, stop words, stems and lemmas.

Every language's text is reduced to *terms*: the Snowball stem of each word in that language, and for
Finnish also its Voikko lemma (base form) where libvoikko and a Finnish dictionary are installed.
Postgres' and SQLite's own full-text machinery index these terms, and the matcher's BM25 scores them,
so an inflected Finnish query (``kaupunkien``) meets its base form (``kaupunki``) wherever it is.
Without Voikko, Finnish falls back to the Snowball stemmer only, and the log says so once.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from typing import Any

from .stopwords import STOP_WORDS as STOP_WORDS  # re-exported: analysis.STOP_WORDS

logger = logging.getLogger(__name__)

WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)

# Snowball algorithm per language code; a language without one is only lower-cased.
SNOWBALL = {
    "fi": "finnish",
    "sv": "swedish",
    "en": "english",
    "da": "danish",
    "no": "norwegian",
    "nb": "norwegian",
    "de": "german",
    "et": "estonian",
    "fr": "french",
    "es": "spanish",
}


@functools.cache
def _stemmer(language: str) -> Any:  # a PyStemmer Stemmer (untyped), or None
    algorithm = SNOWBALL.get(language)
    if not algorithm:
        return None
    try:
        import Stemmer  # PyStemmer: the Snowball algorithms in C

        return Stemmer.Stemmer(algorithm)
    except (ImportError, KeyError):  # pragma: no cover - PyStemmer is a pinned dependency
        return None


@functools.cache
def voikko() -> Any:  # a libvoikko.Voikko (untyped), or None
    """The Finnish morphological analyser, or None when libvoikko or its dictionary is missing."""
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except Exception as exc:  # OSError (no libvoikko.so), VoikkoException (no dictionary), ImportError
        logger.warning(
            "Voikko is not available (%s); Finnish search falls back to the Snowball stemmer. "
            "Install libvoikko1 and voikko-fi for lemmatised Finnish.",
            exc,
        )
        return None


def has_voikko() -> bool:
    return voikko() is not None


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold()


def words(text: str) -> list[str]:
    return WORD_RE.findall(fold(text))


@functools.lru_cache(maxsize=200_000)
def _lemmas(word: str) -> tuple[str, ...]:
    analyser = voikko()
    if analyser is None:
        return ()
    seen: list[str] = []
    for analysis in analyser.analyze(word):
        base = fold(analysis.get("BASEFORM", ""))
        if base and base not in seen:
            seen.append(base)
    return tuple(seen[:2])


def lemmas(text: str) -> list[str]:
    """Finnish base forms of the words in ``text`` (empty without Voikko), for Postgres' 'simple' index."""
    if voikko() is None:
        return []
    stop = STOP_WORDS["fi"]
    out: list[str] = []
    for word in words(text):
        if word in stop or len(word) > 60:
            continue
        found = _lemmas(word)
        out.extend(found or (word,))
    return out


def word_terms(word: str, language: str) -> list[str]:
    """The index terms for one word: its stem, and for Finnish its lemmas (themselves stemmed too)."""
    stemmer = _stemmer(language)
    terms = [stemmer.stemWord(word) if stemmer else word]
    if language == "fi":
        for lemma in _lemmas(word):
            for part in lemma.split("-"):
                terms.append(stemmer.stemWord(part) if stemmer else part)
    out = []
    for term in terms:
        if term and term not in out:
            out.append(term)
    return out


def terms(text: str, language: str, *, keep_stop_words: bool = False) -> list[str]:
    """Analyse ``text`` written in ``language`` into index terms, in order (a word may give several)."""
    stop = STOP_WORDS.get(language, set())
    out: list[str] = []
    for word in words(text):
        if (not keep_stop_words and word in stop) or len(word) > 60:
            continue
        out.extend(word_terms(word, language))
    return out


def query_terms(text: str, languages: list[str]) -> list[list[str]]:
    """A query's words, each as the set of terms it may match in any of ``languages``.

    The searcher does not say which language they typed in, so each word is analysed in every language
    and matches a document that has any of its forms.
    """
    groups: list[list[str]] = []
    for word in words(text):
        if all(word in STOP_WORDS.get(lang, set()) for lang in languages) or len(word) > 60:
            continue
        forms: list[str] = []
        for lang in languages:
            for term in word_terms(word, lang):
                if term not in forms:
                    forms.append(term)
        if word not in forms:
            forms.append(word)
        groups.append(forms)
    return groups


MIN_COMPOUND_PART = 3


@functools.lru_cache(maxsize=50_000)
def compound_parts(word: str) -> tuple[str, ...]:
    """A Finnish compound split at its last boundary into two words Voikko knows, as written there
    (``hulevesienhallinta`` → ``hulevesien``, ``hallinta``); () for a word that is not a compound or
    without Voikko. Each part then meets its own lemma and stem in the index (``hulevesi``, ``hallinta``)."""
    analyser = voikko()
    if analyser is None or "-" in word:
        return ()
    for analysis in analyser.analyze(word):
        structure = analysis.get("STRUCTURE", "")
        letters = [ch for ch in structure if ch != "="]
        if len(letters) != len(word):
            continue
        bounds, position = [], 0
        for ch in structure:
            if ch == "=":
                if position:
                    bounds.append(position)
            else:
                position += 1
        for cut in reversed(bounds):
            left, right = word[:cut], word[cut:]
            if len(left) < MIN_COMPOUND_PART or len(right) < MIN_COMPOUND_PART:
                continue
            if analyser.analyze(left) and analyser.analyze(right):
                return (left, right)
    return ()


def query_alternatives(text: str, languages: list[str]) -> list[list[list[list[str]]]]:
    """Like :func:`query_terms`, but each query word is a list of alternatives, each a list of groups that
    must all match: the word itself (one group), or for a Finnish compound also its parts
    (``hulevesienhallinta`` finds a text about ``hulevesien hallinta``). Unlike :func:`query_terms`, a stop
    word of *any* of the languages is left out (see :func:`stop_anywhere`)."""
    out: list[list[list[list[str]]]] = []
    for word in _query_words(text, languages):
        alternatives = [[_forms(word, languages)]]
        if "fi" in languages:
            parts = compound_parts(word)
            if parts:
                alternatives.append([_forms(part, languages) for part in parts])
        out.append(alternatives)
    return out


def _query_words(text: str, languages: list[str]) -> list[str]:
    return [word for word in words(text) if not stop_anywhere(word, languages) and len(word) <= 60]


def stop_anywhere(word: str, languages: list[str]) -> bool:
    """A stop word of any of the languages: texts in that language were indexed without it, so requiring
    it would miss them (``from`` in "waste heat from ice rinks" is in no English document's terms)."""
    return any(word in STOP_WORDS.get(lang, set()) for lang in languages)


def _forms(word: str, languages: list[str]) -> list[str]:
    forms: list[str] = []
    for lang in languages:
        for term in word_terms(word, lang):
            if term not in forms:
                forms.append(term)
    if word not in forms:
        forms.append(word)
    return forms


def split_compounds(text: str) -> str:
    """The text with each Finnish compound written as its parts (for Postgres' own parser)."""
    return " ".join(" ".join(compound_parts(word)) or word for word in words(text))
