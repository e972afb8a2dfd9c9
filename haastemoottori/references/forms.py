from django import forms
from django.utils.translation import gettext_lazy as _

from haastemoottori.organisations.models import Organisation

from .services import REASON_MAX, ROLE_MAX, STATEMENT_MAX


class IssueForm(forms.Form):
    organisations: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Organisations that receive a reference"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one organisation.")},
    )
    statement = forms.CharField(
        label=_("The city's statement"),
        help_text=_("What the organisation did in the pilot and how it went, in the city's words."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=STATEMENT_MAX,
    )
    signer_role = forms.CharField(
        label=_("The signer's role"), help_text=_("E.g. “Head of the smart city unit”."), max_length=ROLE_MAX
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisations"]
        field.queryset = organisations
        field.initial = list(organisations)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        help_text=_("The organisation sees the reason, and so does everyone who verifies the reference."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REASON_MAX,
    )


class VerifyForm(forms.Form):
    reference = forms.CharField(
        label=_("Paste the reference"),
        help_text=_("The downloaded JSON file's content, or the signed token."),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        required=False,
        strip=False,
    )
    file = forms.FileField(label=_("Or choose the file"), required=False)
