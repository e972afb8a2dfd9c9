"""The public log as data: the same fields for the CSV and JSON exports and the API (see docs/qa.md).

Only published items, only their public fields: never the asker, the asker's organisation or wording.
"""

from __future__ import annotations

from django.utils import timezone

from haastemoottori.core.i18n import language_codes

from .models import Question


def question_data(q: Question, *, base_url: str = "") -> dict:
    return {
        "number": q.number,
        "kind": q.kind,
        "question": q.public_text if q.kind == Question.Kind.QUESTION else "",
        "question_language": q.language if q.kind == Question.Kind.QUESTION else "",
        "answer": q.answer,
        "answer_original_language": q.original_language,
        "published_at": timezone.localtime(q.published_at).isoformat(),
        "url": f"{base_url}#q{q.number}" if base_url else "",
    }


CSV_COLUMNS = [
    "number",
    "kind",
    "question",
    "question_language",
    *[f"answer_{code}" for code in language_codes()],
    "answer_original_language",
    "published_at",
    "url",
]


def csv_rows(items: list[dict]):
    for item in items:
        yield [
            value
            for value in (
                item["number"],
                item["kind"],
                item["question"],
                item["question_language"],
                *[item["answer"].get(code, "") for code in language_codes()],
                item["answer_original_language"],
                item["published_at"],
                item["url"],
            )
        ]
