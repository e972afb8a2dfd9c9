"""Forms for events: the public filters, registration, the organiser's event form and cancelling."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.forms_numbers import NumberField
from haastemoottori.core.i18n import language_codes, language_name, language_name_in_text
from haastemoottori.organisations.models import Organisation

from .models import Event
from .selectors import EventFilters
from .services.registrations import NOTE_MAX

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_HELP = _("Format: 2026-12-31 16:00 (Finnish time)")


class EventFilterForm(forms.Form):
    when = forms.ChoiceField(label=_("Time"), required=False, choices=[("", _("Upcoming")), ("past", _("Past"))])
    organisation = forms.ChoiceField(label=_("City or organiser"), required=False)
    challenge = forms.SlugField(
        label=_("Challenge (identifier)"), required=False, max_length=120, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("All"))] + [
            (o.slug, str(o)) for o in Organisation.objects.owners().only("slug", "name", "original_language")
        ]

    def to_filters(self) -> EventFilters:
        data = (
            self.cleaned_data
            if self.is_valid()
            else {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}
        )
        return EventFilters(
            when=data.get("when") or "upcoming",
            organisation=data.get("organisation") or "",
            challenge=data.get("challenge") or "",
        )


class RegistrationForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Representing"), required=False)
    note = forms.CharField(
        label=_("Note to the organisers"),
        required=False,
        max_length=NOTE_MAX,
        error_messages={"max_length": _("The note can be at most 1,000 characters.")},
        help_text=_("For example dietary or accessibility needs. Only the organisers see it."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        self.fields["organisation"].choices = [("", _("Myself only"))] + [
            (pk, str(o)) for pk, o in self.organisations.items()
        ]

    def chosen_organisation(self):
        return self.organisations.get(self.cleaned_data.get("organisation") or "")


class EventForm(forms.Form):
    """The organiser's form; titles and descriptions side by side in every language."""

    organiser = forms.ModelChoiceField(label=_("Organiser"), queryset=Organisation.objects.none())
    original_language = forms.ChoiceField(label=_("Original language"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    challenges: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Challenges"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    starts_at = forms.DateTimeField(label=_("Starts"), help_text=DATETIME_HELP, widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("Ends"), help_text=DATETIME_HELP, widget=DATETIME_WIDGET)
    location = forms.CharField(
        label=_("Address"), required=False, max_length=500, help_text=_("Give an address, an online link or both.")
    )
    online_url = forms.URLField(label=_("Online link"), required=False, max_length=500, assume_scheme="https")
    language = forms.ChoiceField(label=_("Language of the event"))
    capacity = NumberField(
        integer=True,
        label=_("Seats"),
        required=False,
        min_value=1,
        max_value=100000,
        help_text=_("Leave empty for unlimited seats."),
    )
    registration_closes_at = forms.DateTimeField(
        label=_("Registration closes"),
        required=False,
        help_text=_("Leave empty to close it when the event starts."),
        widget=DATETIME_WIDGET,
    )

    def __init__(self, *args, organisers=None, challenges, event: Event | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        languages = [(c, language_name(c)) for c in language_codes()]
        cast(forms.ChoiceField, self.fields["language"]).choices = languages
        challenge_field = cast(forms.ModelMultipleChoiceField, self.fields["challenges"])
        challenge_field.queryset = challenges
        challenge_field.label_from_instance = lambda c: str(c)  # type: ignore[assignment]  # per instance
        self.event = event
        if event is not None:
            del self.fields["organiser"], self.fields["original_language"]
            original = event.original_language
        else:
            cast(forms.ModelChoiceField, self.fields["organiser"]).queryset = organisers
            cast(forms.ChoiceField, self.fields["original_language"]).choices = languages
            original = (
                (self.data.get("original_language") if self.is_bound else None)
                or self.initial.get("original_language")
                or "fi"
            )
        ordered = [original, *[c for c in language_codes() if c != original]]
        for field, label in (("title", _("Title")), ("description", _("Description"))):
            for code in ordered:
                widget = (
                    forms.Textarea(attrs={"rows": 5, "lang": code})
                    if field == "description"
                    else forms.TextInput(attrs={"lang": code})
                )
                self.fields[f"{field}__{code}"] = forms.CharField(
                    label=f"{label} ({language_name_in_text(code)})",
                    required=False,
                    max_length=200 if field == "title" else 20000,
                    widget=widget,
                )
        order = [
            "organiser",
            "original_language",
            "kind",
            *[f"title__{c}" for c in ordered],
            *[f"description__{c}" for c in ordered],
            "challenges",
            "starts_at",
            "ends_at",
            "location",
            "online_url",
            "language",
            "capacity",
            "registration_closes_at",
        ]
        self.order_fields(order)

    @staticmethod
    def initial_for(event: Event) -> dict:
        initial = {
            f: getattr(event, f)
            for f in (
                "kind",
                "starts_at",
                "ends_at",
                "location",
                "online_url",
                "language",
                "capacity",
                "registration_closes_at",
            )
        }
        initial["challenges"] = [c.pk for c in event.challenges.all()]
        for field in ("title", "description"):
            for code, text in (getattr(event, field) or {}).items():
                initial[f"{field}__{code}"] = text
        return initial

    def values(self) -> dict:
        data = self.cleaned_data
        values = {
            f: data.get(f)
            for f in (
                "kind",
                "starts_at",
                "ends_at",
                "location",
                "online_url",
                "language",
                "capacity",
                "registration_closes_at",
            )
        }
        values["challenges"] = list(data.get("challenges") or [])
        for field in ("title", "description"):
            values[field] = {c: data.get(f"{field}__{c}") or "" for c in language_codes()}
        return values


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=2000,
        help_text=_("Sent to everyone who registered or is on the waiting list."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
