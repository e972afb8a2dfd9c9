"""Snippets with the words that matched a query marked, for result lists."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import analysis


def _query_forms(query: str, languages: list[str]) -> set[str]:
    return {form for group in analysis.query_terms(query, languages) for form in group}


def highlight(text: str, query: str, language: str, *, max_chars: int = 260) -> SafeString:
    """An excerpt of ``text`` around the first matching word, matched words in ``<mark>``, HTML-escaped."""
    from haastemoottori.core.i18n import language_codes

    text = " ".join((text or "").split())
    forms = _query_forms(query, language_codes()) if query else set()
    matches = []
    for match in analysis.WORD_RE.finditer(text):
        word = analysis.fold(match.group())
        if forms and (word in forms or set(analysis.word_terms(word, language)) & forms):
            matches.append(match.span())
    start = 0
    if matches and matches[0][0] > max_chars // 3:
        start = text.rfind(" ", 0, matches[0][0] - max_chars // 4) + 1
    end = min(len(text), start + max_chars)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    pieces: list[str] = []
    cursor = start
    for s, e in matches:
        if s < start or e > end:
            continue
        pieces.append(escape(text[cursor:s]))
        pieces.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    pieces.append(escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)
