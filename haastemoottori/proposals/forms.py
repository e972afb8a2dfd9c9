"""Forms for the call configuration and the proposal pages. Validation of the rules lives in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.forms_numbers import NumberField
from haastemoottori.core.i18n import language_codes, language_name_in_text

from .models import CallQuestion


def _translated_fields(
    form: forms.Form,
    name: str,
    label,
    *,
    long: bool = True,
    required_lang: str | None = None,
    initial: dict | None = None,
) -> None:
    for code in language_codes():
        widget = forms.Textarea(attrs={"rows": 4, "lang": code}) if long else forms.TextInput(attrs={"lang": code})
        form.fields[f"{name}__{code}"] = forms.CharField(
            label=f"{label} ({language_name_in_text(code)})",
            required=code == required_lang,
            max_length=20000,
            widget=widget,
            initial=(initial or {}).get(code, ""),
        )


def translated_value(cleaned: dict, name: str) -> dict:
    return {code: cleaned.get(f"{name}__{code}", "") for code in language_codes()}


class CallForm(forms.Form):
    max_file_size_mb = NumberField(integer=True, label=_("Largest attachment (MB)"), min_value=1, max_value=50)
    max_files = NumberField(integer=True, label=_("Attachments per proposal at most"), min_value=0, max_value=50)

    def __init__(self, *args, call=None, **kwargs):
        super().__init__(*args, **kwargs)
        _translated_fields(self, "eligibility", _("Eligibility"), initial=call.eligibility if call else None)
        _translated_fields(self, "instructions", _("Instructions"), initial=call.instructions if call else None)
        self.fields["max_file_size_mb"].initial = (call.max_file_size // (1024 * 1024)) if call else 10
        self.fields["max_files"].initial = call.max_files if call else 5


class CriterionForm(forms.Form):
    weight = NumberField(integer=True, label=_("Weight (%)"), min_value=0, max_value=100)
    order = NumberField(integer=True, label=_("Order"), min_value=0, max_value=999, required=False)

    def __init__(self, *args, original_language: str = "fi", **kwargs):
        super().__init__(*args, prefix="criterion", **kwargs)  # type: ignore[misc]  # never positional
        _translated_fields(self, "name", _("Criterion"), long=False, required_lang=original_language)
        _translated_fields(self, "description", _("Description"))


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=CallQuestion.Kind.choices)
    required = forms.BooleanField(label=_("Required"), required=False)
    confidential = forms.BooleanField(label=_("Confidential (never in the public summary)"), required=False)
    max_length = NumberField(integer=True, label=_("Longest text answer (characters)"), min_value=1, required=False)
    min_value = NumberField(label=_("Smallest number"), required=False, max_digits=18, decimal_places=2)
    max_value = NumberField(label=_("Largest number"), required=False, max_digits=18, decimal_places=2)
    max_files = NumberField(
        integer=True, label=_("Files at most (file questions)"), min_value=1, max_value=20, required=False
    )
    order = NumberField(integer=True, label=_("Order"), min_value=0, max_value=999, required=False)

    def __init__(self, *args, original_language: str = "fi", **kwargs):
        super().__init__(*args, prefix="question", **kwargs)  # type: ignore[misc]  # never positional
        _translated_fields(self, "label", _("Question"), long=False, required_lang=original_language)
        _translated_fields(self, "help", _("Help text"))
        for code in language_codes():
            self.fields[f"choices__{code}"] = forms.CharField(
                label=_("Choices, one per line (%(language)s)") % {"language": language_name_in_text(code)},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "lang": code}),
                max_length=5000,
            )

    def values(self) -> dict:
        data = self.cleaned_data
        lines = {
            code: [x.strip() for x in data.get(f"choices__{code}", "").splitlines() if x.strip()]
            for code in language_codes()
        }
        count = max((len(v) for v in lines.values()), default=0)
        choices = [{code: lines[code][i] for code in language_codes() if i < len(lines[code])} for i in range(count)]
        return {
            "kind": data["kind"],
            "required": data["required"],
            "confidential": data["confidential"],
            "max_length": data.get("max_length"),
            "min_value": data.get("min_value"),
            "max_value": data.get("max_value"),
            "max_files": data.get("max_files") or 1,
            "order": data.get("order") or 0,
            "label": translated_value(data, "label"),
            "help": translated_value(data, "help"),
            "choices": choices,
        }


class ProposalStartForm(forms.Form):
    lead: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Lead organisation"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Title of the proposal (public)"), max_length=200)
    another = forms.BooleanField(
        label=_("Start another proposal, in addition to the one already begun"),
        required=False,
    )

    def __init__(self, *args, organisations, existing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = organisations
        if not existing:  # the choice is asked only of those who already have a proposal on the call
            del self.fields["another"]


class ProposalForm(forms.Form):
    """The title and one field per non-file question, built from the call."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title of the proposal (public)"), max_length=200)

    def __init__(self, *args, questions, proposal, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = proposal.version
        self.fields["title"].initial = proposal.title
        self.questions = [q for q in questions if q.kind != CallQuestion.Kind.FILE]
        for q in self.questions:
            answer = answers.get(q.pk)
            label = str(q.t.label) + (" " + str(_("(confidential)")) if q.confidential else "")
            help_text = str(q.t.help)
            name = f"q{q.pk}"
            if q.kind == CallQuestion.Kind.TEXT:
                field = forms.CharField(
                    label=label,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 5}),
                    max_length=q.max_length or None,
                    help_text=help_text,
                )
                initial = answer.text if answer else ""
            elif q.kind == CallQuestion.Kind.NUMBER:
                field = NumberField(
                    label=label,
                    required=False,
                    help_text=help_text,
                    min_value=q.min_value,
                    max_value=q.max_value,
                    max_digits=18,
                    decimal_places=2,
                )
                initial = answer.number if answer else None
            else:
                field = forms.TypedChoiceField(
                    label=label,
                    required=False,
                    help_text=help_text,
                    coerce=int,
                    empty_value=None,
                    choices=[("", "—"), *enumerate(q.choice_labels())],
                )
                initial = answer.choice if answer else None
            field.initial = initial
            self.fields[name] = field

    def answers(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


class PartnerForm(forms.Form):
    business_id = forms.CharField(
        label=_("Partner's Business ID"),
        max_length=20,
        help_text=_("The partner must be registered here. Format: 1234567-1."),
    )


class AttachmentForm(forms.Form):
    question = forms.TypedChoiceField(label=_("Question"), coerce=int)
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [(q.pk, str(q.t.label)) for q in questions]


class EvaluatorForm(forms.Form):
    email = forms.EmailField(label=_("Evaluator's e-mail address"))
    proposal = forms.ChoiceField(label=_("Proposal"), required=False)

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].choices = [
            ("", _("All submitted proposals")),
            *[(str(pk), title) for pk, title in proposals],
        ]
