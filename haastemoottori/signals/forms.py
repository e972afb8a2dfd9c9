"""Forms of the signal pages. They only parse input; the rules are in the services (field names match the
``field`` of the services' errors, so a refusal is shown beside its field)."""

from datetime import datetime, time
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import current_language, language_codes, language_name
from haastemoottori.organisations.models import Department, Organisation
from haastemoottori.taxonomy.models import Theme

from .models import Signal, SignalImport
from .services.common import MAX_PLACE, MAX_REASON, MAX_TEXT, MAX_TITLE, MAX_URL, MIN_SUGGESTION_TEXT
from .services.imports import MAX_UPLOAD_BYTES
from .services.signals import STAFF_SOURCES


def _language_choices():
    return [(code, language_name(code)) for code in language_codes()]


class CityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj.t.name) or obj.slug


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.organisation.t.name} – {obj.t.name}"


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj.t.name)


class ThemesChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj.t.name)


class SignalFilterForm(forms.Form):
    q = forms.CharField(label=_("Words in the title, text or place"), required=False, max_length=200)
    city = CityChoiceField(
        label=_("City"), required=False, queryset=Organisation.objects.owners().order_by("slug"), empty_label=_("All")
    )
    department = DepartmentChoiceField(
        label=_("Department"),
        required=False,
        empty_label=_("All"),
        queryset=Department.objects.filter(organisation__kind__in=Organisation.OWNER_KINDS).select_related(
            "organisation"
        ),
    )
    source = forms.ChoiceField(label=_("Source"), required=False, choices=[("", _("All")), *Signal.Source.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *Signal.Status.choices])
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All")), *((t.slug, str(t.t.name)) for t in Theme.objects.all())]
        self.fields["language"].choices = [("", _("All")), *_language_choices()]


def _observed_datetime(day) -> datetime | None:
    return timezone.make_aware(datetime.combine(day, time(12))) if day else None


class SignalForm(forms.Form):
    """A staff signal: created in one of the user's cities, or edited (``signal`` given)."""

    city = CityChoiceField(label=_("City"), queryset=Organisation.objects.none(), empty_label=None)
    source = forms.ChoiceField(label=_("Kind of signal"), choices=[(s.value, s.label) for s in STAFF_SOURCES])
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE, help_text=_("The need in one sentence."))
    text = forms.CharField(
        label=_("Description"), required=False, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 6})
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=_language_choices)
    department = DepartmentChoiceField(
        label=_("Department"),
        required=False,
        queryset=Department.objects.none(),
        empty_label=_("None"),
        help_text=_("A department of the chosen city."),
    )
    themes = ThemesChoiceField(
        label=_("Themes"), required=False, queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    location_name = forms.CharField(label=_("Place"), required=False, max_length=MAX_PLACE)
    latitude = forms.CharField(
        label=_("Latitude"), required=False, max_length=30, help_text=_("Decimal degrees (WGS84), e.g. 60.2055.")
    )
    longitude = forms.CharField(
        label=_("Longitude"), required=False, max_length=30, help_text=_("Decimal degrees (WGS84), e.g. 24.6559.")
    )
    evidence_url = forms.CharField(
        label=_("Link to evidence"),
        required=False,
        max_length=MAX_URL,
        widget=forms.URLInput,
        help_text=_("A report, data set or study that shows the need."),
    )
    observed_at = forms.DateField(
        label=_("Observed"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, data=None, *args, cities=None, signal: Signal | None = None, **kwargs):
        if signal is not None and data is None:
            kwargs["initial"] = {
                "city": signal.city_id,
                "source": signal.source,
                "title": signal.title,
                "text": signal.text,
                "language": signal.language,
                "department": signal.department_id,
                "themes": [t.pk for t in signal.themes.all()],
                "location_name": signal.location_name,
                "latitude": signal.latitude if signal.latitude is not None else "",
                "longitude": signal.longitude if signal.longitude is not None else "",
                "evidence_url": signal.evidence_url,
                "observed_at": timezone.localtime(signal.observed_at).date(),
            }
        else:
            kwargs.setdefault("initial", {"language": current_language()})
        super().__init__(data, *args, **kwargs)
        self.signal = signal
        self.fields["observed_at"].help_text = (
            _("Format: 2025-03-01.") if signal is not None else _("Format: 2025-03-01. Empty: today.")
        )
        cities = cities if cities is not None else Organisation.objects.none()
        cast(forms.ModelChoiceField, self.fields["city"]).queryset = cities
        cast(forms.ModelChoiceField, self.fields["department"]).queryset = Department.objects.filter(
            organisation__in=cities
        ).select_related("organisation")
        if signal is not None and signal.source not in STAFF_SOURCES:
            del self.fields["source"]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        day = data.get("observed_at")
        if self.signal is not None and (day is None or day == timezone.localtime(self.signal.observed_at).date()):
            del data["observed_at"]  # the same day: keep the time of day the signal has (e.g. an imported one)
        else:
            data["observed_at"] = _observed_datetime(day)
        return data


class SuggestForm(forms.Form):
    city = CityChoiceField(label=_("City"), queryset=Organisation.objects.none(), empty_label=_("Choose a city"))
    title = forms.CharField(
        label=_("What is the need?"),
        max_length=MAX_TITLE,
        help_text=_("In one sentence, e.g. “The path to the school is dark in winter”."),
    )
    text = forms.CharField(
        label=_("Describe it"),
        max_length=MAX_TEXT,
        min_length=MIN_SUGGESTION_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who is affected, when and how. Do not write anyone’s personal details."),
    )
    location_name = forms.CharField(label=_("Place (optional)"), required=False, max_length=MAX_PLACE)
    theme = ThemeChoiceField(
        label=_("Theme (optional)"), required=False, queryset=Theme.objects.all(), empty_label=_("No theme")
    )
    evidence_url = forms.CharField(
        label=_("Link to more information (optional)"), required=False, max_length=MAX_URL, widget=forms.URLInput
    )

    def __init__(self, *args, cities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities if cities is not None else Organisation.objects.none()


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("", "—"), ("accept", _("Accept")), ("reject", _("Reject"))]
    )
    reason = forms.CharField(
        label=_("Reason for rejecting (only the resident sees it)"),
        required=False,
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Tell the resident why the suggestion was rejected."))
        return cleaned


class ImportForm(forms.Form):
    city = CityChoiceField(label=_("City"), queryset=Organisation.objects.none(), empty_label=None)
    format = forms.ChoiceField(label=_("Format"), choices=SignalImport.Format.choices, initial=SignalImport.Format.CSV)
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, cities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("At most %(size)s MB. The columns and formats are described below.") % {
            "size": MAX_UPLOAD_BYTES // 2**20
        }
        self.fields["city"].queryset = cities if cities is not None else Organisation.objects.none()
