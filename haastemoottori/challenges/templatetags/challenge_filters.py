"""The public list's filter selects, written in one go (a template loop costs several nodes an option)."""

from django import forms, template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def filter_options(field: forms.BoundField):
    """The ``<option>`` elements of a choice field, the submitted value selected."""
    value = field.value()
    selected = "" if value is None else str(value)
    choices = field.field.choices  # type: ignore[attr-defined]
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((v, mark_safe(" selected") if str(v) == selected else "", label) for v, label in choices),
    )
