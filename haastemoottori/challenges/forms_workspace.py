"""Forms of the staff workspace. They only parse input; the services decide and change."""

from django import forms
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import language_codes, language_name
from haastemoottori.organisations.models import Organisation
from haastemoottori.platforms.models import DevelopmentPlatform
from haastemoottori.taxonomy.models import Theme

from .lifecycle import Outcome, Route
from .models import Challenge, ChallengeOwnership
from .services.canvas import TEXT_FIELDS

_LONG = {"summary", "problem", "affected", "root_causes", "tried", "desired_outcome", "constraints",
         "data_available", "ip_terms"}


class CanvasForm(forms.Form):
    """The canvas with one input per text field and language, side by side."""

    route = forms.ChoiceField(label=_("Recommended route"), required=False,
                              choices=[("", "—"), *Route.choices])
    platform = forms.ModelChoiceField(label=_("Development platform"), required=False,
                                      queryset=DevelopmentPlatform.objects.all())
    themes = forms.ModelMultipleChoiceField(label=_("Themes"), required=False, queryset=Theme.objects.all(),
                                            widget=forms.CheckboxSelectMultiple)
    budget_min = forms.IntegerField(label=_("Budget from (EUR)"), required=False, min_value=0)
    budget_max = forms.IntegerField(label=_("Budget up to (EUR)"), required=False, min_value=0)
    call_deadline = forms.DateTimeField(label=_("Call deadline"), required=False,
                                        help_text=_("Format: 2026-12-31 16:00 (Finnish time)"),
                                        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    def __init__(self, *args, original_language: str = "fi", **kwargs):
        super().__init__(*args, **kwargs)
        self.original_language = original_language
        ordered = [original_language, *[c for c in language_codes() if c != original_language]]
        for field in TEXT_FIELDS:
            verbose = Challenge._meta.get_field(field).verbose_name
            for code in ordered:
                widget = forms.Textarea(attrs={"rows": 4, "lang": code}) if field in _LONG \
                    else forms.TextInput(attrs={"lang": code})
                self.fields[f"{field}__{code}"] = forms.CharField(
                    label=f"{str(verbose).capitalize()} ({language_name(code).lower()})",
                    required=(field == "title" and code == original_language),
                    max_length=200 if field == "title" else 20000, widget=widget)

    def text_groups(self):
        """For the template: each canvas text field with its per-language inputs."""
        for field in TEXT_FIELDS:
            yield field, [self[name] for name in self.fields if name.startswith(field + "__")]

    def canvas_values(self) -> dict:
        data = self.cleaned_data
        values = {field: {name.split("__")[1]: data.get(name) or "" for name in self.fields
                          if name.startswith(field + "__")} for field in TEXT_FIELDS}
        values.update({k: data.get(k) for k in ("route", "platform", "budget_min", "budget_max", "call_deadline")})
        values["themes"] = list(data.get("themes") or [])
        return values

    def preview_values(self) -> dict:
        """The values that parsed, for a readiness preview of an edit that is not saved (or not valid)."""
        data = getattr(self, "cleaned_data", {})
        values = {field: {name.split("__")[1]: (self.data.get(name) or "").strip() for name in self.fields
                          if name.startswith(field + "__") and (self.data.get(name) or "").strip()}
                  for field in TEXT_FIELDS}
        for key in ("route", "platform", "budget_min", "budget_max", "call_deadline"):
            if key in data:
                values[key] = data[key]
        values["platform_id"] = values.pop("platform").pk if values.get("platform") else None
        values["themes"] = list(data.get("themes") or [])
        return values

    @classmethod
    def initial_for(cls, challenge: Challenge) -> dict:
        initial = {f"{field}__{code}": text for field in TEXT_FIELDS
                   for code, text in (getattr(challenge, field) or {}).items()}
        initial.update(route=challenge.route, platform=challenge.platform, themes=list(challenge.themes.all()),
                       budget_min=challenge.budget_min, budget_max=challenge.budget_max,
                       call_deadline=challenge.call_deadline)
        return initial


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
    role = forms.ChoiceField(label=_("Role"), choices=[
        (ChallengeOwnership.Role.CO_OWNER, ChallengeOwnership.Role.CO_OWNER.label),
        (ChallengeOwnership.Role.CONTRIBUTOR, ChallengeOwnership.Role.CONTRIBUTOR.label)])
    budget_share = forms.DecimalField(label=_("Budget share (%)"), required=False, min_value=0, max_value=100,
                                      decimal_places=2)


class TransitionForm(forms.Form):
    target = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=[("", "—"), *Outcome.choices])
    confirm = forms.BooleanField(label=_("I have checked the challenge and want to make this change"), required=True)


class ApprovalForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[("approve", "approve"), ("withdraw", "withdraw")], widget=forms.HiddenInput)
