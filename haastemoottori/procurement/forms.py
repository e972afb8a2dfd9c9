"""Forms for the owners' procurement pages. They parse input; the rules live in services.py."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from haastemoottori.challenges.lifecycle import Route
from haastemoottori.core.forms_numbers import NumberField
from haastemoottori.core.i18n import language_codes, language_name
from haastemoottori.organisations.models import Organisation

from .formatting import money, short_date
from .models import Contract, ProcurementNotice

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DESCRIPTION_LABEL = _("Description of the procurement path")


class PathForm(forms.Form):
    route = forms.ChoiceField(
        label=_("Procurement route"), required=False, choices=[("", _("Not decided yet")), *Route.choices]
    )

    def __init__(self, *args, path=None, challenge=None, **kwargs):
        super().__init__(*args, prefix="path", **kwargs)
        self.fields["route"].initial = path.route if path else (challenge.route if challenge else "")
        for code in language_codes():
            self.fields[f"description__{code}"] = forms.CharField(
                label=_("%(field)s (%(language)s)") % {"field": DESCRIPTION_LABEL, "language": language_name(code)},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4, "lang": code}),
                initial=(path.description if path else {}).get(code, ""),
            )

        self.fields["cpv_codes"] = forms.CharField(
            label=_("CPV codes"),
            required=False,
            max_length=500,
            help_text=_(
                "Codes of the Common Procurement Vocabulary with their check digits, separated by commas, "
                "e.g. 72000000-5, 73000000-2. The first is the main code."
            ),
            initial=", ".join(path.cpv_codes) if path else "",
        )

    def description(self) -> dict:
        return {code: self.cleaned_data.get(f"description__{code}", "") for code in language_codes()}

    def cpv_codes(self) -> list[str]:
        return [c.strip() for c in (self.cleaned_data.get("cpv_codes") or "").replace(";", ",").split(",") if c.strip()]


class NoticeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of notice"), choices=ProcurementNotice.Kind.choices)
    notice_id = forms.CharField(
        label=_("Notice ID"), max_length=100, help_text=_("The identifier in the notice service, e.g. a Hilma ID.")
    )
    url = forms.URLField(label=_("Link to the notice"), max_length=500, assume_scheme="https")
    published_on = forms.DateField(label=_("Published"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="notice", **kwargs)


class NoticeUploadForm(forms.Form):
    file = forms.FileField(
        label=_("eForms notice (XML)"),
        help_text=_(
            "The notice's XML file from Hilma or TED, at most 5 MB. A newer version of the same notice updates it."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )
    url = forms.URLField(label=_("Link to the notice"), max_length=500, assume_scheme="https", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="upload", **kwargs)

    def clean_file(self):
        from .eforms import MAX_NOTICE_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_NOTICE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB; eForms notices are much smaller.")
                % {"size": MAX_NOTICE_BYTES // (1024 * 1024)}
            )
        return upload


class HilmaForm(forms.Form):
    notice_id = forms.CharField(label=_("Notice ID in Hilma"), max_length=100)
    url = forms.URLField(label=_("Link to the notice"), max_length=500, assume_scheme="https", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="hilma", **kwargs)


class AwardForm(forms.Form):
    supplier = forms.ModelChoiceField(label=_("Supplier"), queryset=Organisation.objects.none(), required=False)
    proposal: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Selected proposal"), queryset=None, required=False
    )
    value = NumberField(label=_("Value (EUR, VAT 0 %)"), min_value=0, max_digits=14, decimal_places=2)
    date = forms.DateField(label=_("Award date"), widget=DATE)

    def __init__(self, *args, proposals=None, suppliers=(), award=None, **kwargs):
        """``suppliers``: the selected proposals' leads and partners, offered first."""
        if award is not None:
            kwargs.setdefault(
                "initial",
                {
                    "supplier": award.supplier_id,
                    "proposal": award.proposal_id,
                    "value": award.value,
                    "date": award.date,
                },
            )
        super().__init__(*args, prefix="award", **kwargs)
        first = list(suppliers)
        first_ids = [o.pk for o in first]
        self.fields["supplier"].queryset = Organisation.objects.filter(
            Q(kind__in=Organisation.SOLVER_KINDS) | Q(pk__in=first_ids) | Q(pk=getattr(award, "supplier_id", None))
        )
        others = [(o.pk, str(o)) for o in self.fields["supplier"].queryset.exclude(pk__in=first_ids).order_by("slug")]
        choices = [("", "---------")]
        if first:
            choices.append((_("Lead and partners of the selected proposals"), [(o.pk, str(o)) for o in first]))
            choices.append((_("Other organisations"), others))
        else:
            choices += others
        self.fields["supplier"].choices = choices
        self.fields["supplier"].help_text = _(
            "Leave empty to award the lead of the selected proposal. With a selected proposal the supplier must be "
            "its lead or a confirmed partner. Without one (for example after an open tender) any company or "
            "research organisation can be chosen."
        )
        self.fields["proposal"].queryset = proposals
        self.fields["proposal"].label_from_instance = lambda p: f"{p.title} ({p.lead})"

    def clean(self):
        data = super().clean()
        if not data.get("supplier") and not data.get("proposal"):
            self.add_error("supplier", _("Choose the supplier or the selected proposal."))
        return data


def award_label(award) -> str:
    """“Kotoisa Oy, 850 000,00 EUR, 1.1.2030” in the page language."""
    return f"{award.supplier_name}, {money(award.value, award.currency)}, {short_date(award.date)}"


class ContractForm(forms.Form):
    award: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Award"), queryset=None)
    value = NumberField(label=_("Value (EUR, VAT 0 %)"), min_value=0, max_digits=14, decimal_places=2)
    signed_on = forms.DateField(label=_("Signed"), widget=DATE)
    start_date = forms.DateField(label=_("Starts"), widget=DATE)
    end_date = forms.DateField(label=_("Ends"), widget=DATE, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Contract.Status.choices, initial=Contract.Status.ACTIVE)

    def __init__(self, *args, awards=None, contract=None, **kwargs):
        if contract is not None:
            kwargs.setdefault(
                "initial",
                {
                    "value": contract.value,
                    "signed_on": contract.signed_on,
                    "start_date": contract.start_date,
                    "end_date": contract.end_date,
                    "status": contract.status,
                },
            )
        super().__init__(*args, prefix="contract", **kwargs)
        if contract is not None:
            del self.fields["award"]  # a contract stays with its award; delete and record again to move it
        else:
            self.fields["award"].queryset = awards
            self.fields["award"].label_from_instance = award_label
