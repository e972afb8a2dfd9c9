"""Forms of the pilot pages. Translated texts have one input per language, the original language first."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import language_codes, language_name
from haastemoottori.organisations.models import Organisation
from haastemoottori.platforms.models import DevelopmentPlatform

from .models import KPI, CheckIn, Pilot

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TranslatedFieldsMixin:
    """Adds ``<name>_<lang>`` inputs for each name in ``translated`` and collects them back into dicts."""

    translated: tuple[tuple[str, object, bool], ...] = ()  # (name, label, long text)

    def add_translated(self, original_language: str, initial: dict | None = None) -> None:
        ordered = [original_language, *[c for c in language_codes() if c != original_language]]
        for name, label, long in self.translated:
            for code in ordered:
                widget = forms.Textarea(attrs={"rows": 4, "lang": code}) if long else forms.TextInput(
                    attrs={"lang": code})
                self.fields[f"{name}_{code}"] = forms.CharField(
                    label=f"{label} ({language_name(code)})", required=False, widget=widget,
                    initial=((initial or {}).get(name) or {}).get(code, ""))

    def translations(self, name: str) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"{name}_{code}", "") for code in language_codes()}


class PilotFilterForm(forms.Form):
    city = forms.ModelChoiceField(label=_("City"), required=False, to_field_name="slug",
                                  queryset=Organisation.objects.filter(kind__in=Organisation.OWNER_KINDS))
    platform = forms.ModelChoiceField(label=_("Development platform"), required=False, to_field_name="slug",
                                      queryset=DevelopmentPlatform.objects.all())
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any")), *Pilot.Status.choices])


class PilotForm(TranslatedFieldsMixin, forms.Form):
    translated = (("title", _("Title"), False), ("scope", _("Scope"), True))

    platform = forms.ModelChoiceField(label=_("Development platform"), required=False,
                                      queryset=DevelopmentPlatform.objects.all())
    location = forms.CharField(label=_("Location"), required=False, max_length=300)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DATE)
    end_date = forms.DateField(label=_("End date"), required=False, widget=DATE)
    budget_total = forms.DecimalField(label=_("Total budget (EUR)"), required=False, min_value=0, max_digits=14,
                                      decimal_places=2)

    def __init__(self, *args, original_language: str, cities=(), initial_texts: dict | None = None,
                 with_status: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translated(original_language, initial_texts)
        self.cities = list(cities)
        for city in self.cities:
            self.fields[f"share_{city.pk}"] = forms.DecimalField(
                label=_("Share of %(city)s (EUR)") % {"city": city}, required=False, min_value=0, max_digits=14,
                decimal_places=2)
        if with_status:
            self.fields["status"] = forms.ChoiceField(label=_("Status"), choices=[
                (Pilot.Status.PLANNED, Pilot.Status.PLANNED.label), (Pilot.Status.RUNNING, Pilot.Status.RUNNING.label)])

    def values(self) -> dict:
        data = {name: self.cleaned_data[name] for name in ("platform", "location", "start_date", "end_date",
                                                           "budget_total")}
        data["title"] = self.translations("title")
        data["scope"] = self.translations("scope")
        data["budget_shares"] = {city: self.cleaned_data.get(f"share_{city.pk}") for city in self.cities}
        if "status" in self.fields:
            data["status"] = self.cleaned_data["status"]
        return data


class KPIForm(TranslatedFieldsMixin, forms.Form):
    translated = (("name", _("Name"), False),)

    unit = forms.CharField(label=_("Unit"), required=False, max_length=60)
    method = forms.CharField(label=_("Measurement method"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    baseline = forms.DecimalField(label=_("Baseline"), max_digits=20, decimal_places=4)
    target = forms.DecimalField(label=_("Target"), max_digits=20, decimal_places=4)
    direction = forms.ChoiceField(label=_("Direction"), choices=KPI.Direction.choices)
    is_co2e = forms.BooleanField(label=_("Greenhouse gas emissions (CO2e)"), required=False)

    def __init__(self, *args, original_language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translated(original_language)


class MeasurementForm(forms.Form):
    value = forms.DecimalField(label=_("Value"), max_digits=20, decimal_places=4)
    measured_on = forms.DateField(label=_("Measured on"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=1000,
                           help_text=_("Required when you correct an earlier value."))
    corrects = forms.ModelChoiceField(label=_("Corrects the value of"), required=False, queryset=None,
                                      empty_label=_("No correction"))

    def __init__(self, *args, kpi, **kwargs):
        super().__init__(*args, prefix=f"kpi{kpi.pk}", **kwargs)
        self.kpi = kpi
        self.fields["corrects"].queryset = kpi.measurements.all()
        self.fields["corrects"].label_from_instance = lambda m: f"{m.measured_on:%Y-%m-%d}: {m.value.normalize()}"


class MilestoneForm(TranslatedFieldsMixin, forms.Form):
    translated = (("title", _("Title"), False),)

    due_date = forms.DateField(label=_("Due date"), widget=DATE)

    def __init__(self, *args, original_language: str, **kwargs):
        super().__init__(*args, prefix="milestone", **kwargs)
        self.add_translated(original_language)


class CheckInForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CheckIn.Status.choices, widget=forms.RadioSelect)
    summary = forms.CharField(label=_("Summary (public)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    next_steps = forms.CharField(label=_("Next steps (seen by the participants only)"), required=False,
                                 max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ResultsForm(TranslatedFieldsMixin, forms.Form):
    translated = (("results", _("Results"), True), ("lessons", _("Lessons learned"), True))

    scale_up = forms.ChoiceField(label=_("Scale-up decision"), choices=Pilot.ScaleUp.choices,
                                 widget=forms.RadioSelect)
    scale_up_reasons = forms.CharField(label=_("Reasons for the decision"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, pilot: Pilot, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translated(pilot.original_language, {"results": pilot.results, "lessons": pilot.lessons})


class AdoptForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Adopt for"), queryset=Organisation.objects.none(),
                                          empty_label=None)
    pilot = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
