"""The canvas form, one step at a time, with side-by-side translations and the indicator rows."""

from typing import Any, cast

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.forms_numbers import NumberField
from haastemoottori.core.i18n import language_codes, language_name_in_text
from haastemoottori.platforms.models import DevelopmentPlatform
from haastemoottori.taxonomy.models import Theme

from .lifecycle import Route
from .models import Challenge
from .services.canvas import INDICATOR_NEGATIVE_MESSAGE, TEXT_FIELDS

_LONG = {
    "summary",
    "problem",
    "affected",
    "root_causes",
    "tried",
    "desired_outcome",
    "constraints",
    "data_available",
    "ip_terms",
}
SCALARS = ("route", "platform", "budget_min", "budget_max", "call_deadline", "themes")

# The canvas in the order a city expert fills it in.
STEPS = (
    ("basics", _("Basics"), ("title", "summary")),
    ("problem", _("Problem"), ("problem", "affected", "root_causes", "tried")),
    ("outcome", _("Desired outcome"), ("desired_outcome", "indicators")),
    (
        "conditions",
        _("Conditions"),
        (
            "constraints",
            "data_available",
            "ip_terms",
            "route",
            "platform",
            "budget_min",
            "budget_max",
            "call_deadline",
            "themes",
        ),
    ),
)
STEP_NAMES = [name for name, _label, _fields in STEPS]


def step_fields(step: str | None) -> tuple[str, ...]:
    for name, _label, fields in STEPS:
        if name == step:
            return fields
    return (*TEXT_FIELDS, *SCALARS, "indicators")


class CanvasForm(forms.Form):
    """One step of the canvas: one input per text field and language, side by side."""

    route = forms.ChoiceField(label=_("Recommended route"), required=False, choices=[("", "—"), *Route.choices])
    platform = forms.ModelChoiceField(
        label=_("Development platform"), required=False, queryset=DevelopmentPlatform.objects.all()
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), required=False, queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    budget_min = NumberField(integer=True, label=_("Budget from (EUR)"), required=False, min_value=0)
    budget_max = NumberField(integer=True, label=_("Budget up to (EUR)"), required=False, min_value=0)
    call_deadline = forms.DateTimeField(
        label=_("Call deadline"),
        required=False,
        help_text=_("Format: 2026-12-31 16:00 (Finnish time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def __init__(self, *args, original_language: str = "fi", step: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_language = original_language
        self.step_fields = step_fields(step)
        for name in SCALARS:
            if name not in self.step_fields:
                del self.fields[name]
        ordered = [original_language, *[c for c in language_codes() if c != original_language]]
        for field in self.text_fields:
            verbose = cast("models.Field[Any, Any]", Challenge._meta.get_field(field)).verbose_name
            for code in ordered:
                widget = (
                    forms.Textarea(attrs={"rows": 4, "lang": code})
                    if field in _LONG
                    else forms.TextInput(attrs={"lang": code})
                )
                self.fields[f"{field}__{code}"] = forms.CharField(
                    label=f"{str(verbose).capitalize()} ({language_name_in_text(code)})",
                    required=(field == "title" and code == original_language),
                    max_length=200 if field == "title" else 20000,
                    widget=widget,
                )

    @property
    def text_fields(self) -> list[str]:
        return [f for f in TEXT_FIELDS if f in self.step_fields]

    def text_groups(self):
        """For the template: each canvas text field with its per-language inputs."""
        for field in self.text_fields:
            label = str(Challenge._meta.get_field(field).verbose_name).capitalize()
            yield field, label, [self[name] for name in self.fields if name.startswith(field + "__")]

    def canvas_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {
            field: {name.split("__")[1]: data.get(name) or "" for name in self.fields if name.startswith(field + "__")}
            for field in self.text_fields
        }
        values.update({k: data.get(k) for k in SCALARS if k in self.fields})
        if "themes" in values:
            values["themes"] = list(values["themes"] or [])
        return values

    def preview_values(self) -> dict[str, Any]:
        """The values that parsed, for a readiness preview of an edit that is not saved (or not valid)."""
        data = getattr(self, "cleaned_data", {})
        values: dict[str, Any] = {
            field: {
                name.split("__")[1]: (self.data.get(name) or "").strip()
                for name in self.fields
                if name.startswith(field + "__") and (self.data.get(name) or "").strip()
            }
            for field in self.text_fields
        }
        for key in ("route", "budget_min", "budget_max", "call_deadline"):
            if key in data:
                values[key] = data[key]
        if "platform" in data:
            values["platform_id"] = data["platform"].pk if data["platform"] else None
        if "themes" in self.fields:
            values["themes"] = list(data.get("themes") or [])
        return values

    @classmethod
    def initial_for(cls, challenge: Challenge) -> dict:
        initial = {
            f"{field}__{code}": text
            for field in TEXT_FIELDS
            for code, text in (getattr(challenge, field) or {}).items()
        }
        initial.update(
            route=challenge.route,
            platform=challenge.platform,
            themes=list(challenge.themes.all()),
            budget_min=challenge.budget_min,
            budget_max=challenge.budget_max,
            call_deadline=challenge.call_deadline,
        )
        return initial


class IndicatorForm(forms.Form):
    unit = forms.CharField(label=_("Unit"), required=False, max_length=60)
    # Indicators count or measure things (floods per year, tonnes): a negative baseline or target is refused.
    baseline = NumberField(
        label=_("Baseline"),
        required=False,
        min_value=0,
        max_digits=18,
        decimal_places=4,
        negative_message=INDICATOR_NEGATIVE_MESSAGE,
    )
    target = NumberField(
        label=_("Target"),
        required=False,
        min_value=0,
        max_digits=18,
        decimal_places=4,
        negative_message=INDICATOR_NEGATIVE_MESSAGE,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in language_codes():
            self.fields[f"name__{code}"] = forms.CharField(
                label=f"{_('Indicator')} ({language_name_in_text(code)})", required=False, max_length=200
            )
        self.order_fields([f"name__{c}" for c in language_codes()] + ["unit", "baseline", "target"])

    def clean(self):
        data = super().clean()
        named = any(data.get(f"name__{c}") for c in language_codes())
        if not named and any(data.get(k) not in (None, "") for k in ("unit", "baseline", "target")):
            raise forms.ValidationError(_("Give the indicator a name."), code="indicator_name_missing")
        return data

    def value(self) -> dict | None:
        data = self.cleaned_data
        name = {c: data[f"name__{c}"] for c in language_codes() if data.get(f"name__{c}")}
        if not name:
            return None
        return {
            "name": name,
            "unit": data.get("unit") or "",
            "baseline": data.get("baseline"),
            "target": data.get("target"),
        }


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=2, max_num=20, validate_max=True)


def indicator_initial(challenge: Challenge) -> list[dict]:
    rows = []
    for indicator in challenge.indicators.all():
        row = {f"name__{c}": t for c, t in indicator.name.items()}
        row.update(unit=indicator.unit, baseline=indicator.baseline, target=indicator.target)
        rows.append(row)
    return rows
