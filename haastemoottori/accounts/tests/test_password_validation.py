"""Weak Finnish and Swedish passwords are refused next to Django's English list; sound ones pass."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from haastemoottori.accounts.models import User
from haastemoottori.accounts.password_validation import WORDS_FILE, LocalCommonPasswordValidator


@pytest.mark.parametrize(
    "password",
    [
        "salasana123",
        "Salasana2026",
        "SALASANA2026!",
        "haastemoottori1",
        "Haastemoottori2026",
        "lösenord123",
        "Lösenord2026!",
        "Helsinki2026",
        "esbo12345678",
        "Vantaa-2026",
        "123kissa123",
        "jääkiekko2026",
        "Sommar2026!",
    ],
)
def test_common_finnish_and_swedish_passwords_are_refused(password):
    with pytest.raises(ValidationError) as caught:
        validate_password(password)
    assert "password_too_common" in [e.code for e in caught.value.error_list]


@pytest.mark.parametrize("password", ["kissa-istuu-ikkunalla-7", "Vihreä omena ja 3 päärynää", "m9#TqL2v!xR"])
def test_sound_passwords_pass(password):
    validate_password(password)


def test_the_site_name_is_refused_from_settings():
    with override_settings(SITE_NAME="Innokaupunki"), pytest.raises(ValidationError):
        LocalCommonPasswordValidator().validate("innokaupunki2026")
    LocalCommonPasswordValidator().validate("innokaupunki2026")


def test_the_list_is_the_projects_own_and_has_a_few_hundred_words():
    words = [line for line in WORDS_FILE.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    assert len(words) >= 300
    assert {"salasana", "lösenord", "haastemoottori", "espoo", "vanda"} <= set(words)


def test_the_sign_up_form_refuses_a_weak_finnish_password(client, db):
    response = client.post(
        "/fi/accounts/signup/",
        {
            "kind": "company",
            "company_name": "Heikko Oy",
            "business_id": "1234567-1",
            "full_name": "Heikki Heikko",
            "email": "heikki@heikko.test",
            "password": "Salasana2026",
            "language": "fi",
        },
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["password"]
    assert not User.objects.filter(email="heikki@heikko.test").exists()
