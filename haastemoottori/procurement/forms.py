"""Forms for the owners' procurement pages. They parse input; the rules live in services.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from haastemoottori.challenges.lifecycle import Route
from haastemoottori.core.i18n import language_codes, language_name
from haastemoottori.organisations.models import Organisation

from .models import Contract, ProcurementNotice

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PathForm(forms.Form):
    route = forms.ChoiceField(label=_("Procurement route"), required=False,
                              choices=[("", _("Not decided yet")), *Route.choices])

    def __init__(self, *args, path=None, challenge=None, **kwargs):
        super().__init__(*args, prefix="path", **kwargs)
        self.fields["route"].initial = path.route if path else (challenge.route if challenge else "")
        for code in language_codes():
            self.fields[f"description__{code}"] = forms.CharField(
                label=f"{_('Description of the procurement path')} ({language_name(code).lower()})", required=False,
                max_length=5000, widget=forms.Textarea(attrs={"rows": 4, "lang": code}),
                initial=(path.description if path else {}).get(code, ""))

    def description(self) -> dict:
        return {code: self.cleaned_data.get(f"description__{code}", "") for code in language_codes()}


class NoticeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of notice"), choices=ProcurementNotice.Kind.choices)
    notice_id = forms.CharField(label=_("Notice ID"), max_length=100,
                                help_text=_("The identifier in the notice service, e.g. a Hilma ID."))
    url = forms.URLField(label=_("Link to the notice"), max_length=500, assume_scheme="https")
    published_on = forms.DateField(label=_("Published"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="notice", **kwargs)


class AwardForm(forms.Form):
    supplier = forms.ModelChoiceField(label=_("Supplier"), queryset=Organisation.objects.none(), required=False,
                                      help_text=_("Leave empty to award the lead of the selected proposal."))
    proposal = forms.ModelChoiceField(label=_("Selected proposal"), queryset=None, required=False)
    value = forms.DecimalField(label=_("Value (EUR, VAT 0 %)"), min_value=0, max_digits=14, decimal_places=2)
    date = forms.DateField(label=_("Award date"), widget=DATE)

    def __init__(self, *args, proposals=None, **kwargs):
        super().__init__(*args, prefix="award", **kwargs)
        self.fields["supplier"].queryset = Organisation.objects.filter(
            kind__in=Organisation.SOLVER_KINDS).order_by("slug")
        self.fields["proposal"].queryset = proposals
        self.fields["proposal"].label_from_instance = lambda p: f"{p.title} ({p.lead})"

    def clean(self):
        data = super().clean()
        if not data.get("supplier") and not data.get("proposal"):
            self.add_error("supplier", _("Choose the supplier or the selected proposal."))
        return data


class ContractForm(forms.Form):
    award = forms.ModelChoiceField(label=_("Award"), queryset=None)
    value = forms.DecimalField(label=_("Value (EUR, VAT 0 %)"), min_value=0, max_digits=14, decimal_places=2)
    signed_on = forms.DateField(label=_("Signed"), widget=DATE)
    start_date = forms.DateField(label=_("Starts"), widget=DATE)
    end_date = forms.DateField(label=_("Ends"), widget=DATE, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Contract.Status.choices, initial=Contract.Status.ACTIVE)

    def __init__(self, *args, awards=None, **kwargs):
        super().__init__(*args, prefix="contract", **kwargs)
        self.fields["award"].queryset = awards
        self.fields["award"].label_from_instance = (
            lambda a: f"{a.supplier_name}, {a.value} {a.currency}, {a.date:%d.%m.%Y}")
