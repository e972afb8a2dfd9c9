"""Forms of the pilot pages. Translated texts have one input per language, the original language first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from haastemoottori.core.forms_numbers import NumberField
from haastemoottori.core.i18n import language_codes, language_name
from haastemoottori.organisations.models import Organisation
from haastemoottori.platforms.models import DevelopmentPlatform

from .formatting import normal, plain, short_date
from .models import KPI, CheckIn, Pilot
from .services.kpis import METHOD_MAX, NOTE_MAX
from .services.pilot import REASONS_MAX, RESULTS_MAX

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TranslatedFieldsMixin:
    """Adds ``<name>_<lang>`` inputs for each name in ``translated`` and collects them back into dicts."""

    # Provided by the form the mixin goes with:
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    translated: tuple[tuple[str, object, bool, int], ...] = ()  # (name, label, long text, max length)

    def add_translated(self, original_language: str, initial: dict | None = None) -> None:
        ordered = [original_language, *[c for c in language_codes() if c != original_language]]
        for name, label, long, max_length in self.translated:
            for code in ordered:
                widget = (
                    forms.Textarea(attrs={"rows": 4, "lang": code}) if long else forms.TextInput(attrs={"lang": code})
                )
                self.fields[f"{name}_{code}"] = forms.CharField(
                    label=_("%(field)s (%(language)s)") % {"field": label, "language": language_name(code)},
                    required=False,
                    widget=widget,
                    max_length=max_length,
                    initial=((initial or {}).get(name) or {}).get(code, ""),
                )
        self.original_language = original_language

    def error_field(self, field: str | None) -> str | None:
        """The input a service error belongs to: the field itself, or a translated one's original-language input."""
        if field in self.fields:
            return field
        original = f"{field}_{getattr(self, 'original_language', '')}"
        return original if original in self.fields else None

    def translations(self, name: str) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"{name}_{code}", "") for code in language_codes()}


class PilotFilterForm(forms.Form):
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        to_field_name="slug",
        queryset=Organisation.objects.filter(kind__in=Organisation.OWNER_KINDS),
    )
    platform = forms.ModelChoiceField(
        label=_("Development platform"),
        required=False,
        to_field_name="slug",
        queryset=DevelopmentPlatform.objects.all(),
    )
    # Filter words (plural in some languages), separate from the status of one pilot.
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Any")),
            (Pilot.Status.PLANNED, pgettext_lazy("pilots filter", "Planned")),
            (Pilot.Status.RUNNING, pgettext_lazy("pilots filter", "Running")),
            (Pilot.Status.FINISHED, pgettext_lazy("pilots filter", "Finished")),
            (Pilot.Status.STOPPED, pgettext_lazy("pilots filter", "Stopped")),
        ],
    )


