"""Lexical search in the database's own full-text engine: Postgres tsvector or SQLite FTS5.

Both return ``[(object_id, score)]`` best first, public documents of one kind only. A query's words are
ANDed; each word matches any of its forms (its stem in every language, its Finnish lemma), and a Finnish
compound also matches its parts together (``hulevesienhallinta`` → ``hulevesien`` AND ``hallinta``,
see ``analysis.compound_parts``).
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
        return _postgres(kind, query, groups, limit)
    if connection.vendor == "sqlite":
        return _sqlite(kind, alternatives, limit)
    return _fallback(kind, groups, limit)


def _fts5_quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _fts5_group(group: list[str]) -> str:
    return "(" + " OR ".join(_fts5_quote(t) for t in group) + ")"


def _sqlite(kind: str, alternatives: list[list[list[list[str]]]], limit: int) -> list[tuple[int, float]]:
    match = " AND ".join(
        "(" + " OR ".join("(" + " AND ".join(_fts5_group(g) for g in alt) + ")" for alt in alts) + ")"
        for alts in alternatives
    )
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


def _postgres(kind: str, query: str, groups: list[list[str]], limit: int) -> list[tuple[int, float]]:
    tsquery, params = _pg_query(query, groups)
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
