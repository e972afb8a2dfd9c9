"""Forms of the backlog pages. They only shape input; the rules live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.forms_numbers import NumberField
from haastemoottori.core.i18n import language_codes, language_name_in_text

from .services import score_field

COMMENT_MAX = 5000


def add_translated(
    form: forms.Form,
    name: str,
    label,
    *,
    long: bool,
    required_lang: str | None = None,
    max_length: int = 2000,
    initial: dict | None = None,
) -> None:
    """One text field per served language, named ``<name>__<code>``."""
    for code in language_codes():
        attrs = {"lang": code}
        widget = forms.Textarea(attrs={**attrs, "rows": 3}) if long else forms.TextInput(attrs=attrs)
        form.fields[f"{name}__{code}"] = forms.CharField(
            label=f"{label} ({language_name_in_text(code)})",
            required=code == required_lang,
            max_length=max_length,
            widget=widget,
            initial=(initial or {}).get(code, ""),
        )


def translated_value(cleaned: dict, name: str) -> dict[str, str]:
    return {code: cleaned.get(f"{name}__{code}", "") for code in language_codes()}


class PromoteForm(forms.Form):
    """Promote a cluster or signal: the lead city, the title, and which of the signals' other cities co-own."""

    title = forms.CharField(label=_("Title of the draft challenge"), max_length=200)
    lead: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Lead city"), queryset=None, empty_label=None)
    co_owners: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Invite the other cities of these signals as co-owners"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, leads, co_owner_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = leads
        self.fields["co_owners"].queryset = co_owner_choices
        if not co_owner_choices.exists():
            del self.fields["co_owners"]


class CriterionForm(forms.Form):
    weight = NumberField(integer=True, label=_("Weight (1–100)"), min_value=1, max_value=100, initial=10)
    scale_max = NumberField(
        integer=True, label=_("Highest score (2–10; scores run from 1)"), min_value=2, max_value=10, initial=5
    )

    def __init__(self, *args, original_language: str, criterion=None, **kwargs):
        super().__init__(*args, **kwargs)
        add_translated(
            self,
            "name",
            _("Name"),
            long=False,
            required_lang=original_language,
            max_length=200,
            initial=criterion.name if criterion else None,
        )
        add_translated(
            self,
            "description",
            _("Description"),
            long=True,
            max_length=2000,
            initial=criterion.description if criterion else None,
        )
        if criterion is not None:
            self.fields["weight"].initial = criterion.weight
            self.fields["scale_max"].initial = criterion.scale_max
            self.fields["position"] = NumberField(
                integer=True, label=_("Position in the list"), min_value=0, max_value=1000, initial=criterion.position
            )
            self.fields["active"] = forms.BooleanField(label=_("In use"), required=False, initial=criterion.active)
        # Name first, as people read the form.
        self.order_fields([f"name__{c}" for c in language_codes()])

    def values(self) -> dict:
        data = self.cleaned_data
        values = {
            "name": translated_value(data, "name"),
            "description": translated_value(data, "description"),
            "weight": data["weight"],
            "scale_max": data["scale_max"],
        }
        for extra in ("position", "active"):
            if extra in self.fields:
                values[extra] = data[extra]
        return values


class ScoreSheetForm(forms.Form):
    """One choice of 1..highest per criterion in use, and a comment. Blank scores are allowed in a draft."""

    comment = forms.CharField(
        label=_(
            "Comment (optional; shown without your name to the city's staff once they have submitted their own scores)"
        ),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, criteria, sheet=None, disabled: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        existing = {s.criterion_id: s.value for s in sheet.scores.all()} if sheet else {}
        for criterion in criteria:
            choices = [(str(n), str(n)) for n in range(1, criterion.scale_max + 1)]
            field = forms.ChoiceField(
                label=_("%(criterion)s (1 = least, %(max)s = most)")
                % {"criterion": criterion.t.name, "max": criterion.scale_max},
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                initial=str(existing[criterion.pk]) if criterion.pk in existing else None,
                help_text=str(criterion.t.description),
            )
            field.disabled = disabled
            self.fields[score_field(criterion)] = field
        self.fields["comment"].initial = sheet.comment if sheet else ""
        self.fields["comment"].disabled = disabled
        self.order_fields([score_field(c) for c in criteria] + ["comment"])

    def values(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(score_field(c)) or "" for c in self.criteria}


class PublishForm(forms.Form):
    def __init__(self, *args, required_lang: str, initial_reason: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        add_translated(
            self,
            "public_reason",
            _("Why it matters (public)"),
            long=True,
            required_lang=required_lang,
            max_length=2000,
            initial=initial_reason,
        )

    def reason(self) -> dict[str, str]:
        return translated_value(self.cleaned_data, "public_reason")


class CompareForm(forms.Form):
    """The answer on the pairwise page: the two candidates shown, and which was chosen (or skip)."""

    first = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    second = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    choice = forms.ChoiceField(choices=[("first", "first"), ("second", "second"), ("skip", "skip")])
