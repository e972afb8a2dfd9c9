"""Translated content: fallback to the original, languages as configuration."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from haastemoottori.core.errors import CommonCode, ErrorCodeEnum, ServiceValidationError
from haastemoottori.core.i18n import clean_translations, service_translations, translate


def test_the_requested_language_wins():
    value = translate({"fi": "Haaste", "sv": "Utmaning"}, "fi", "sv")
    assert (value.text, value.language, value.is_fallback) == ("Utmaning", "sv", False)


def test_missing_translation_falls_back_to_the_original_and_says_so():
    value = translate({"fi": "Haaste", "en": "Challenge"}, "fi", "sv")
    assert (value.text, value.language, value.requested, value.is_fallback) == ("Haaste", "fi", "sv", True)


def test_blank_translation_counts_as_missing_and_original_missing_uses_any():
    assert translate({"fi": "  ", "en": "Challenge"}, "fi", "sv").text == "Challenge"
    empty = translate({}, "fi", "sv")
    assert empty.text == "" and not empty.is_fallback and not empty


def test_active_language_is_the_default():
    with translation.override("en"):
        assert translate({"fi": "Haaste", "en": "Challenge"}, "fi").text == "Challenge"


def test_clean_translations_refuses_unknown_languages_and_non_text():
    assert clean_translations({"fi": " Haaste ", "sv": ""}) == {"fi": "Haaste"}
    with pytest.raises(ValidationError):
        clean_translations({"de": "Herausforderung"})
    with pytest.raises(ValidationError):
        clean_translations({"fi": 5})
    with pytest.raises(ValidationError):
        clean_translations(["fi", "Haaste"])


@override_settings(LANGUAGES=[("fi", "Finnish"), ("sv", "Swedish"), ("en", "English"), ("et", "Estonian")])
def test_a_new_language_is_configuration_only():
    assert clean_translations({"et": "Väljakutse"}) == {"et": "Väljakutse"}
    assert translate({"fi": "Haaste", "et": "Väljakutse"}, "fi", "et").text == "Väljakutse"
    assert translate({"fi": "Haaste"}, "fi", "et").is_fallback


def test_models_have_no_language_specific_columns():
    """Adding a language must not need a migration: no field name ends in a language code."""
    from django.apps import apps

    for model in apps.get_app_config("challenges").get_models():
        for field in model._meta.get_fields():
            assert not field.name.endswith(("_fi", "_sv", "_en")), (model, field.name)


class _Code(ErrorCodeEnum):
    INVALID_ANSWER = "invalid_answer"


def test_service_translations_names_the_field_and_keeps_the_check_s_own_code():
    assert service_translations({"fi": " Haaste ", "sv": ""}, field="title") == {"fi": "Haaste"}
    with pytest.raises(ServiceValidationError) as exc:
        service_translations({"de": "Herausforderung"}, field="title", label="Otsikko")
    assert (exc.value.code, exc.value.field) == (CommonCode.UNKNOWN_LANGUAGE, "title")
    with pytest.raises(ServiceValidationError) as exc:
        service_translations(["fi"], field=None, label="Otsikko")
    assert exc.value.code == CommonCode.INVALID_TRANSLATIONS and "Otsikko" in str(exc.value.message)
    with pytest.raises(ServiceValidationError) as exc:
        service_translations({"fi": 5}, field="answer", code=_Code.INVALID_ANSWER)
    assert exc.value.code == _Code.INVALID_ANSWER
