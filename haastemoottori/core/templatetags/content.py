"""Show translated content with its real language marked (``lang``) and a note when it is a fallback."""

from django import template
from django.conf import settings
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from haastemoottori.core.i18n import Translated, language_name_in_text

register = template.Library()


def _note(value: Translated) -> str:
    return format_html(
        '<span class="fallback-note">{}</span>',
        _("(Shown in %(shown)s: no %(requested)s translation yet.)")
        % {"shown": language_name_in_text(value.language), "requested": language_name_in_text(value.requested)},
    )


@register.simple_tag
def tr(value: Translated, note: bool = True):
    """Inline text: ``<span lang="fi">…</span>`` when the text is not in the page's language."""
    if not isinstance(value, Translated) or not value.text:
        return ""
    if not value.is_fallback:
        return value.text
    html = format_html('<span lang="{}">{}</span>', value.language, value.text)
    return format_html("{} {}", html, _note(value)) if note else html


@register.simple_tag
def tr_block(value: Translated):
    """Paragraphs of text, with the fallback note after them."""
    if not isinstance(value, Translated) or not value.text:
        return ""
    body = mark_safe(linebreaks(value.text, autoescape=True))
    if not value.is_fallback:
        return body
    return format_html('<div lang="{}">{}</div><p>{}</p>', value.language, body, _note(value))


@register.filter
def lang_attr(value: Translated) -> str:
    """`` lang="sv"`` for use inside a tag when the text is a fallback, else nothing."""
    if isinstance(value, Translated) and value.is_fallback:
        return format_html(' lang="{}"', value.language)
    return ""


@register.filter
def owner_style(organisation) -> str:
    colour = getattr(organisation, "brand_colour", "")
    return format_html(' style="--owner-colour: {}"', colour) if colour else ""


@register.simple_tag
def site_name() -> str:
    """The site's name (settings.SITE_NAME), whatever a view puts in its context: Django's LoginView puts the
    request's host name under ``site_name``."""
    return settings.SITE_NAME


@register.filter
def language_in_text(code: str) -> str:
    """A language's name (by its code) as written inside a sentence of the page's language."""
    return language_name_in_text(code)
