"""Readable names and values for audit entries of a challenge."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from haastemoottori.audit.registry import action_label as registered_label
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.i18n import current_language

register = template.Library()

_EXTRA = {"owners": _("owners"), "indicators": _("indicators"), "approved_version": _("approved version")}


@register.filter
def action_label(event) -> str:
    # Other apps record actions of their own on a challenge (adopted from another city's): their labels are
    # registered with the actions.
    return str(registered_label(event.action) or event.get_action_display())


@register.filter
def field_label(name: str) -> str:
    if name in _EXTRA:
        return str(_EXTRA[name])
    try:
        return str(getattr(Challenge._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:
        return name


@register.filter
def change_value(value) -> str:
    """A translation dict shows in the page language (or its first language); lists are joined."""
    if value in (None, "", {}, []):
        return "—"
    if isinstance(value, dict):
        if "label" in value:
            return str(value["label"])
        return str(value.get(current_language()) or next(iter(value.values()), ""))
    if isinstance(value, list):
        return ", ".join(change_value(v) for v in value)
    return str(value)
