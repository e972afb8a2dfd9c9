"""Slugs from what people see: one helper for every app that makes a slug from a title or a name.

Tags are stripped first (``<script>alert(1)</script>`` gives ``alert1``, not ``scriptalert1script``), entities
unescaped, letters transliterated to ASCII (ä → a, ö → o, å → a, é → e, ø → o, ß → ss …) and the rest made a
slug. A text with no usable letters (emoji only, punctuation) gets the fallback word with a short number
(``challenge-4821``), never a bare word that every such title would share. Existing slugs are never remade.
"""

from __future__ import annotations

import html
import secrets
import unicodedata
from collections.abc import Callable, Collection

from django.utils.html import strip_tags
from django.utils.text import slugify

# Letters that NFKD does not decompose into an ASCII base letter.
_EXTRA = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "đ": "d",
                        "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D"})  # fmt: skip


def slug_from_text(text: str, *, max_length: int = 100) -> str:
    """The slug of the visible words of ``text`` (may be empty when it has no letters or digits)."""
    visible = html.unescape(strip_tags(text or "")).translate(_EXTRA)
    ascii_text = unicodedata.normalize("NFKD", visible).encode("ascii", "ignore").decode("ascii")
    return slugify(ascii_text)[:max_length].strip("-")


def unique_slug(
    text: str,
    *,
    fallback: str,
    exists: Callable[[str], bool],
    max_length: int = 100,
    reserved: Collection[str] = (),
) -> str:
    """A slug for ``text`` that ``exists`` says is free and is not reserved; numbered ``-2``, ``-3`` … on a clash.

    ``fallback`` (the kind of record: "challenge", "event" …) with a short number stands in for a text with no
    usable letters.
    """
    base = slug_from_text(text, max_length=max_length) or f"{fallback}-{secrets.randbelow(9000) + 1000}"
    slug, n = base, 1
    while slug in reserved or exists(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug
