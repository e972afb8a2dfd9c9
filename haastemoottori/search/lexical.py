"""Lexical search in the database's own full-text engine: Postgres tsvector or SQLite FTS5.

Both return ``[(object_id, score)]`` best first, public documents of one kind only. A query's words are
ANDed; each word matches any of its forms (its stem in every language, its Finnish lemma), and a Finnish
compound also matches its parts together (``hulevesienhallinta`` → ``hulevesien`` AND ``hallinta``,
see ``analysis.compound_parts``). A query of three or more words that finds nothing is tried again
requiring all its words but one (``RELAX_FROM_WORDS``).
"""

from __future__ import annotations

from django.db import connection

from . import analysis
from .indexing import PG_CONFIGS
from .models import SearchDocument

MAX_QUERY_WORDS = 12
RANK_CAP = 2000


def _languages() -> list[str]:
    from haastemoottori.core.i18n import language_codes

    return language_codes()


def lexical_search(*, kind: str, query: str, limit: int = 200) -> list[tuple[int, float]]:
    alternatives = analysis.query_alternatives(query, _languages())[:MAX_QUERY_WORDS]
    if not alternatives:
        return []
    groups = [alts[0][0] for alts in alternatives]
    if connection.vendor == "postgresql":
        found = _postgres(kind, query, groups, limit)
    elif connection.vendor == "sqlite":
        found = _sqlite(kind, alternatives, limit)
    else:
        return _fallback(kind, groups, limit)
    if not found and any(len(w) >= PREFIX_FROM_CHARS for w in analysis.words(query)):
        alternatives = _with_prefixes(alternatives)
        found = _postgres_prefix(kind, query, limit) if connection.vendor == "postgresql" else []
        if connection.vendor == "sqlite":
            found = _sqlite(kind, alternatives, limit)
    if not found and len(alternatives) >= RELAX_FROM_WORDS:
        found = _relaxed(kind, query, alternatives, limit)
    return found


# A word this long that finds nothing as a whole word is also tried as the start of a longer one: a
# Swedish or Finnish compound (``dagvatten`` → ``dagvattenhantering``, which Voikko does not split).
PREFIX_FROM_CHARS = 6


def _with_prefixes(alternatives: list[list[list[list[str]]]]) -> list[list[list[list[str]]]]:
    out = []
    for alts in alternatives:
        word = alts[0][0][-1]  # the bare word is the last form of its group
        extra = [[[word + "*"]]] if len(word) >= PREFIX_FROM_CHARS and word.isalpha() else []
        out.append(alts + extra)
    return out


def _postgres_prefix(kind: str, query: str, limit: int) -> list[tuple[int, float]]:
    words = [w for w in analysis.words(query) if w.isalpha()][:MAX_QUERY_WORDS]
    if not words:
        return []
    expression = " & ".join(
        f"({w}:*)" if len(w) >= PREFIX_FROM_CHARS and not analysis.stop_anywhere(w, _languages()) else w for w in words
    )
    return _postgres_run(kind, "to_tsquery('simple', %s)", [expression], limit)


# A query of this many words or more that finds nothing with all of them is tried again with all but one:
# "delivery vans parked on cycle lanes" finds the loading-zone challenge that never says "vans".
RELAX_FROM_WORDS = 3


def _has(term: str, terms: set[str]) -> bool:
    if term.endswith("*"):
        return any(t.startswith(term[:-1]) for t in terms)
    return term in terms


def _matches(alternatives: list[list[list[str]]], terms: set[str]) -> bool:
    return any(all(any(_has(t, terms) for t in group) for group in alt) for alt in alternatives)


def _relaxed(kind: str, query: str, alternatives: list[list[list[list[str]]]], limit: int) -> list[tuple[int, float]]:
    """Documents holding all the query's words but one, best first (any word found, then counted)."""
    if connection.vendor == "postgresql":
        candidates = _postgres_any(kind, query, limit * 5)
    else:
        candidates = _sqlite_any(kind, alternatives, limit * 5)
    if not candidates:
        return []
    need = len(alternatives) - 1
    terms = {
        object_id: set(f"{doc_terms} {doc_lemmas}".split())
        for object_id, doc_terms, doc_lemmas in SearchDocument.objects.filter(
            kind=kind, is_public=True, object_id__in=[c[0] for c in candidates]
        ).values_list("object_id", "terms", "lemmas")
    }
    out = []
    for object_id, score in candidates:
        found = sum(_matches(alts, terms.get(object_id, set())) for alts in alternatives)
        if found >= need:
            out.append((object_id, score))
    return out[:limit]


def _fts5_word(alts: list[list[list[str]]]) -> str:
    return "(" + " OR ".join("(" + " AND ".join(_fts5_group(g) for g in alt) + ")" for alt in alts) + ")"


