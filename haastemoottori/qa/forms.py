"""Forms of the Q&A pages. They only parse input; the rules are in the services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import current_language, language_codes, language_name, language_name_in_text
from haastemoottori.organisations.models import Organisation

from .services.common import MAX_TEXT, MIN_QUESTION_TEXT, too_short_message


def _language_choices():
    return [(code, language_name(code)) for code in language_codes()]


class AskForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=MAX_TEXT,
        min_length=MIN_QUESTION_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Your name and organisation are never published. The owners may edit the "
            "wording of the published question to leave out identifying details."
        ),
    )
    language = forms.ChoiceField(label=_("Language of your question"), choices=_language_choices)
    asker_organisation = forms.ModelChoiceField(
        label=_("Asking on behalf of"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Myself"),
        help_text=_("Seen only by the owners of the challenge."),
    )

    def __init__(self, *args, user=None, **kwargs):
        kwargs.setdefault("initial", {"language": current_language()})
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["min_length"] = too_short_message(MIN_QUESTION_TEXT)
        if user is not None and user.is_authenticated:
            self.fields["asker_organisation"].queryset = Organisation.objects.filter(memberships__user=user)
        else:
            del self.fields["asker_organisation"]


class TranslatedTextMixin:
    """One textarea per language plus the original language, cleaned into a translations dict."""

    # Provided by the form the mixin goes with:
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    text_label = _("Answer")

    def add_language_fields(self, initial_language: str) -> None:
        for code in language_codes():
            self.fields[f"text_{code}"] = forms.CharField(
                label=f"{self.text_label} ({language_name_in_text(code)})",
                required=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.fields["original_language"] = forms.ChoiceField(
            label=_("Original language of the text"), choices=_language_choices, initial=initial_language
        )

    def translations(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"text_{code}", "") for code in language_codes()}

    def clean(self):
        cleaned = super().clean()
        original = cleaned.get("original_language")
        if original and not (cleaned.get(f"text_{original}") or "").strip():
            self.add_error(f"text_{original}", _("Write the text in its original language."))
        return cleaned


class PublishForm(TranslatedTextMixin, forms.Form):
    public_text = forms.CharField(
        label=_("Published wording of the question"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Everyone sees this. Leave out anything that identifies the asker."),
    )

    def __init__(self, *args, question=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_language_fields(question.language if question else current_language())
        if question is not None and not self.is_bound:
            self.initial.setdefault("public_text", question.public_text or question.text)


class ClarificationForm(TranslatedTextMixin, forms.Form):
    text_label = _("Clarification")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_language_fields(current_language())


class MergeForm(forms.Form):
    target = forms.TypedChoiceField(label=_("Duplicate of"), coerce=int)

    def __init__(self, *args, question=None, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [
            (t.pk, t.label or _("Waiting: %(text)s") % {"text": (t.public_text or t.text)[:60]})
            for t in targets
            if question is None or t.pk != question.pk
        ]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (only the asker sees it)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DeadlineForm(forms.Form):
    questions_deadline = forms.DateTimeField(
        label=_("Questions close"),
        required=False,
        help_text=_("Format: 2026-12-31 16:00 (Finnish time). Leave empty to take questions until the call deadline."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
