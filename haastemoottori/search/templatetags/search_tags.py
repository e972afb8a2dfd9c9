from django import template
from django.utils.html import format_html

from haastemoottori.core.i18n import Translated
from haastemoottori.core.templatetags.content import _note
from haastemoottori.search.highlight import highlight

register = template.Library()


@register.simple_tag
def snippet(value: Translated, query: str, max_chars: int = 260) -> str:
    """A translated text's excerpt around the words matching ``query``, those words in ``<mark>``."""
    if not isinstance(value, Translated) or not value.text:
        return ""
    html = highlight(value.text, query or "", value.language, max_chars=max_chars)
    if not value.is_fallback:
        return html
    return format_html('<span lang="{}">{}</span> {}', value.language, html, _note(value))
