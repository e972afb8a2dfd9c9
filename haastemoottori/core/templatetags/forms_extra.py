"""Template filters for the shared form partials (templates/includes/field.html and error_summary.html)."""

from django import template
from django.forms import BoundField

register = template.Library()


@register.filter
def error_target(field: BoundField) -> str:
    """The id an error summary links to for a field: its input; for a group of radios or checkboxes (or a widget
    of several inputs), the first input, "<auto_id>_0" (Django gives such a group no id of its own); "" for a
    hidden field or one rendered without ids."""
    if field.is_hidden or not field.auto_id:
        return ""
    if field.use_fieldset:
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id
