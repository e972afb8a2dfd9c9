"""Forms for an organisation's profile, its references and its members. Services do the real checks."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import current_language, language_codes, language_name, language_name_in_text
from haastemoottori.taxonomy.models import IndustryCode, Theme

from .models import Membership, Organisation, Reference
from .profile_choices import service_language_choices, trl_choices
from .validators import validate_logo

_LONG = {"description", "offering", "capabilities"}


class TranslatedFieldsMixin:
    """One input per translated field and language, side by side (as on the challenge canvas)."""

    # Provided by the form the mixin goes with:
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    translated_fields: tuple[str, ...] = ()
    model: type[models.Model] = Organisation
    required_translation: tuple[str, str] | None = None  # (field, language) that must be filled in

    def add_translated_fields(self, original_language: str) -> None:
        ordered = [original_language, *[c for c in language_codes() if c != original_language]]
        for field in self.translated_fields:
            verbose = str(cast("models.Field[Any, Any]", self.model._meta.get_field(field)).verbose_name).capitalize()
            for code in ordered:
                widget = (
                    forms.Textarea(attrs={"rows": 5, "lang": code})
                    if field in _LONG
                    else forms.TextInput(attrs={"lang": code})
                )
                self.fields[f"{field}__{code}"] = forms.CharField(
                    label=f"{verbose} ({language_name_in_text(code)})",
                    widget=widget,
                    required=self.required_translation == (field, code),
                    max_length=200 if field in ("name", "title") else 10000,
                )
        self.original_language = original_language

    def error_field(self, field: str | None) -> str | None:
        """The input a service error belongs to: the field itself, or a translated one's original-language input."""
        if field in self.fields:
            return field
        original = f"{field}__{getattr(self, 'original_language', '')}"
        return original if original in self.fields else None

    def text_groups(self):
        """For the template: each translated field with its per-language inputs."""
        for field in self.translated_fields:
            label = str(self.model._meta.get_field(field).verbose_name).capitalize()
            yield field, label, [self[name] for name in self.fields if name.startswith(field + "__")]

    def other_fields(self):
        return [self[name] for name in self.fields if "__" not in name]

    def translated_values(self) -> dict[str, dict[str, str]]:
        data = self.cleaned_data
        return {
            field: {name.split("__")[1]: data.get(name) or "" for name in self.fields if name.startswith(field + "__")}
            for field in self.translated_fields
        }

    @classmethod
    def translated_initial(cls, obj) -> dict:
        return {
            f"{field}__{code}": text
            for field in cls.translated_fields
            for code, text in (getattr(obj, field) or {}).items()
        }


