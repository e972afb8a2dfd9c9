from django import forms
from django.utils.translation import gettext_lazy as _

from haastemoottori.notifications.models import AlertPreference

from .models import SavedSearch


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often do you want an e-mail about what you follow?"),
        choices=AlertPreference.Frequency.choices,
        widget=forms.RadioSelect,
    )


class SavedSearchForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the search"),
        required=False,
        max_length=SavedSearch._meta.get_field("name").max_length,
        help_text=_("Optional. Without a name, the search is named after its filters."),
    )
