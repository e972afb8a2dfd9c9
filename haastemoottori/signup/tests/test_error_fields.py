"""A wrong Business ID at sign-up is shown at the Business ID input, not only in the summary."""

import re

import pytest

SIGNUP = {
    "kind": "company",
    "company_name": "Uusi Oy",
    "business_id": "1234567-8",  # the check digit of 1234567 is 1
    "full_name": "Hanna Hakija",
    "email": "hanna@example.test",
    "password": "pitkä-salasana-123",
    "language": "fi",
}


@pytest.mark.django_db
def test_the_check_digit_error_is_tied_to_the_business_id_input(client, region):
    response = client.post("/fi/accounts/signup/", SIGNUP)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_business_id"' in page
    field = re.search(r'<input[^>]*name="business_id"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field and "id_business_id_error" in field
    error = re.search(r'id="id_business_id_error">([^<]+)<', page).group(1)
    assert error == "Y-tunnuksen 1234567-8 tarkistusnumero on virheellinen."


@pytest.mark.django_db
def test_a_short_password_is_refused_in_finnish(client, region):
    response = client.post("/fi/accounts/signup/", {**SIGNUP, "business_id": "1234567-1", "password": "lyh7#"})
    page = response.content.decode()
    assert "This password is too short" not in page
    assert "Salasana on liian lyhyt" in page
