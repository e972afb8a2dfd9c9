from django import forms
from django.utils.translation import gettext_lazy as _

from haastemoottori.challenges.models import Challenge
from haastemoottori.organisations.models import Organisation

from .models import MatchFeedback


class FeedbackForm(forms.Form):
    challenge = forms.ModelChoiceField(
        queryset=Challenge.objects.all(),
        to_field_name="slug",
        error_messages={"invalid_choice": _("Unknown challenge.")},
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        error_messages={"invalid_choice": _("Unknown organisation.")},
    )
    direction = forms.ChoiceField(choices=MatchFeedback.Direction.choices)
    useful = forms.ChoiceField(choices=[("yes", _("Useful")), ("no", _("Not useful"))])
    rank = forms.IntegerField(required=False, min_value=1, max_value=1000)
    score = forms.FloatField(required=False, min_value=-100, max_value=100)
