from django import forms

from .categories import CATEGORIES
from .models import Notification


class PreferencesForm(forms.Form):
    """One choice per notification category: e-mail immediately, in the digest, or not at all."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for category, label in CATEGORIES.items():
            self.fields[category] = forms.ChoiceField(
                label=label, choices=Notification.Email.choices, widget=forms.RadioSelect
            )
