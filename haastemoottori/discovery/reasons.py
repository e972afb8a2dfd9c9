"""The words a suggestion shows as its reason: the terms that carried the match, in base form, never filler.

The matcher returns the query's words as typed that its best passage shares (``Match.matched_words``);
shown raw they included verbs and pronouns of the profile's prose ("Olemme", "Osaamme", "Tarjoamme"),
numerals ("kymmenen"), idioms ("avaimet käteen" → "käteen"), words every challenge has ("kaupungeille")
and words of the company's or a city's name ("Esbo"). :func:`reason_terms` keeps a word only when

- it is not a stop word in any language, nor a generic filler word of this platform (:data:`FILLER`);
- in Finnish, Voikko analyses it only as a noun or adjective (or does not know it: a loanword, an acronym),
  and it is shown in its base form (``kaupungeille`` → ``kaupunki``, then dropped as filler);
- it is not a word of a name excluded by the caller (the organisation's own name, the cities' names): a name
  is who someone is, never evidence of what they do;
- it is not found in most documents of the corpus searched (a word in over half of them carries nothing).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

import numpy as np

from haastemoottori.search import analysis

# Words of this platform's texts that say nothing about a topic: cities, solutions, services, companies …
FILLER = {
    "fi": {
        "kaupunki",
        "kunta",
        "ratkaisu",
        "palvelu",
        "yritys",
        "haaste",
        "asiakas",
        "tarve",
        "tapa",
        "osa",
        "kerta",
        "aika",
        "kohde",
        "prosentti",
        "määrä",
        "tavoite",
        "käsi",
        "avain",
        "toimitus",
        "alue",
        "hanke",
        "pilotti",
        "kokemus",
        "asia",
    },
    "sv": {
        "stad",
        "städer",
        "staden",
        "kommun",
        "lösning",
        "lösningar",
        "tjänst",
        "tjänster",
        "företag",
        "kund",
        "kunder",
        "färre",
        "fler",
        "flera",
        "mer",
        "mera",
        "mindre",
        "procent",
        "erbjuder",
        "kan",
        "vill",
        "nyckelfärdig",
        "pilot",
        "projekt",
    },
    "en": {
        "city",
        "cities",
        "solution",
        "solutions",
        "service",
        "services",
        "company",
        "companies",
        "customer",
        "customers",
        "fewer",
        "more",
        "less",
        "year",
        "years",
        "cent",
        "percent",
        "offer",
        "offers",
        "provide",
        "provides",
        "turnkey",
        "pilot",
        "project",
    },
}
# Voikko word classes shown as reasons (nouns, adjectives, and compounds of names with nouns).
CONTENT_CLASSES = {"nimisana", "laatusana", "nimisana_laatusana", "nimi_laatusana"}
MIN_CORPUS_FOR_DF = 8  # below this many documents a word's spread says little
MAX_SHARE = 0.5  # a word in more than this share of the corpus' documents is not a reason


def _all_stop_words() -> set[str]:
    out: set[str] = set()
    for words in analysis.STOP_WORDS.values():
        out |= words
    for words in FILLER.values():
        out |= words
    return out


STOP = _all_stop_words()


def base_form(word: str, language: str) -> str | None:
    """The word as a reason (Finnish base form), or None when it is not a content word."""
    folded = analysis.fold(word)
    if folded in STOP or len(folded) < 3 or any(ch.isdigit() for ch in folded):
        return None
    if language == "fi" and analysis.voikko() is not None:
        analyses = analysis.voikko().analyze(word)
        if analyses:
            content = [a for a in analyses if a.get("CLASS") in CONTENT_CLASSES]
            # any reading as a verb, numeral, pronoun, place or person name: not shown as a topic
            # ("Osaamme" is also the noun osa, "kymmenen" also the noun kymmen)
            if len(content) < len(analyses):
                return None
            folded = analysis.fold(content[0].get("BASEFORM", folded))
            if folded in STOP:
                return None
    return folded


def name_terms(names: Iterable[str], *, also_in: Iterable[str] = ()) -> set[str]:
    """Every form of every word of these names, in every analysed language (to compare with reasons);
    a name word that the texts ``also_in`` use too (its forms meet) is left out: there it is evidence."""
    elsewhere: set[str] = set()
    for text in also_in:
        for word in analysis.words(text or ""):
            elsewhere |= _forms(word)
    out: set[str] = set()
    for name in names:
        for word in analysis.words(name or ""):
            forms = _forms(word)
            if not forms & elsewhere:
                out |= forms
    return out


def _forms(word: str) -> set[str]:
    forms = {word}
    for lang in ("fi", "sv", "en"):
        forms.update(analysis.word_terms(word, lang))
    return forms


def _common(corpus: Any, word: str, language: str) -> bool:
    """Whether the word is found in over MAX_SHARE of the corpus' documents (in any of its forms)."""
    lexical = getattr(corpus, "lexical", None)
    n_docs = getattr(corpus, "n_docs", 0)
    if lexical is None or n_docs < MIN_CORPUS_FOR_DF:
        return False
    docs: set[int] = set()
    for term in {word, *analysis.word_terms(word, language)}:
        tid = lexical.vocab.get(term)
        if tid is None:
            continue
        pid = lexical.post_pid[lexical.post_start[tid] : lexical.post_start[tid + 1]]
        docs.update(np.searchsorted(corpus.doc_start, pid, side="right").tolist())
    return len(docs) > MAX_SHARE * n_docs


def reason_terms(
    words: Iterable[str],
    *,
    language: str,
    excluded: Collection[str] = frozenset(),
    corpus: Any = None,
    limit: int = 6,
) -> list[str]:
    """The shown reasons from the matcher's matched words (see the module docstring), best first;
    ``excluded``: the forms of names that are not evidence (:func:`name_terms`)."""
    out: list[str] = []
    for word in words:
        base = base_form(word, language)
        if base is None or base in out:
            continue
        if not _forms(analysis.fold(word)).isdisjoint(excluded) or not _forms(base).isdisjoint(excluded):
            continue
        if corpus is not None and _common(corpus, base, language):
            continue
        out.append(base)
        if len(out) >= limit:
            break
    return out
