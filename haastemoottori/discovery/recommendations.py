"""Suggestions both ways: solvers for a challenge, open challenges for a solver — with the reasons shown.

The ranking is the matcher's (matcher.py: BM25 over analysed terms fused with passage embeddings,
evaluated in bench/match_eval.py); this module feeds it the public index, then re-ranks the best
candidates with structured signals (shared themes, the solver serving the owner city, the challenge's
language) and says why each suggestion was made.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.challenges.lifecycle import STAGE_INFO, Stage
from haastemoottori.challenges.models import Challenge
from haastemoottori.organisations.models import Organisation
from haastemoottori.search.embeddings import from_bytes, get_embedder
from haastemoottori.search.matcher import MatchCorpus, MatchDoc
from haastemoottori.search.models import SearchDocument

from . import profiles
from .reasons import name_terms, reason_terms

CANDIDATES = 20
# The matcher's scores are in standard deviations above the corpus average (good matches 3-8), so these
# reorder close candidates without lifting an unrelated one over a clear match.
THEME_BOOST = 0.25  # per shared theme, at most two counted
CITY_BOOST = 0.3
LANGUAGE_BOOST = 0.1
NOT_JOINABLE_PENALTY = 100.0  # below every suggestion the solver can take part in

# Stages where a solver can still take part: questions, co-definition, the open call.
OPEN_STAGES = [
    s.value
    for s in Stage
    if STAGE_INFO[s].public
    and not STAGE_INFO[s].terminal
    and (STAGE_INFO[s].accepts_questions or STAGE_INFO[s].accepts_proposals or s == Stage.CO_DEFINITION)
]


@dataclass
class Suggestion:
    challenge: Challenge
    organisation: Organisation
    score: float
    rank: int = 0
    reasons: list[str] = field(default_factory=list)
    matched_words: list[str] = field(default_factory=list)
    not_joinable: list[str] = field(default_factory=list)  # why the solver cannot take part (empty: it can)
    verdict: bool | None = None  # the viewer's feedback on it, set by the suggestion pages


# When the index of a kind last changed: the newest indexing and embedding times.
Version = tuple[datetime | None, datetime | None]


@dataclass
class _CorpusCache:
    corpus: MatchCorpus[int] | _EmptyCorpus
    version: Version
    checked_at: float
    rebuilding: bool = False


_corpora: dict[str, _CorpusCache] = {}
_lock = threading.Lock()
KIND_OF_TARGET = {
    "public": SearchDocument.Kind.CHALLENGE,
    "challenges": SearchDocument.Kind.CHALLENGE,
    "solvers": SearchDocument.Kind.ORGANISATION,
}


def _docs_queryset(target: str) -> QuerySet[SearchDocument]:
    if target == "public":  # every public challenge, for "similar challenges"
        return SearchDocument.objects.filter(kind=SearchDocument.Kind.CHALLENGE, is_public=True)
    if target == "solvers":
        solver_ids = Organisation.objects.matchable().values("pk")
        return SearchDocument.objects.filter(
            kind=SearchDocument.Kind.ORGANISATION, is_public=True, object_id__in=solver_ids
        )
    open_ids = Challenge.objects.public().filter(stage__in=OPEN_STAGES).values("pk")
    return SearchDocument.objects.filter(kind=SearchDocument.Kind.CHALLENGE, is_public=True, object_id__in=open_ids)


def _vectors(doc_vectors: bytes | None, n: int) -> np.ndarray | None:
    if not doc_vectors or not n:
        return None
    return from_bytes(doc_vectors, n).astype(np.float16)


def _match_doc(
    object_id: int,
    passages: list[list[str]],
    texts: dict[str, dict[str, str]],
    vectors: np.ndarray | None,
    *,
    with_title: bool = True,
) -> MatchDoc[int]:
    """The matcher's view of a document: its embedded passages, the first one carrying the whole text in
    its language for the lexical side, plus one lexical-only passage per other language it is written in.
    An organisation's title is its name, which is not evidence of what it does (``with_title=False``)."""
    full = {
        lang: text
        for lang, parts in texts.items()
        if (text := "\n".join(p for p in (parts.get("title") if with_title else "", parts.get("body")) if p))
    }
    embedded = [(text, lang) for text, lang in passages]
    if embedded:
        first_lang = embedded[0][1]
        embedded[0] = (full.pop(first_lang, embedded[0][0]), first_lang)
    extra = [(text, lang) for lang, text in full.items()]
    return MatchDoc(key=object_id, passages=embedded + extra, vectors=_padded(vectors, len(extra)))


