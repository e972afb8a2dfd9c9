"""What a shared link shows (OpenGraph and Twitter card tags in the page shell).

Only a page whose content is public passes a :class:`ShareCard` (as ``share`` in its context); every other
page, staff and signed-in pages included, falls back to the site's name and description in the shell, so a
share preview never carries more than an anonymous visitor could read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.text import Truncator

# og:locale is language_TERRITORY; the platform serves Finland, English in its British spelling.
OG_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB", "et": "et_EE"}
DESCRIPTION_CHARS = 200


def og_locale(language: str) -> str:
    return OG_LOCALES.get(language, language)


@dataclass(frozen=True)
class ShareCard:
    title: str
    description: str = ""
    image: str = ""  # absolute URL, or empty
    kind: str = "article"  # og:type


def share_card(
    request: Any, *, title: object, description: object = "", image: Any = None, kind: str = "article"
) -> ShareCard:
    """A card from texts already in the page's language and an optional image file (a logo): the description
    on one line, shortened; the image as an absolute address."""
    text = " ".join(str(description or "").split())
    url = request.build_absolute_uri(image.url) if image else ""
    return ShareCard(title=str(title), description=Truncator(text).chars(DESCRIPTION_CHARS), image=url, kind=kind)