class ProfileForm(TranslatedFieldsMixin, forms.Form):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("For example https://example.fi"),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        validators=[validate_logo],
        help_text=_("PNG, JPEG or WebP, at most 200 kB. Shown next to the name."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)
    trl = forms.TypedChoiceField(
        label=_("Maturity of our most mature solution (TRL)"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Technology readiness level: 1 is an idea, 9 is proven in real use."),
    )
    is_sme = forms.NullBooleanField(
        label=_("Small or medium-sized enterprise (SME)"),
        required=False,
        widget=forms.NullBooleanSelect,
        help_text=_("Fewer than 250 employees and a turnover of at most 50 million euros."),
    )
    languages_served = forms.MultipleChoiceField(
        label=_("Languages we serve customers in"), required=False, widget=forms.CheckboxSelectMultiple
    )
    cities_served = forms.ModelMultipleChoiceField(
        label=_("Cities we serve"),
        required=False,
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    industry_codes = forms.ModelMultipleChoiceField(
        label=_("Industries (TOL 2008)"),
        required=False,
        queryset=IndustryCode.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), required=False, queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    is_listed = forms.BooleanField(
        label=_("Show our profile publicly"),
        required=False,
        help_text=_(
            "An unlisted profile is seen only by your organisation's members. "
            "It is left out of the organisation list, search, suggestions, "
            "feeds and the open API."
        ),
    )

    SOLVER_FIELDS = ("trl", "is_sme", "languages_served", "cities_served")

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.translated_fields = (
            ("name", "description", "offering", "capabilities")
            if organisation.has_solver_profile
            else ("name", "description")
        )
        self.required_translation = ("name", organisation.original_language)
        self.add_translated_fields(organisation.original_language)
        if organisation.has_solver_profile:
            cast(forms.ChoiceField, self.fields["trl"]).choices = [("", "—"), *trl_choices()]
            cast(forms.ChoiceField, self.fields["languages_served"]).choices = service_language_choices()
            cast(
                forms.ModelChoiceField, self.fields["cities_served"]
            ).queryset = Organisation.objects.cities().order_by("slug")
        else:
            for name in self.SOLVER_FIELDS:
                del self.fields[name]
        if not organisation.logo:
            del self.fields["remove_logo"]

    @classmethod
    def initial_for(cls, organisation: Organisation) -> dict:
        initial = {
            f"{field}__{code}": text
            for field in ("name", "description", "offering", "capabilities")
            for code, text in (getattr(organisation, field) or {}).items()
        }
        initial.update(
            website=organisation.website,
            trl=organisation.trl,
            is_sme=organisation.is_sme,
            languages_served=organisation.languages_served,
            is_listed=organisation.is_listed,
            cities_served=list(organisation.cities_served.all()),
            industry_codes=list(organisation.industry_codes.all()),
            themes=list(organisation.themes.all()),
        )
        return initial

    def profile_values(self) -> dict:
        data = self.cleaned_data
        values: dict[str, Any] = self.translated_values()
        for name in ("website", "is_listed", "industry_codes", "themes", *self.SOLVER_FIELDS):
            if name in self.fields:
                values[name] = data.get(name)
        for name in ("languages_served", "cities_served", "industry_codes", "themes"):
            if name in values:
                values[name] = list(values[name] or [])
        if data.get("logo"):
            values["logo"] = data["logo"]
        elif data.get("remove_logo"):
            values["logo"] = None
        return values


class ReferenceForm(TranslatedFieldsMixin, forms.Form):
    model = Reference
    translated_fields = ("title", "description")

    client = forms.CharField(
        label=_("Client"),
        required=False,
        max_length=200,
        help_text=_("The city or organisation the work was done for."),
    )
    client_organisation = forms.ModelChoiceField(
        label=_("Client on the platform"),
        required=False,
        queryset=Organisation.objects.none(),
        help_text=_("Choose it if the client is on this platform: its page is then linked."),
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900)
    is_pilot = forms.BooleanField(label=_("This was a pilot or an experiment"), required=False)
    url = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("A page about the project, for example a news item or a report."),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].validators.append(MaxValueValidator(datetime.date.today().year + 1))
        cast(forms.ModelChoiceField, self.fields["client_organisation"]).queryset = (
            Organisation.objects.owners().listed().order_by("kind", "slug")
        )
        language = organisation.original_language
        self.add_translated_fields(language)
        self.fields[f"title__{language}"].help_text = _("Give the title in at least one language.")
        self.order_fields([n for n in self.fields if "__" in n])

    def clean(self):
        data = super().clean()
        if not any(data.get(f"title__{code}") for code in language_codes()):
            raise forms.ValidationError(_("Give the reference a title in at least one language."), code="title_missing")
        return data

    def reference_values(self) -> dict:
        data = self.cleaned_data
        return {
            **self.translated_values(),
            "client": data.get("client") or "",
            "client_organisation": data.get("client_organisation"),
            "year": data.get("year"),
            "is_pilot": bool(data.get("is_pilot")),
            "url": data.get("url") or "",
        }

    @classmethod
    def initial_for(cls, reference: Reference) -> dict:
        return {
            **cls.translated_initial(reference),
            "client": reference.client,
            "client_organisation": reference.client_organisation,
            "year": reference.year,
            "is_pilot": reference.is_pilot,
            "url": reference.url,
        }


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)
    language = forms.ChoiceField(label=_("Language of the invitation e-mail"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", current_language())
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, language_name(code)) for code in language_codes()]


class JoinDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("decline", "decline")])


class VerificationDecisionForm(forms.Form):
    """The platform staff's decision on an organisation (verify or reject, with a reason for a rejection)."""

    decision = forms.ChoiceField(choices=[("verify", _("Verify")), ("reject", _("Reject"))])
    reason = forms.CharField(
        label=_("Reason or note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a rejection; shown to the organisation's admins."),
    )


class DisputeDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("uphold", _("Uphold")), ("dismiss", _("Dismiss"))])
    reason = forms.CharField(
        label=_("Reason or note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
