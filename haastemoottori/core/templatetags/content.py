"""Show translated content with its real language marked (``lang``) and a note when it is a fallback."""

import re

from django import template
from django.conf import settings
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from haastemoottori.core.forms_numbers import format_number
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


_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@register.simple_tag(takes_context=True)
def owner_style(context, organisation) -> str:
    """`` data-owner-colour="…"`` inside a tag for an organisation with a brand colour. The colour itself comes
    from ``{% owner_colours %}`` at the end of the page (a nonce'd style block: the Content-Security-Policy
    allows no ``style="…"`` attributes)."""
    colour = getattr(organisation, "brand_colour", "") or ""
    request = context.get("request")
    if not _COLOUR.match(colour) or request is None:
        return ""
    colour = colour.lower()
    colours = getattr(request, "_owner_colours", None)
    if colours is None:
        colours = request._owner_colours = set()
    colours.add(colour)
    return format_html(' data-owner-colour="{}"', colour[1:])


@register.simple_tag(takes_context=True)
def owner_colours(context) -> str:
    """The brand colours the page used (``{% owner_style %}``) as one style block with the response's nonce."""
    request = context.get("request")
    colours = sorted(getattr(request, "_owner_colours", ()) or ())
    if not colours:
        return ""
    rules = "".join(f'[data-owner-colour="{c[1:]}"]{{--owner-colour:{c}}}' for c in colours if _COLOUR.match(c))
    return format_html('<style nonce="{}">{}</style>', request.csp_nonce, mark_safe(rules))


@register.simple_tag
def site_name() -> str:
    """The site's name (settings.SITE_NAME), whatever a view puts in its context: Django's LoginView puts the
    request's host name under ``site_name``."""
    return settings.SITE_NAME


@register.filter
def number(value) -> str:
    """A number in the page language's form, grouped: ``80 000`` (fi, sv), ``80,000`` (en)."""
    return format_number(value)


@register.filter
def language_in_text(code: str) -> str:
    """A language's name (by its code) as written inside a sentence of the page's language."""
    return language_name_in_text(code)
