"""Build search documents from the registered sources (``sources.py``) and keep the lexical index in step.

Only public texts go in: each source's ``build`` says whether its record may be found and which passages
are embedded (challenges: ``challenges/search_documents.py``; organisations:
``organisations/search_documents.py``). See bench/README.md for the measurements behind the passages.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from . import analysis, pgvector, sources
from .documents import join as _join
from .models import SearchDocument

# Postgres text search configuration per language; others use 'simple'.
PG_CONFIGS = {
    "fi": "finnish",
    "sv": "swedish",
    "en": "english",
    "da": "danish",
    "no": "norwegian",
    "de": "german",
    "fr": "french",
    "es": "spanish",
}


def _terms_and_lemmas(texts: dict[str, Any]) -> tuple[str, str]:
    terms: list[str] = []
    lemmas: list[str] = []
    for lang, parts in texts.items():
        text = _join(parts["title"], parts["title"], parts["body"])  # the title counts twice
        terms.extend(analysis.terms(text, lang))
        if lang == "fi" and analysis.has_voikko():
            lemmas.extend(analysis.lemmas(text))
    return " ".join(terms), " ".join(lemmas)


def _hash(passages: list[Any]) -> str:
    return hashlib.sha256(json.dumps(passages, ensure_ascii=False).encode()).hexdigest()


def _load(kind: str, ids: list[int]) -> dict[int, sources.Document]:
    source = sources.source(kind)
    return {obj.pk: source.build(obj) for obj in source.queryset().filter(pk__in=ids)}


@transaction.atomic
def index_objects(kind: str, ids: Iterable[int]) -> list[SearchDocument]:
    """Rebuild the documents of these records; a record that no longer exists leaves the index."""
    ids = sorted(set(ids))
    built = _load(kind, ids)
    gone = [i for i in ids if i not in built]
    if gone:
        doomed = list(SearchDocument.objects.filter(kind=kind, object_id__in=gone).values_list("pk", flat=True))
        _lexical_delete(doomed)
        if pgvector.available():
            pgvector.delete(doomed)
        SearchDocument.objects.filter(pk__in=doomed).delete()
    existing = {d.object_id: d for d in SearchDocument.objects.filter(kind=kind, object_id__in=list(built))}
    docs = []
    for object_id, data in built.items():
        doc = existing.get(object_id) or SearchDocument(kind=kind, object_id=object_id)
        doc.is_public = data["is_public"]
        doc.texts = data["texts"]
        doc.terms, doc.lemmas = _terms_and_lemmas(data["texts"])
        new_hash = _hash(data["passages"])
        if new_hash != doc.passages_hash:
            doc.passages, doc.passages_hash, doc.embedding_dirty = data["passages"], new_hash, True
        doc.indexed_at = timezone.now()
        docs.append(doc)
    SearchDocument.objects.bulk_create([d for d in docs if d.pk is None])
    for doc in docs:
        if doc.pk is not None and doc.object_id in existing:
            doc.save()
    _lexical_write(docs)
    if pgvector.available():
        pgvector.set_public([d.pk for d in docs if d.is_public], [d.pk for d in docs if not d.is_public])
    return docs


def _lexical_delete(pks: list[int]) -> None:
    if not pks:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in pks])
        elif connection.vendor == "postgresql":
            cursor.execute("DELETE FROM search_lexical WHERE doc_id = ANY(%s)", [pks])


def _lexical_write(docs: list[SearchDocument]) -> None:
    if not docs:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(d.pk,) for d in docs])
            cursor.executemany("INSERT INTO search_fts (rowid, terms) VALUES (%s, %s)", [(d.pk, d.terms) for d in docs])
        elif connection.vendor == "postgresql":
            for doc in docs:
                sql, params = _pg_tsvector(doc)
                cursor.execute(
                    "INSERT INTO search_lexical (doc_id, kind, object_id, is_public, tsv) "  # noqa: S608
                    f"VALUES (%s, %s, %s, %s, {sql}) ON CONFLICT (doc_id) DO UPDATE SET kind = EXCLUDED.kind, "
                    "object_id = EXCLUDED.object_id, is_public = EXCLUDED.is_public, tsv = EXCLUDED.tsv",
                    [doc.pk, doc.kind, doc.object_id, doc.is_public, *params],
                )


def _pg_tsvector(doc: SearchDocument) -> tuple[str, list[str]]:
    """Titles weigh A, bodies B, each in its language's configuration; Voikko lemmas C in 'simple'."""
    parts, params = [], []
    for lang, text in doc.texts.items():
        config = PG_CONFIGS.get(lang, "simple")
        parts.append("setweight(to_tsvector(%s::regconfig, %s), 'A')")
        params += [config, text.get("title", "")]
        parts.append("setweight(to_tsvector(%s::regconfig, %s), 'B')")
        params += [config, text.get("body", "")]
    parts.append("setweight(to_tsvector('simple', %s), 'C')")
    params.append(doc.lemmas)
    return " || ".join(parts), params
