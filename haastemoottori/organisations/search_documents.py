"""An organisation as the search engine sees it: its profile and references, findable while listed.

The profile (offering, capabilities, description in the original language) and up to three references
are embedded; see bench/README.md for the measurements behind the choice. The name is findable by its
words (the lexical texts) but is not embedded: a name is who someone is, not evidence of what they do,
and the matcher's suggestions must not rest on it (issue 20).
"""

from __future__ import annotations

from django.db.models import QuerySet

from haastemoottori.search.documents import PASSAGE_CHARS, join, original, texts
from haastemoottori.search.sources import Document

from .models import Organisation

ORGANISATION_BODY_FIELDS = ("offering", "capabilities", "description")
REFERENCE_PASSAGE_CHARS = 500
MAX_REFERENCE_PASSAGES = 3


def organisations_to_index() -> QuerySet[Organisation]:
    return Organisation.objects.prefetch_related("references")


def organisation_document(organisation: Organisation) -> Document:
    references = list(organisation.references.all())
    extra: dict[str, list[str]] = {}
    for ref in references:
        for lang, title in (ref.title or {}).items():
            extra.setdefault(lang, []).append(join(title, (ref.description or {}).get(lang, ""), ref.client))
    profile = join(*(original(organisation, f) for f in ORGANISATION_BODY_FIELDS))[:PASSAGE_CHARS]
    passages = [[profile, organisation.original_language]] if profile else []
    for ref in references[:MAX_REFERENCE_PASSAGES]:
        text = join(original(ref, "title"), original(ref, "description"))[:REFERENCE_PASSAGE_CHARS]
        if text:
            passages.append([text, ref.original_language])
    return {
        "is_public": organisation.is_public,
        "texts": texts(organisation, "name", ORGANISATION_BODY_FIELDS, extra),
        "passages": passages,
    }