class PilotForm(TranslatedFieldsMixin, forms.Form):
    translated = (("title", _("Title"), False, 200), ("scope", _("Scope"), True, RESULTS_MAX))

    platform = forms.ModelChoiceField(
        label=_("Development platform"), required=False, queryset=DevelopmentPlatform.objects.all()
    )
    location = forms.CharField(label=_("Location"), required=False, max_length=300)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DATE)
    end_date = forms.DateField(label=_("End date"), required=False, widget=DATE)
    budget_total = NumberField(
        label=_("Total budget (EUR)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )

    def __init__(
        self,
        *args,
        original_language: str,
        cities=(),
        initial_texts: dict | None = None,
        with_status: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.add_translated(original_language, initial_texts)
        self.cities = list(cities)
        for city in self.cities:
            self.fields[f"share_{city.pk}"] = NumberField(
                label=_("Share of %(city)s (EUR)") % {"city": city},
                required=False,
                min_value=0,
                max_digits=14,
                decimal_places=2,
            )
        if with_status:
            self.fields["status"] = forms.ChoiceField(
                label=_("Status"),
                choices=[
                    (Pilot.Status.PLANNED, Pilot.Status.PLANNED.label),
                    (Pilot.Status.RUNNING, Pilot.Status.RUNNING.label),
                ],
            )

    def values(self) -> dict:
        data = {
            name: self.cleaned_data[name] for name in ("platform", "location", "start_date", "end_date", "budget_total")
        }
        data["title"] = self.translations("title")
        data["scope"] = self.translations("scope")
        data["budget_shares"] = {city: self.cleaned_data.get(f"share_{city.pk}") for city in self.cities}
        if "status" in self.fields:
            data["status"] = self.cleaned_data["status"]
        return data


class KPIForm(TranslatedFieldsMixin, forms.Form):
    translated = (("name", _("Name"), False, 200),)

    unit = forms.CharField(label=_("Unit"), required=False, max_length=60)
    method = forms.CharField(
        label=_("Measurement method"), required=False, max_length=METHOD_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    baseline = NumberField(label=_("Baseline"), max_digits=20, decimal_places=4)
    target = NumberField(label=_("Target"), max_digits=20, decimal_places=4)
    direction = forms.ChoiceField(label=_("Direction"), choices=KPI.Direction.choices)
    is_co2e = forms.BooleanField(label=_("Greenhouse gas emissions (CO2e)"), required=False)

    def __init__(self, *args, original_language: str, kpi: KPI | None = None, **kwargs):
        if kpi is not None:
            kwargs.setdefault(
                "initial",
                {
                    "unit": kpi.unit,
                    "method": kpi.method,
                    "baseline": normal(kpi.baseline),
                    "target": normal(kpi.target),
                    "direction": kpi.direction,
                    "is_co2e": kpi.is_co2e,
                },
            )
        super().__init__(*args, **kwargs)
        self.add_translated(original_language, {"name": kpi.name} if kpi is not None else None)


# The same word as in the error “Say in the note why the value is corrected.” (a measurement's note).
NOTE_LABEL = pgettext_lazy("measurement", "Note")


class MeasurementForm(forms.Form):
    value = NumberField(label=_("Value"), max_digits=20, decimal_places=4)
    measured_on = forms.DateField(label=_("Measured on"), widget=DATE)
    note = forms.CharField(
        label=NOTE_LABEL,
        required=False,
        max_length=NOTE_MAX,
        help_text=_("Required when you correct an earlier value."),
    )
    corrects: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Corrects the value of"), required=False, queryset=None, empty_label=_("No correction")
    )

    # The edit token the form carries (services.measurement_token) and a refusal to show (core/concurrency.py).
    edit_token: str | None = None
    conflict: Exception | None = None

    def __init__(self, *args, kpi, **kwargs):
        super().__init__(*args, prefix=f"kpi{kpi.pk}", **kwargs)
        self.kpi = kpi
        self.fields["corrects"].queryset = kpi.measurements.all()
        self.fields["corrects"].label_from_instance = measurement_label


def measurement_label(measurement) -> str:
    """“1.10.2019: 30” in the page language: the local date format, the value without exponent or trailing zeros."""
    return f"{short_date(measurement.measured_on)}: {plain(measurement.value)}"


class MilestoneForm(TranslatedFieldsMixin, forms.Form):
    translated = (("title", _("Title"), False, 200),)

    due_date = forms.DateField(label=_("Due date"), widget=DATE)

    def __init__(self, *args, original_language: str, milestone=None, window=(None, None), **kwargs):
        if milestone is not None:
            kwargs.setdefault("initial", {"due_date": milestone.due_date})
        super().__init__(*args, prefix="milestone", **kwargs)  # type: ignore[misc]  # never positional
        self.add_translated(original_language, {"title": milestone.title} if milestone is not None else None)
        earliest, latest = window
        if earliest and latest:
            self.fields["due_date"].help_text = _("Between %(earliest)s and %(latest)s.") % {
                "earliest": short_date(earliest),
                "latest": short_date(latest),
            }


class CheckInForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CheckIn.Status.choices, widget=forms.RadioSelect)
    summary = forms.CharField(label=_("Summary (public)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    next_steps = forms.CharField(
        label=_("Next steps (seen by the participants only)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResultsForm(TranslatedFieldsMixin, forms.Form):
    translated = (("results", _("Results"), True, RESULTS_MAX), ("lessons", _("Lessons learned"), True, RESULTS_MAX))

    ended_on = forms.DateField(label=_("Actual end date"), widget=DATE)
    scale_up = forms.ChoiceField(label=_("Scale-up decision"), choices=Pilot.ScaleUp.choices, widget=forms.RadioSelect)
    scale_up_reasons = forms.CharField(
        label=_("Reasons for the decision"), max_length=REASONS_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, pilot: Pilot, ended_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translated(pilot.original_language, {"results": pilot.results, "lessons": pilot.lessons})
        self.fields["ended_on"].initial = ended_on
        hint: str | StrPromise = _(
            "The day the pilot ended: not in the future and after it started. It replaces "
            "the planned end date on the pilot page and in the impact figures."
        )
        if pilot.start_date:
            started = _("Started: %(start)s.") % {"start": short_date(pilot.start_date)}
            hint = f"{hint} {started}"
        self.fields["ended_on"].help_text = hint
        self.order_fields(
            [f"results_{c}" for c in self._ordered()]
            + [f"lessons_{c}" for c in self._ordered()]
            + ["ended_on", "scale_up", "scale_up_reasons"]
        )

    def _ordered(self) -> list[str]:
        return [self.original_language, *[c for c in language_codes() if c != self.original_language]]


class AdoptForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Adopt for"), queryset=Organisation.objects.none(), empty_label=None)
    pilot = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
