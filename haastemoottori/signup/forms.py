"""The sign-up and invitation forms."""

from typing import cast

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from haastemoottori.accounts.forms import language_choices
from haastemoottori.organisations.business_id import validate_business_id
from haastemoottori.organisations.models import Organisation


class CompanySignupForm(forms.Form):
    """Register a company or research organisation and its first admin; or, when the Business ID is already
    registered, ask to join that organisation (``joining``: the name and kind are not needed then)."""

    kind = forms.ChoiceField(
        label=_("Type of organisation"),
        choices=[(Organisation.Kind.COMPANY, _("Company")), (Organisation.Kind.RESEARCH, _("Research organisation"))],
    )
    company_name = forms.CharField(
        label=_("Name of the organisation"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the name in the trade register."),
    )
    business_id = forms.CharField(label=_("Business ID"), max_length=12, help_text=_("For example 1234567-1"))
    full_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 10 characters."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(label=_("Language for e-mails"))
    message = forms.CharField(
        label=_("Message to the admins (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example your role in the organisation."),
    )

    def __init__(self, *args, joining: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["language"]).choices = language_choices()
        if joining:
            self.fields["company_name"].required = False
            self.fields["kind"].required = False

    def clean_business_id(self):
        """Checked here too, so a wrong check digit is shown at the input together with the form's other
        errors (the service checks it again)."""
        business_id = self.cleaned_data["business_id"]
        validate_business_id(business_id)
        return business_id

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password

    def error_field(self, name: str | None) -> str | None:
        """The input a service error goes to: the registry's "identifier" is this form's Business ID."""
        if name == "identifier":
            return "business_id"
        return name if name in self.fields else None


class InvitationSignupForm(forms.Form):
    full_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 10 characters."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(label=_("Language for e-mails"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password
