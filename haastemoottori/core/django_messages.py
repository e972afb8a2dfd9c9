"""Django's own messages that its Finnish catalogue leaves untranslated (Django 5.2), listed here so that
makemessages keeps them in the project's catalogue, which comes first (LOCALE_PATHS) and translates them: a
Finnish page never shows Django's English. tests/test_django_messages.py checks each in fi and sv."""

from django.utils.translation import gettext_lazy, ngettext_lazy

DJANGO_MESSAGES = (
    # django.contrib.auth.password_validation.MinimumLengthValidator
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    # django.forms.models.ModelChoiceField / ModelMultipleChoiceField (a foreign key's choice)
    gettext_lazy("%(model)s instance with %(field)s %(value)r is not a valid choice."),
)
