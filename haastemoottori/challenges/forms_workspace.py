"""Forms of the staff workspace. They only parse input; the services decide and change."""

from django import forms
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.forms_numbers import NumberField
from haastemoottori.core.i18n import language_codes, language_name
from haastemoottori.organisations.models import Organisation

from .forms_canvas import CanvasForm, IndicatorFormSet
from .lifecycle import Outcome
from .models import ChallengeOwnership


class ChallengeCreateForm(forms.Form):
    lead = forms.ModelChoiceField(label=_("Lead organisation"), queryset=Organisation.objects.none())
    original_language = forms.ChoiceField(label=_("Original language"))
    title = forms.CharField(label=_("Title"), max_length=200)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = organisations if organisations is not None else Organisation.objects.none()
        self.fields["original_language"].choices = [(c, language_name(c)) for c in language_codes()]


class OwnerAddForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.owners())
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (ChallengeOwnership.Role.CO_OWNER, ChallengeOwnership.Role.CO_OWNER.label),
            (ChallengeOwnership.Role.CONTRIBUTOR, ChallengeOwnership.Role.CONTRIBUTOR.label),
        ],
    )
    budget_share = NumberField(
        label=_("Budget share (%)"), required=False, min_value=0, max_value=100, decimal_places=2
    )

    def __init__(self, *args, challenge=None, **kwargs):
        super().__init__(*args, **kwargs)
        if challenge is not None:
            # Only cities not yet in the challenge: not the lead, not one already a co-owner or contributor.
            field = self.fields["organisation"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Organisation.objects.owners().exclude(challenge_ownerships__challenge=challenge)


class TransitionForm(forms.Form):
    target = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=[("", "—"), *Outcome.choices])
    confirm = forms.BooleanField(label=_("I have checked the challenge and want to make this change"), required=True)


class ApprovalForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[("approve", "approve"), ("withdraw", "withdraw")], widget=forms.HiddenInput)


__all__ = ["ApprovalForm", "CanvasForm", "ChallengeCreateForm", "IndicatorFormSet", "OwnerAddForm", "TransitionForm"]
