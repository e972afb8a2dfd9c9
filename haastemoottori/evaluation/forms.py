"""Forms of the evaluation pages. They only shape input; the rules live in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.forms_numbers import NumberField
from haastemoottori.core.i18n import language_codes, language_name_in_text

from .models import Decision, EvaluationCriterion
from .services import comment_field, score_field


def _translated(form, name: str, label, *, long: bool, required_lang: str | None = None) -> None:
    for code in language_codes():
        widget = forms.Textarea(attrs={"rows": 3, "lang": code}) if long else forms.TextInput(attrs={"lang": code})
        form.fields[f"{name}__{code}"] = forms.CharField(
            label=f"{label} ({language_name_in_text(code)})",
            required=code == required_lang,
            max_length=5000,
            widget=widget,
        )


def translated_value(cleaned: dict, name: str) -> dict:
    return {code: cleaned.get(f"{name}__{code}", "") for code in language_codes()}


class CriterionForm(forms.Form):
    weight = NumberField(integer=True, label=_("Weight"), min_value=0, max_value=100, initial=1)
    scale = forms.ChoiceField(label=_("Scale"), choices=EvaluationCriterion.Scale.choices)
    scale_min = NumberField(
        label=_("Smallest value (number scale)"), required=False, max_digits=9, decimal_places=2, initial=0
    )
    scale_max = NumberField(
        label=_("Largest value (number scale)"), required=False, max_digits=9, decimal_places=2, initial=5
    )
    threshold = NumberField(
        label=_("Minimum to pass (optional, on the criterion's scale)"), required=False, max_digits=9, decimal_places=2
    )
    comment_required = forms.BooleanField(label=_("A comment is required"), required=False)

    def __init__(self, *args, original_language: str = "fi", **kwargs):
        super().__init__(*args, prefix="criterion", **kwargs)  # type: ignore[misc]  # never positional
        _translated(self, "name", _("Criterion"), long=False, required_lang=original_language)
        _translated(self, "description", _("Description"), long=True)
        for code in language_codes():
            self.fields[f"labels__{code}"] = forms.CharField(
                label=_("Rating labels, lowest first, one per line (%(language)s)")
                % {"language": language_name_in_text(code)},
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 3, "lang": code}),
            )
        codes = language_codes()
        # The name first, then what it means, then how it is scored.
        self.order_fields(
            [
                *[f"name__{c}" for c in codes],
                *[f"description__{c}" for c in codes],
                "weight",
                "scale",
                "scale_min",
                "scale_max",
                *[f"labels__{c}" for c in codes],
                "threshold",
                "comment_required",
            ]
        )

    def values(self) -> dict:
        data = self.cleaned_data
        lines = {
            code: [x.strip() for x in data.get(f"labels__{code}", "").splitlines() if x.strip()]
            for code in language_codes()
        }
        count = max((len(v) for v in lines.values()), default=0)
        labels = [{code: lines[code][i] for code in language_codes() if i < len(lines[code])} for i in range(count)]
        return {
            "name": translated_value(data, "name"),
            "description": translated_value(data, "description"),
            "weight": data["weight"],
            "scale": data["scale"],
            "scale_min": data.get("scale_min"),
            "scale_max": data.get("scale_max"),
            "labels": labels,
            "threshold": data.get("threshold"),
            "comment_required": data["comment_required"],
        }


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this proposal?"),
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        choices=[("no", _("No conflict of interest")), ("yes", _("I have a conflict of interest"))],
    )
    description = forms.CharField(
        label=_("Describe the conflict (if you have one)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    business_ids = forms.CharField(
        label=_("Related Business IDs (optional, separated by commas)"), required=False, max_length=500
    )

    def ids(self) -> list[str]:
        return [x.strip() for x in self.cleaned_data["business_ids"].replace(";", ",").split(",") if x.strip()]


class RelationshipForm(forms.Form):
    business_id = forms.CharField(label=_("Business ID"), max_length=20)
    description = forms.CharField(
        label=_("Relationship (e.g. board member, former employer, owner)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ScoreForm(forms.Form):
    """One score (and comment) field per criterion; blank values are allowed in a draft."""

    def __init__(self, *args, criteria, scores: dict | None = None, disabled: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        scores = scores or {}
        self.criteria = criteria
        for criterion in criteria:
            existing = scores.get(criterion.pk)
            initial_value = "" if existing is None or existing.value is None else existing.value
            label = str(criterion.t.name)
            field: forms.Field
            if criterion.scale == EvaluationCriterion.Scale.NUMERIC:
                field = forms.CharField(
                    label=_("%(criterion)s: score from %(low)s to %(high)s")
                    % {
                        "criterion": label,
                        "low": criterion.label_of(criterion.low),
                        "high": criterion.label_of(criterion.high),
                    },
                    required=False,
                    max_length=20,
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                )
                if initial_value != "":
                    initial_value = criterion.label_of(initial_value)
            else:
                field = forms.ChoiceField(
                    label=label, required=False, widget=forms.RadioSelect, choices=criterion.choices()
                )
                if initial_value != "":
                    initial_value = str(int(initial_value))
            field.initial, field.disabled = initial_value, disabled
            field.help_text = str(criterion.t.description)
            self.fields[score_field(criterion)] = field
            self.fields[comment_field(criterion)] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": label}
                + (" " + str(_("(required)")) if criterion.comment_required else ""),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=existing.comment if existing else "",
                disabled=disabled,
            )

    def values(self) -> dict[int, tuple[object, str]]:
        return {
            c.pk: (self.cleaned_data.get(score_field(c)), self.cleaned_data.get(comment_field(c), ""))
            for c in self.criteria
        }


class OverrideForm(forms.Form):
    value = forms.CharField(label=_("New score"), max_length=20)
    justification = forms.CharField(label=_("Justification"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, score=None, **kwargs):
        super().__init__(*args, prefix=f"override-{score.pk}" if score else "override", **kwargs)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Decision.Outcome.choices, widget=forms.RadioSelect)
    justification = forms.CharField(
        label=_("Justification (kept in the decision record)"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    feedback = forms.CharField(
        label=_("Feedback to the applicant"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
