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


@pytest.mark.django_db
def test_after_confirming_the_company_admin_is_led_to_the_profile(client, region, django_capture_on_commit_callbacks):
    from django.core import mail

    from haastemoottori.organisations.models import Organisation

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/signup/", {**SIGNUP, "business_id": "1234567-1", "language": "en"})
    assert response.status_code == 200, response.content.decode()[:500]
    token = mail.outbox[-1].body.split("/verify/")[1].split("/")[0]
    response = client.get(f"/en/accounts/verify/{token}/", follow=True)
    company = Organisation.objects.get(slug__isnull=False, kind="company", memberships__user__email=SIGNUP["email"])
    assert response.redirect_chain[-1][0] == f"/en/organisations/{company.slug}/profile/"
    assert "tell cities what" in response.content.decode()