def _sqlite_any(kind: str, alternatives: list[list[list[list[str]]]], limit: int) -> list[tuple[int, float]]:
    return _sqlite_match(kind, " OR ".join(_fts5_word(alts) for alts in alternatives), limit)


def _fts5_quote(term: str) -> str:
    """A term as an FTS5 string; a trailing ``*`` (from :func:`_with_prefixes`) makes it a prefix query."""
    if term.endswith("*"):
        return '"' + term[:-1].replace('"', '""') + '"*'
    return '"' + term.replace('"', '""') + '"'


def _fts5_group(group: list[str]) -> str:
    return "(" + " OR ".join(_fts5_quote(t) for t in group) + ")"


def _sqlite(kind: str, alternatives: list[list[list[list[str]]]], limit: int) -> list[tuple[int, float]]:
    return _sqlite_match(kind, " AND ".join(_fts5_word(alts) for alts in alternatives), limit)


def _sqlite_match(kind: str, match: str, limit: int) -> list[tuple[int, float]]:
    sql = (
        "SELECT d.object_id, -bm25(search_fts) AS score FROM search_fts "
        "JOIN search_searchdocument d ON d.id = search_fts.rowid "
        "WHERE search_fts MATCH %s AND d.kind = %s AND d.is_public "
        "ORDER BY bm25(search_fts) LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, kind, limit])
        return [(row[0], float(row[1])) for row in cursor.fetchall()]


def _pg_query(query: str, groups: list[list[str]]) -> tuple[str, list[str]]:
    """The tsquery: the words in each language's configuration, OR the Finnish lemmas in 'simple'."""
    configs = sorted({PG_CONFIGS.get(lang, "simple") for lang in _languages()})
    fn = "plainto_tsquery"
    words = " ".join(analysis.words(query)[: MAX_QUERY_WORDS * 2])
    parts, params = [], []
    for config in configs:
        parts.append(f"{fn}(%s::regconfig, %s)")
        params += [config, words]
    if analysis.has_voikko():
        parts.append(f"{fn}('simple', %s)")
        params.append(" ".join(analysis.lemmas(query)))
        split = " ".join(analysis.words(analysis.split_compounds(query))[: MAX_QUERY_WORDS * 2])
        if split != words:  # a compound's parts, all of them required, as a further alternative
            for config in configs:
                parts.append(f"{fn}(%s::regconfig, %s)")
                params += [config, split]
            parts.append(f"{fn}('simple', %s)")
            params.append(" ".join(analysis.lemmas(split)))
    return " || ".join(parts), params


def _postgres_any(kind: str, query: str, limit: int) -> list[tuple[int, float]]:
    """Documents with any of the query's words (each word in every configuration, or its lemma)."""
    configs = sorted({PG_CONFIGS.get(lang, "simple") for lang in _languages()})
    parts, params = [], []
    for word in analysis.words(analysis.split_compounds(query))[: MAX_QUERY_WORDS * 2]:
        for config in configs:
            parts.append("plainto_tsquery(%s::regconfig, %s)")
            params += [config, word]
        for lemma in analysis.lemmas(word):
            parts.append("plainto_tsquery('simple', %s)")
            params.append(lemma)
    if not parts:
        return []
    return _postgres_run(kind, " || ".join(parts), params, limit)


def _postgres(kind: str, query: str, groups: list[list[str]], limit: int) -> list[tuple[int, float]]:
    tsquery, params = _pg_query(query, groups)
    return _postgres_run(kind, tsquery, params, limit)


def _postgres_run(kind: str, tsquery: str, params: list[str], limit: int) -> list[tuple[int, float]]:
    # Ranking reads every matching row's tsvector; a word found in most documents would make that a scan
    # of the table. At most RANK_CAP matches are ranked (semantic ranking orders the rest in the fusion).
    sql = (
        f"WITH q AS (SELECT {tsquery} AS query), "  # noqa: S608 - built from fixed fragments; values are params
        "m AS (SELECT d.object_id, d.tsv FROM search_lexical d, q "
        "      WHERE d.kind = %s AND d.is_public AND d.tsv @@ q.query LIMIT %s) "
        "SELECT m.object_id, ts_rank_cd(m.tsv, q.query, 1) AS score FROM m, q "
        "ORDER BY score DESC, m.object_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, kind, RANK_CAP, limit])
        return [(row[0], float(row[1])) for row in cursor.fetchall()]


def _fallback(
    kind: str, groups: list[list[str]], limit: int
) -> list[tuple[int, float]]:  # pragma: no cover - other databases
    qs = SearchDocument.objects.filter(kind=kind, is_public=True)
    for group in groups:
        from django.db.models import Q

        cond = Q()
        for term in group:
            cond |= Q(terms__contains=term)
        qs = qs.filter(cond)
    return [(pk, 1.0) for pk in qs.values_list("object_id", flat=True)[:limit]]
