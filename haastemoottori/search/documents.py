"""Helpers for the apps that build search documents from their records' translated text fields."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

PASSAGE_CHARS = 1200


def join(*parts: str) -> str:
    return "\n".join(p.strip() for p in parts if p and p.strip())


def languages(obj: Any, fields: Iterable[str]) -> list[str]:
    langs: list[str] = []
    for field in fields:
        for lang, text in (getattr(obj, field) or {}).items():
            if text and lang not in langs:
                langs.append(lang)
    return langs


def texts(
    obj: Any, title_field: str, body_fields: Iterable[str], extra: dict[str, list[str]] | None = None
) -> dict[str, dict[str, str]]:
    """Title and body per language present in any of the fields (``extra`` adds body text per language)."""
    body_fields = tuple(body_fields)
    result = {}
    for lang in languages(obj, (title_field, *body_fields)):
        title = (getattr(obj, title_field) or {}).get(lang, "")
        body = join(*((getattr(obj, f) or {}).get(lang, "") for f in body_fields), *(extra or {}).get(lang, []))
        result[lang] = {"title": title, "body": body}
    return result


def original(obj: Any, field: str) -> str:
    """The field's text in the record's original language (or the first language that has one)."""
    values = getattr(obj, field) or {}
    return values.get(obj.original_language) or next((v for v in values.values() if v), "")
