from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from haastemoottori.core import fragments
from haastemoottori.core.i18n import language_codes, language_name
from haastemoottori.organisations.models import Organisation
from haastemoottori.platforms.models import DevelopmentPlatform
from haastemoottori.taxonomy.models import Theme

from .lifecycle import Stage
from .selectors import ChallengeFilters

Choices = list[tuple[str, str]]


def _compute_record_choices() -> tuple[Choices, Choices, Choices]:
    return (
        [(o.slug, str(o)) for o in Organisation.objects.owners()],
        [(t.slug, str(t)) for t in Theme.objects.all()],
        [(p.slug, str(p)) for p in DevelopmentPlatform.objects.all()],
    )


def _record_choices() -> tuple[Choices, Choices, Choices]:
    """Owners, themes and platforms to filter by, in the active language: three queries, or none from the
    fragment cache (public names only; any owner, theme or platform change bumps the generation)."""
    if not fragments.enabled():
        return _compute_record_choices()
    key = fragments.fragment_key("challenge-filter-choices", generation=fragments.public_generation())
    return cast("tuple[Choices, Choices, Choices]", fragments.cached_value(key, _compute_record_choices))


class ChallengeFilterForm(forms.Form):
    """The public list's filters. Choices are loaded once per request; bad values give a clear error."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    city = forms.ChoiceField(label=_("City or owner"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    platform = forms.ChoiceField(label=_("Development platform"), required=False)
    language = forms.ChoiceField(label=_("Available in"), required=False)
    deadline = forms.ChoiceField(
        label=_("Deadline within"),
        required=False,
        choices=[("", _("Any time")), ("7", _("7 days")), ("30", _("30 days")), ("90", _("90 days"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[
            ("", _("Best match when searching, else newest")),
            ("newest", _("Newest first")),
            ("closing", _("Closing soon")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_choice = [("", _("All"))]
        owners, themes, platforms = _record_choices()
        cast(forms.ChoiceField, self.fields["city"]).choices = [*any_choice, *owners]
        cast(forms.ChoiceField, self.fields["theme"]).choices = [*any_choice, *themes]
        cast(forms.ChoiceField, self.fields["stage"]).choices = any_choice + [
            (s.value, s.label) for s in Stage if s not in (Stage.DRAFT, Stage.IN_REVIEW)
        ]
        cast(forms.ChoiceField, self.fields["language"]).choices = [
            ("", _("Any language")),
            *[(c, language_name(c)) for c in language_codes()],
        ]
        cast(forms.ChoiceField, self.fields["platform"]).choices = [*any_choice, *platforms]

    def to_filters(self) -> ChallengeFilters:
        data = (
            self.cleaned_data
            if self.is_valid()
            else {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}
        )
        deadline = data.get("deadline")
        return ChallengeFilters(
            city=data.get("city", ""),
            theme=data.get("theme", ""),
            stage=data.get("stage", ""),
            platform=data.get("platform", ""),
            language=data.get("language", ""),
            q=(data.get("q") or "").strip(),
            sort=data.get("sort") or ("relevance" if (data.get("q") or "").strip() else "newest"),
            deadline_within_days=int(deadline) if deadline else None,
        )
