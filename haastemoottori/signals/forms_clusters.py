"""Forms of the cluster pages. They parse input only; the services decide (their ``field`` names match these
fields, so a refusal is shown beside the field it concerns)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import language_codes, language_name
from haastemoottori.organisations.models import Organisation

from .services.clusters import MAX_NAME

NUMBERS = re.compile(r"\d{1,12}")


class CityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj.t.name) or obj.slug


class ClusterFilterForm(forms.Form):
    cross_boundary = forms.BooleanField(label=_("Only clusters spanning several cities or departments"), required=False)
    city = CityChoiceField(
        label=_("With signals from"),
        required=False,
        to_field_name="slug",
        queryset=Organisation.objects.owners().order_by("slug"),
        empty_label=_("Any city"),
    )
    curated = forms.BooleanField(label=_("Only clusters curated by staff"), required=False)
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        initial="size",
        choices=[("size", _("Most signals first")), ("recent", _("Latest signal first"))],
    )


class NameFieldsMixin:
    """One ``name_<language>`` input per language, collected back into a dict."""

    # Provided by the form the mixin goes with:
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def add_name_fields(self, initial: dict | None = None, label=None) -> None:
        for code in language_codes():
            self.fields[f"name_{code}"] = forms.CharField(
                label=f"{label or _('Name')} ({language_name(code)})",
                required=False,
                max_length=MAX_NAME,
                initial=(initial or {}).get(code, ""),
                widget=forms.TextInput(attrs={"lang": code}),
            )

    def names(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"name_{code}", "") for code in language_codes()}


class RenameForm(NameFieldsMixin, forms.Form):
    def __init__(self, *args, initial_name: dict | None = None, **kwargs):
        super().__init__(*args, auto_id="rename_%s", **kwargs)  # type: ignore[misc]  # never positional
        self.add_name_fields(initial_name)


def parse_numbers(text: str) -> list[int]:
    return [int(n) for n in NUMBERS.findall(text or "")]


class NumbersField(forms.CharField):
    """Cluster numbers typed by hand (``12, 40``; a leading # is fine)."""

    def clean(self, value):
        value = super().clean(value)
        if value and not re.fullmatch(r"[\s,;#\d]*", value):
            raise forms.ValidationError(_("Write cluster numbers separated by commas, for example 12, 40."))
        return parse_numbers(value)


class MergeForm(forms.Form):
    clusters = forms.TypedMultipleChoiceField(
        label=_("Similar clusters"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    numbers = NumbersField(
        label=_("Or other cluster numbers"), required=False, max_length=200, help_text=_("For example 12, 40")
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, auto_id="merge_%s", **kwargs)
        self.fields["clusters"].choices = list(choices)

    def chosen(self) -> list[int]:
        return [*self.cleaned_data.get("clusters", []), *self.cleaned_data.get("numbers", [])]


class IdsField(forms.Field):
    """Record ids from checkboxes the template renders itself (one ``name`` a row); which ids are allowed is
    the service's to say, with its own message."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            return [int(v) for v in value or []]
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Choose from the list."), code="invalid_choice")


class SignalsActionForm(NameFieldsMixin, forms.Form):
    """The checkboxes of a cluster's signals and what to do with the chosen ones (one button each)."""

    SPLIT, MOVE, REMOVE = "split", "move", "remove"

    signals = IdsField(label=_("Signals"), required=False)
    action = forms.ChoiceField(choices=[(SPLIT, SPLIT), (MOVE, MOVE), (REMOVE, REMOVE)])
    target = forms.TypedChoiceField(label=_("Move to"), required=False, coerce=int, empty_value=None)
    target_number = NumbersField(label=_("Or cluster number"), required=False, max_length=20)

    def __init__(self, *args, target_choices=(), **kwargs):
        super().__init__(*args, auto_id="signals_%s", **kwargs)
        self.fields["target"].choices = [("", _("Choose a cluster")), *target_choices]
        self.add_name_fields(label=_("Name of the new cluster"))

    def target_id(self) -> int | None:
        numbers = self.cleaned_data.get("target_number") or []
        return numbers[0] if numbers else self.cleaned_data.get("target")
