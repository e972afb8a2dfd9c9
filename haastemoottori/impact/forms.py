"""The dashboard's filters: a city (owner organisation) and a period (preset or dates)."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from haastemoottori.organisations.models import Organisation

from .selectors import ImpactFilters, impact_filters_for

THIS_YEAR = "this_year"
LAST_12_MONTHS = "last_12_months"
# Dates outside these bounds mean nothing here, and at the extremes (year 1, year 9999) the day after or the
# Helsinki midnight falls outside what Python's datetime can hold.
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)


def preset_dates(preset: str, today: date) -> tuple[date, date]:
    """This year: 1 January to today. The last 12 months: the day after the same date a year ago to today."""
    if preset == THIS_YEAR:
        return date(today.year, 1, 1), today
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return year_ago + timedelta(days=1), today


class ImpactFilterForm(forms.Form):
    city = forms.ChoiceField(label=_("City or owner"), required=False)
    period = forms.ChoiceField(
        label=_("Period"),
        required=False,
        choices=[
            ("", _("All time, or the dates below")),
            (THIS_YEAR, _("This year")),
            (LAST_12_MONTHS, _("The last 12 months")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._owners = {
            o.slug: o for o in Organisation.objects.owners().only("pk", "slug", "name", "original_language")
        }
        self.fields["city"].choices = [("", _("All")), *[(slug, str(o)) for slug, o in self._owners.items()]]
        self.fields["from"] = forms.DateField(
            label=_("From"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            help_text=_("For example 2025-01-31."),
            validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
        )
        self.fields["to"] = forms.DateField(
            label=_("To"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            help_text=_("Included in the period."),
            validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
        )

    def clean(self):
        data = super().clean()
        if data.get("period") and (data.get("from") or data.get("to")):
            self.add_error("period", _("Choose a preset period or dates, not both."))
        elif data.get("from") and data.get("to") and data["from"] > data["to"]:
            self.add_error("to", _("The end of the period must not be before its start."))
        return data

    def dates(self) -> tuple[date | None, date | None]:
        data = self.cleaned_data
        if data.get("period"):
            return preset_dates(data["period"], timezone.localdate())
        return data.get("from"), data.get("to")

    def to_filters(self, *, user, staff: bool) -> ImpactFilters:
        """Call only when the form is valid (or unbound: no filters)."""
        if not self.is_bound:
            return impact_filters_for(user=user, staff=staff)
        date_from, date_to = self.dates()
        return impact_filters_for(
            user=user,
            staff=staff,
            city=self._owners.get(self.cleaned_data.get("city")),
            date_from=date_from,
            date_to=date_to,
        )
