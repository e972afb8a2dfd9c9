"""Readable names and values for audit entries of a challenge."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from haastemoottori.audit.registry import action_label as registered_label
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.history import change_value as format_change_value

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
def change_value(value, name: str | None = None) -> str:
    """The value as people read it (core/history.py): ``{{ change.new|change_value:field }}`` names a choice by
    its label when ``field`` is one of the challenge's choice fields."""
    return format_change_value(value, _model_field(name))


def _model_field(name: str | None):
    if not name:
        return None
    try:
        return Challenge._meta.get_field(name)
    except FieldDoesNotExist:
        return None


@register.filter
def stage_change(event) -> str:
    """A stage change as the public history shows it: "Luonnos → Yhteiskehittäminen" (the stages' labels)."""
    change = (event.changes or {}).get("stage")
    if not change:
        return ""
    field = _model_field("stage")
    return f"{format_change_value(change.get('old'), field)} → {format_change_value(change.get('new'), field)}"
