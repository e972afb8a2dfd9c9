"""Form helpers shared by the views of every app."""

from __future__ import annotations

from django import forms

from .errors import ServiceError


def add_service_error(form: forms.BaseForm, exc: ServiceError) -> None:
    """Show a service error on the input it names, else on the whole form; an error made of reasons (each a
    smaller error) shows each reason so. A form whose inputs are not named like the service's fields (one input
    per language of a translated text) says which input a field's error goes to with ``error_field(name)``."""
    for item in exc.reasons or [exc]:
        field = getattr(item, "field", None)
        if hasattr(form, "error_field"):
            field = form.error_field(field)
        elif field not in form.fields:
            field = None
        form.add_error(field, str(item.message))
