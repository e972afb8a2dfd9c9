"""Forms of pilot requests on development platforms. The services check the same rules again."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from haastemoottori.organisations.models import Organisation

from .forms import DATE
from .models import PilotRequest
from .services.requests import LONG_MAX, SITE_MAX, TITLE_MAX

PRIVATE = _("Seen only by your organisation and the staff of the platform's city, never on public pages.")


def _long(label, *, required=False, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=LONG_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PilotRequestForm(forms.Form):
    requester = forms.ModelChoiceField(label=_("Requesting organisation"), queryset=Organisation.objects.none())
    proposal = forms.ChoiceField(
        label=_("As the consortium of a proposal"),
        required=False,
        help_text=_("Optional: a proposal your organisation leads, if the pilot is its consortium's."),
    )
    language = forms.ChoiceField(label=_("Language of the request"), choices=settings.LANGUAGES)
    title = forms.CharField(label=_("What is piloted"), max_length=TITLE_MAX)
    summary = _long(
        _("Summary"),
        required=True,
        help_text=_("Public once the request is approved, with the title, the place and the dates."),
    )
    site_area = forms.CharField(
        label=_("Where on the site"),
        max_length=SITE_MAX,
        help_text=_("The area, street or building of the platform, as the platform's page names it."),
    )
    start_date = forms.DateField(label=_("First day"), widget=DATE)
    end_date = forms.DateField(label=_("Last day"), widget=DATE)
    needs = forms.MultipleChoiceField(
        label=_("What the pilot needs"),
        required=False,
        choices=PilotRequest.Need.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    needs_details = _long(_("Details of the needs"), help_text=PRIVATE)
    safety_notes = _long(_("Safety"), help_text=PRIVATE)
    data_protection_notes = _long(_("Data protection"), help_text=PRIVATE)

    def __init__(self, *args, organisations: list[Organisation], proposals=(), **kwargs) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("language", (get_language() or "fi")[:2])
        if organisations:
            kwargs["initial"].setdefault("requester", organisations[0].pk)
        super().__init__(*args, **kwargs)
        requester = self.fields["requester"]
        assert isinstance(requester, forms.ModelChoiceField)
        requester.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        self.proposals = {str(p.pk): p for p in proposals}
        proposal = self.fields["proposal"]
        assert isinstance(proposal, forms.ChoiceField)
        proposal.choices = [("", _("None")), *[(str(p.pk), f"{p.title} ({p.lead})") for p in proposals]]
        if not proposals:
            del self.fields["proposal"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and start < timezone.localdate():
            self.add_error("start_date", _("The pilot cannot start in the past."))
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        return data

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["proposal"] = self.proposals.get(data.get("proposal") or "")
        return data


class RequestMessageForm(forms.Form):
    body = _long(_("Message"), required=True, help_text=PRIVATE)


class ApproveForm(forms.Form):
    conditions = _long(
        _("Conditions"),
        help_text=_("What the requester must do or respect on the site. Seen only by the requester and your staff."),
    )


class DeclineForm(forms.Form):
    reason = _long(_("Reason"), required=True, help_text=_("The requester is told this reason."))
