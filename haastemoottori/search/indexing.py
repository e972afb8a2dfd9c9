"""Build search documents from challenges and organisations, and keep the lexical index in step.

Only public texts go in. A challenge is findable once published; an organisation while it is listed.
Passages (what gets embedded) are chosen to keep embedding cheap: one passage per challenge (title,
summary, problem and desired outcome in the original language) and, for a solver, its profile plus up to
three references. See bench/README.md for the measurements behind the choice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from haastemoottori.challenges.models import Challenge
from haastemoottori.organisations.models import Organisation, Reference

from . import analysis
from .models import SearchDocument

Kind = SearchDocument.Kind

# Canvas fields whose text is searchable, in order of importance (title is weighted separately).
CHALLENGE_BODY_FIELDS = ("summary", "problem", "desired_outcome", "affected", "root_causes", "tried",
                         "constraints", "data_available")
CHALLENGE_PASSAGE_FIELDS = ("title", "summary", "problem", "desired_outcome")
ORGANISATION_BODY_FIELDS = ("offering", "capabilities", "description")
PASSAGE_CHARS = 1200
REFERENCE_PASSAGE_CHARS = 500
MAX_REFERENCE_PASSAGES = 3

# Postgres text search configuration per language; others use 'simple'.
PG_CONFIGS = {"fi": "finnish", "sv": "swedish", "en": "english", "da": "danish", "no": "norwegian",
              "de": "german", "fr": "french", "es": "spanish"}


def _join(*parts: str) -> str:
    return "\n".join(p.strip() for p in parts if p and p.strip())


def _languages(obj: Challenge | Organisation, fields: Iterable[str]) -> list[str]:
    langs: list[str] = []
    for field in fields:
        for lang, text in (getattr(obj, field) or {}).items():
            if text and lang not in langs:
                langs.append(lang)
    return langs


def _texts(obj: Challenge | Organisation, title_field: str, body_fields: Iterable[str],
           extra: dict[str, list[str]] | None = None) -> dict[str, dict[str, str]]:
    fields = (title_field, *body_fields)
    texts: dict[str, dict[str, str]] = {}
    for lang in _languages(obj, fields):
        title = (getattr(obj, title_field) or {}).get(lang, "")
        body = _join(*((getattr(obj, f) or {}).get(lang, "") for f in body_fields), *(extra or {}).get(lang, []))
        texts[lang] = {"title": title, "body": body}
    return texts


def _original(obj: Challenge | Organisation | Reference, field: str) -> str:
    values = getattr(obj, field) or {}
    return values.get(obj.original_language) or next((v for v in values.values() if v), "")


def challenge_document(challenge: Challenge) -> dict[str, Any]:
    passage = _join(*(_original(challenge, f) for f in CHALLENGE_PASSAGE_FIELDS))[:PASSAGE_CHARS]
    return {
        "is_public": challenge.is_public,
        "texts": _texts(challenge, "title", CHALLENGE_BODY_FIELDS),
        "passages": [[passage, challenge.original_language]] if passage else [],
    }


def organisation_document(organisation: Organisation) -> dict[str, Any]:
    references = list(organisation.references.all())
    extra: dict[str, list[str]] = {}
    for ref in references:
        for lang, title in (ref.title or {}).items():
            extra.setdefault(lang, []).append(_join(title, (ref.description or {}).get(lang, ""), ref.client))
    profile = _join(*(_original(organisation, f) for f in ("name", *ORGANISATION_BODY_FIELDS)))[:PASSAGE_CHARS]
    passages = [[profile, organisation.original_language]] if profile else []
    for ref in references[:MAX_REFERENCE_PASSAGES]:
        text = _join(_original(ref, "title"), _original(ref, "description"))[:REFERENCE_PASSAGE_CHARS]
        if text:
            passages.append([text, ref.original_language])
    return {
        "is_public": organisation.is_listed,
        "texts": _texts(organisation, "name", ORGANISATION_BODY_FIELDS, extra),
        "passages": passages,
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


def _load(kind: str, ids: list[int]) -> dict[int, dict[str, Any]]:
    if kind == Kind.CHALLENGE:
        return {c.pk: challenge_document(c) for c in Challenge.objects.filter(pk__in=ids)}
    qs = Organisation.objects.filter(pk__in=ids).prefetch_related("references")
    return {o.pk: organisation_document(o) for o in qs}


@transaction.atomic
def index_objects(kind: str, ids: Iterable[int]) -> list[SearchDocument]:
    """Rebuild the documents of these records; a record that no longer exists leaves the index."""
    ids = sorted(set(ids))
    built = _load(kind, ids)
    gone = [i for i in ids if i not in built]
    if gone:
        doomed = list(SearchDocument.objects.filter(kind=kind, object_id__in=gone).values_list("pk", flat=True))
        _lexical_delete(doomed)
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
                    [doc.pk, doc.kind, doc.object_id, doc.is_public, *params])


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
