"""The form renderer: Django's widget templates, with the few the project overrides (core/form_templates/) first.

The one override so far is a select's option: Django's "---------" for the empty choice (a select of a foreign
key, or of a model field with blank choices) reads as "— Choose —" in the page's language. A field that names its
empty choice itself (``empty_label=_("All")``) keeps its words."""

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property

OVERRIDES = Path(__file__).resolve().parent / "form_templates"


class FormRenderer(DjangoTemplates):
    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [OVERRIDES, Path(django.forms.__file__).parent / self.backend.app_dirname],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )
