"""Imported text becomes plain text with paragraphs, which is what the canvas fields hold.

HTML is first sanitised with nh3 (the security boundary: scripts, styles, event handlers, unknown
tags and non-http(s)/mailto links are removed), and the safe structure that remains is then turned
into text: block elements become paragraphs, ``<br>`` a line break, list items lines starting with
"• ", and a link whose text is not its address keeps the address in brackets after the text.
The pages render these fields escaped, with ``linebreaks``, so no markup from a source reaches a page.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

import nh3

BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    }
)
INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "br", "cite", "code", "em", "i", "q", "small", "span", "strong", "sub", "sup", "td", "th", "u"}
)
# Removed together with their content, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "textarea", "select", "title"}
)
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_PARAGRAPH_BREAK = "\ue000"  # a private-use character marks paragraph ends while writing
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def html_sanitise(html: str, *, base_url: str | None = None) -> str:
    """Safe HTML: only structural tags, ``href`` on links (http, https, mailto), nothing executable."""
    return nh3.clean(
        html,
        tags=set(BLOCK_TAGS | INLINE_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={"a": {"href"}},
        url_schemes=set(URL_SCHEMES),
        url_relative=("rewrite_with_base", base_url) if base_url else "deny",
        link_rel=None,
        strip_comments=True,
    )


class _TextWriter(HTMLParser):
    """Turns sanitised HTML into paragraphs of text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._links: list[tuple[str, int]] = []
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":  # items of one list stay in one paragraph, a line each
            self.parts.append("\n• ")
        elif tag in BLOCK_TAGS:
            if not (self.parts and self.parts[-1] == "\n• "):  # <li><p>…: keep the bullet with its text
                self.parts.append(_PARAGRAPH_BREAK)
            if tag == "pre":
                self._pre += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag == "a":
            self._links.append((dict(attrs).get("href") or "", len(self.parts)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            return
        if tag in BLOCK_TAGS:
            self.parts.append(_PARAGRAPH_BREAK)
            if tag == "pre":
                self._pre = max(0, self._pre - 1)
        elif tag == "a" and self._links:
            href, start = self._links.pop()
            text = "".join(self.parts[start:]).strip()
            shown = href.removeprefix("mailto:")
            if href and shown not in text:
                self.parts.append(f" ({shown})" if text else shown)

    def handle_data(self, data: str) -> None:
        self.parts.append(data if self._pre else re.sub(r"\s+", " ", data))


def _tidy(text: str) -> str:
    """Normalise spaces, drop invisible characters, keep paragraphs (blank line) and line breaks."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    text = text.replace("\n\n", _PARAGRAPH_BREAK)
    paragraphs = []
    for block in re.split(rf"{_PARAGRAPH_BREAK}|\n\s*\n", text):
        lines = [_SPACES.sub(" ", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line and line != "•"]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def html_to_text(html: str, *, base_url: str | None = None) -> str:
    """Plain text with paragraphs from an HTML fragment (sanitised first)."""
    if not html:
        return ""
    writer = _TextWriter()
    writer.feed(html_sanitise(html, base_url=base_url))
    writer.close()
    return _tidy("".join(writer.parts))


def text_clean(value: str, *, base_url: str | None = None) -> str:
    """Plain text from a value that may be HTML: HTML is converted, plain text keeps its line breaks."""
    if not isinstance(value, str):
        return ""
    if _LOOKS_LIKE_HTML.search(value):
        return html_to_text(value, base_url=base_url)
    return _tidy(value)


def one_line(value: str) -> str:
    """A name or a title: plain text on one line."""
    return " ".join(text_clean(value).split())


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary and mark the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:-")
    return (cut or text[: limit - 1]) + "…"