def _build(target: str, version: Version) -> _CorpusCache:
    model = get_embedder().name
    docs = []
    qs = _docs_queryset(target).values_list("object_id", "passages", "texts", "vectors", "embedding_model")
    for object_id, passages, texts, vectors, embedding_model in qs.iterator(chunk_size=2000):
        usable = _vectors(vectors, len(passages)) if embedding_model == model else None
        docs.append(_match_doc(object_id, passages, texts, usable, with_title=target != "solvers"))
    return _CorpusCache(MatchCorpus(docs) if docs else _EMPTY, version, time.monotonic())


class _EmptyCorpus:
    def rank(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


_EMPTY = _EmptyCorpus()


def _padded(vectors: np.ndarray | None, extra: int) -> np.ndarray | None:
    """Lexical-only passages (full texts in every language) get no vector: NaN rows the matcher skips."""
    if vectors is None:
        return None
    if not extra:
        return vectors
    return np.vstack([vectors, np.full((extra, vectors.shape[1]), np.nan, dtype=vectors.dtype)])


def _version(target: str) -> Version:
    """Cheap marks of change (two index look-ups): the newest indexing and embedding of the kind."""
    agg = SearchDocument.objects.filter(kind=KIND_OF_TARGET[target]).aggregate(
        i=Max("indexed_at"), e=Max("embedded_at")
    )
    return (agg["i"], agg["e"])


def _rebuild_in_background(target: str, version: Version) -> None:
    def run() -> None:
        try:
            fresh = _build(target, version)
            with _lock:
                _corpora[target] = fresh
        finally:
            connection.close()
            cached = _corpora.get(target)
            if cached is not None:
                cached.rebuilding = False

    threading.Thread(target=run, name=f"matcher-{target}", daemon=True).start()


def corpus(target: str) -> MatchCorpus[int] | _EmptyCorpus:
    """The matcher's corpus for ``target``, built on first use and rebuilt when the index changed.

    A rebuild of 100,000 profiles takes tens of seconds, so after the first one it happens in a background
    thread at most every ``HAASTEMOOTTORI_MATCHER_REFRESH_SECONDS`` while the previous corpus answers;
    callers filter what it returns against the database, so nothing unpublished or unlisted slips through.
    """
    refresh = settings.HAASTEMOOTTORI_MATCHER_REFRESH_SECONDS
    cached = _corpora.get(target)
    now = time.monotonic()
    if cached is not None and (cached.rebuilding or (refresh and now - cached.checked_at < refresh)):
        return cached.corpus
    version = _version(target)
    if cached is not None and cached.version == version:
        cached.checked_at = now
        return cached.corpus
    if cached is not None and refresh:
        cached.rebuilding, cached.checked_at = True, now
        _rebuild_in_background(target, version)
        return cached.corpus
    with _lock:
        cached = _build(target, version)
        _corpora[target] = cached
    return cached.corpus


def forget() -> None:
    _corpora.clear()


def _query(kind: str, object_id: int) -> tuple[str, str, np.ndarray | None]:
    """A record's own passages as the matcher's query: its text, language and first passage vector."""
    doc = SearchDocument.objects.filter(kind=kind, object_id=object_id).first()
    if doc is None or not doc.passages:
        return "", "", None
    text = "\n".join(t for t, _lang in doc.passages)
    vector = None
    if doc.vectors and doc.embedding_model == get_embedder().name:
        vector = from_bytes(doc.vectors, len(doc.passages))[0]
    return text, doc.passages[0][1], vector


def _add_signals(
    suggestion: Suggestion, *, themes: list[Any], cities: list[Any], city_reason: str, same_language: bool
) -> None:
    """Structured signals beside the text: shared themes, a city in common, the challenge's language."""
    if themes:
        suggestion.score += THEME_BOOST * min(len(themes), 2)
        suggestion.reasons.append(_("Shared themes: %(themes)s") % {"themes": ", ".join(map(str, themes))})
    if cities:
        suggestion.score += CITY_BOOST
        suggestion.reasons.append(city_reason % {"cities": ", ".join(map(str, cities))})
    if same_language:
        suggestion.score += LANGUAGE_BOOST


def _city_names() -> set[str]:
    """Every city's name in every language: a place is not a topic (the city reason says where)."""
    out: set[str] = set()
    for names in Organisation.objects.cities().values_list("name", flat=True):
        out |= name_terms((names or {}).values())
    return out


def solvers_for_challenge(*, challenge: Challenge, k: int = 10) -> list[Suggestion]:
    """Companies and research organisations that fit a challenge, best first, with reasons."""
    text, language, vector = _query(SearchDocument.Kind.CHALLENGE, challenge.pk)
    if not text:
        return []
    solver_corpus = corpus("solvers")
    matches = solver_corpus.rank(text, language, vector, k=CANDIDATES)
    ids = [m.key for m in matches]
    solvers = {
        o.pk: o
        for o in Organisation.objects.matchable()
        .filter(pk__in=ids)
        .prefetch_related("themes", "cities_served", "references")
    }
    themes = {t.pk: t for t in challenge.themes.all()}
    owner_ids = set(challenge.ownerships.values_list("organisation_id", flat=True))
    cities = _city_names()
    out = []
    for match in matches:
        solver = solvers.get(match.key)
        if solver is None:  # unlisted or removed since the corpus was built
            continue
        excluded = cities | name_terms((solver.name or {}).values(), also_in=profiles.profile_body(solver))
        words = reason_terms(match.matched_words, language=language, excluded=excluded, corpus=solver_corpus)
        suggestion = Suggestion(challenge, solver, match.score, matched_words=words)
        _add_signals(
            suggestion,
            themes=[t for t in solver.themes.all() if t.pk in themes],
            cities=[c for c in solver.cities_served.all() if c.pk in owner_ids],
            city_reason=_("Works in %(cities)s"),
            same_language=challenge.original_language in (solver.languages_served or []),
        )
        _reference_reason(suggestion, solver, match)
        _mark_joinable(suggestion)
        out.append(suggestion)
    return _finish(out, k)


def _mark_joinable(suggestion: Suggestion) -> None:
    """A solver that cannot take part is shown after the ones that can, with why."""
    suggestion.not_joinable = profiles.not_joinable_because(suggestion.challenge, suggestion.organisation)
    if suggestion.not_joinable:
        suggestion.score -= NOT_JOINABLE_PENALTY


def _reference_reason(suggestion: Suggestion, solver: Organisation, match: Any) -> None:
    """When the best-matching passage was one of the solver's references, name that earlier project."""
    best = getattr(match, "best_passage", None)
    references = list(solver.references.all())
    if best is None or best < 1 or best > min(len(references), 3):
        return
    ref = references[best - 1]
    label = _("Similar earlier pilot: %(title)s") if ref.is_pilot else _("Similar earlier project: %(title)s")
    suggestion.reasons.append(label % {"title": ref.t.title})


def _finish(suggestions: list[Suggestion], k: int) -> list[Suggestion]:
    suggestions.sort(key=lambda s: -s.score)
    for rank, suggestion in enumerate(suggestions[:k], start=1):
        suggestion.rank = rank
        if suggestion.matched_words:
            suggestion.reasons.insert(0, _("Key terms: %(words)s") % {"words": ", ".join(suggestion.matched_words)})
    return suggestions[:k]


def challenges_for_solver(*, organisation: Organisation, k: int = 10) -> list[Suggestion]:
    """Open public challenges that fit a company's or research organisation's whole profile, with reasons.

    Challenges whose call has closed are left out; ones in no language the company serves are marked."""
    _text, language, vector = _query(SearchDocument.Kind.ORGANISATION, organisation.pk)
    text = profiles.profile_text(organisation)
    if not text:
        return []
    language = language or organisation.original_language
    challenge_corpus = corpus("challenges")
    matches = challenge_corpus.rank(text, language, vector, k=CANDIDATES)
    ids = [m.key for m in matches]
    now = timezone.now()
    challenges = {
        c.pk: c
        for c in Challenge.objects.public()
        .filter(pk__in=ids, stage__in=OPEN_STAGES)
        .prefetch_related("themes", "ownerships__organisation")
        if not profiles.call_closed(c, now)
    }
    themes = {t.pk for t in organisation.themes.all()}
    served = {c.pk for c in organisation.cities_served.all()}
    excluded = _city_names()  # the query never holds the name: profile_text leaves it out
    out = []
    for match in matches:
        challenge = challenges.get(match.key)
        if challenge is None:
            continue
        words = reason_terms(match.matched_words, language=language, excluded=excluded, corpus=challenge_corpus)
        suggestion = Suggestion(challenge, organisation, match.score, matched_words=words)
        _add_signals(
            suggestion,
            themes=[t for t in challenge.themes.all() if t.pk in themes],
            cities=[o.organisation for o in challenge.ownerships.all() if o.organisation_id in served],
            city_reason=_("In a city you serve: %(cities)s"),
            same_language=challenge.original_language in (organisation.languages_served or []),
        )
        _mark_joinable(suggestion)
        out.append(suggestion)
    return _finish(out, k)
