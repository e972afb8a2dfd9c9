"""Forms of the comments pages. They only parse input; the services decide and change."""

from django import forms
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import current_language, language_codes, language_name
from haastemoottori.organisations.models import Organisation

from .models import CommentReport, Section
from .services import MAX_LENGTH
from .services.moderation import NOTE_MAX, REASON_MAX


class CommentForm(forms.Form):
    section = forms.ChoiceField(label=_("Part of the canvas"), choices=Section.choices)
    text = forms.CharField(label=_("Your comment"), max_length=MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6}))
    language = forms.ChoiceField(label=_("Language of the comment"))
    organisation = forms.ModelChoiceField(
        label=_("Comment on behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself (shown as a resident)"),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", current_language())
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(c, language_name(c)) for c in language_codes()]
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        if not organisations:
            del self.fields["organisation"]


class TakeIntoAccountForm(forms.Form):
    note = forms.CharField(
        label=_("What was done with the comment (public)"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Public reason for hiding"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why do you report this comment?"), choices=CommentReport.Reason.choices)
    text = forms.CharField(
        label=_("Details (seen only by the owners)"),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ResolveForm(forms.Form):
    resolution = forms.ChoiceField(
        label=_("Decision"), choices=CommentReport.Resolution.choices, widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Public reason for hiding"),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("resolution") == CommentReport.Resolution.HIDDEN and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the public reason for hiding the comment."))
        return data
