"""Sign-up checks the Business ID in the trade register (issue 22): an ID that does not exist or has ceased
is refused; the register's name is proposed; the register down leaves the check pending, never a 500; an
admin whose e-mail domain is the register's website verifies the company."""

import pytest
from django.core import mail

from haastemoottori.accounts.models import User
from haastemoottori.core.errors import ServiceError
from haastemoottori.organisations.models import Organisation
from haastemoottori.signup.services import company_signup, email_verify

FORM = {
    "kind": "company",
    "company_name": "",
    "business_id": "0112038-9",
    "full_name": "Anna",
    "email": "anna@example.test",
    "password": "pitkä-salasana-123",
    "language": "en",
}


def _signup(capture, **extra):
    data = {**FORM, **extra}
    with capture(execute=True):
        return company_signup(
            email=data["email"],
            full_name=data["full_name"],
            password=data["password"],
            company_name=data["company_name"],
            business_id=data["business_id"],
            language=data["language"],
            base_url="http://testserver",
        )


def test_a_ceased_company_cannot_register(client, db, register_on):
    response = client.post("/en/accounts/signup/", {**FORM, "business_id": "16180333"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Lakannut Oy (1618033-3) has ceased" in page
    assert not Organisation.objects.exists() and not User.objects.exists()


def test_an_id_the_register_does_not_know_is_refused(db, register_on, django_capture_on_commit_callbacks):
    with pytest.raises(ServiceError) as exc:
        _signup(django_capture_on_commit_callbacks, business_id="2331972-7", company_name="Keksitty Oy")
    assert exc.value.code == "company_not_found" and "2331972-7" in exc.value.message
    assert not Organisation.objects.exists()


def test_the_registers_name_is_proposed(db, register_on, django_capture_on_commit_callbacks):
    _signup(django_capture_on_commit_callbacks)
    organisation = Organisation.objects.get()
    assert str(organisation) == "Nokia Oyj" and not organisation.is_verified


def test_the_register_down_leaves_the_check_pending(client, db, register_on):
    register_on.mode = "500"
    response = client.post("/en/accounts/signup/", {**FORM, "company_name": "Nokia"})
    assert response.status_code == 200
    organisation = Organisation.objects.get()
    assert organisation.verification_status == "unverified"
    register_on.mode = "slow"
    response = client.post("/en/accounts/signup/", {**FORM, "business_id": "0201256-6", "email": "b@example.test"})
    assert response.status_code == 400 and "Give the name of the organisation" in response.content.decode()


def test_the_email_domain_of_the_registers_website_verifies(db, register_on, django_capture_on_commit_callbacks):
    _signup(django_capture_on_commit_callbacks, email="anna@nokia.com")
    organisation = Organisation.objects.get()
    assert not organisation.is_verified  # not before the address is confirmed
    token = mail.outbox[-1].body.split("/verify/")[1].split("/")[0]
    email_verify(token=token)
    organisation.refresh_from_db()
    assert organisation.is_verified and organisation.verification_method == "email_domain"
    assert "nokia.com" in organisation.verification_note


def test_another_email_domain_does_not_verify(db, register_on, django_capture_on_commit_callbacks):
    _signup(django_capture_on_commit_callbacks, email="anna@nokia.com.evil.test")
    token = mail.outbox[-1].body.split("/verify/")[1].split("/")[0]
    email_verify(token=token)
    assert not Organisation.objects.get().is_verified


def test_the_profile_shows_the_register_data_with_its_source(
    client, db, register_on, django_capture_on_commit_callbacks
):
    _signup(django_capture_on_commit_callbacks)
    User.objects.update(is_active=True)  # as after the confirmation
    client.force_login(User.objects.get())
    page = client.get(f"/en/organisations/{Organisation.objects.get().slug}/").content.decode()
    assert "In the trade register" in page and "CC BY 4.0" in page and "62010" in page
    assert "Public limited company" not in page  # the fixture's form 17 text is "Limited company"
