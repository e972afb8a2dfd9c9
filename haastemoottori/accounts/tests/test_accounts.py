"""Company sign-up with e-mail verification, password reset and the profile's language preference."""

import re

import pytest
from django.core import mail

from haastemoottori.accounts.models import User
from haastemoottori.audit.models import AuditEvent
from haastemoottori.organisations.models import Membership, Organisation

SIGNUP = {
    "kind": "company",
    "company_name": "Lumityö Oy",
    "business_id": "0201256-6",
    "full_name": "Liisa Lumi",
    "email": "liisa@lumityo.test",
    "password": "pitkä-salasana-123",
    "language": "sv",
}


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


@pytest.mark.django_db
def test_signup_verifies_the_email_before_the_account_works(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fi/accounts/signup/", SIGNUP)
    assert response.status_code == 200 and "liisa@lumityo.test" in response.content.decode()
    user = User.objects.get(email="liisa@lumityo.test")
    assert not user.is_active
    company = Organisation.objects.get(identifiers__identifier="0201256-6")
    assert company.kind == "company" and company.name == {"sv": "Lumityö Oy"}
    assert Membership.objects.get(user=user).role == "admin"
    assert len(mail.outbox) == 1
    assert "Bekräfta" in mail.outbox[0].subject  # in the language chosen at sign-up
    assert (
        client.post("/fi/accounts/login/", {"username": user.email, "password": SIGNUP["password"]}).status_code == 400
    )
    link = _link(mail.outbox[0])
    response = client.get(link)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active
    assert AuditEvent.objects.filter(target_type="accounts.user", target_id=str(user.pk)).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"business_id": "0201256-7"}, "check digit"),
        ({"business_id": "abc"}, "seven digits"),
        ({"password": "short"}, "too short"),
        ({"email": "not-an-email"}, "valid email"),
        ({"language": "xx"}, "Select a valid choice"),
    ],
)
def test_bad_signup_input_changes_nothing(client, change, message):
    response = client.post("/en/accounts/signup/", {**SIGNUP, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.exists() and not Organisation.objects.exists()


@pytest.mark.django_db
def test_second_signup_for_the_same_company_is_offered_a_join_request(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/signup/", SIGNUP)
    response = client.post("/en/accounts/signup/", {**SIGNUP, "email": "other@lumityo.test", "business_id": "201256-6"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Lumityö Oy is already registered" in page and 'name="join"' in page
    assert User.objects.count() == 1 and Organisation.objects.count() == 1


@pytest.mark.django_db
def test_research_organisations_sign_up_too(client):
    response = client.post("/en/accounts/signup/", {**SIGNUP, "kind": "research", "company_name": "Tutkimuslaitos"})
    assert response.status_code == 200
    assert Organisation.objects.get().kind == "research"
    assert client.post("/en/accounts/signup/", {**SIGNUP, "kind": "city", "email": "x@y.test"}).status_code == 400


@pytest.mark.django_db
def test_a_tampered_verification_link_is_refused(client):
    response = client.get("/en/accounts/verify/not-a-token/")
    assert response.status_code == 400 and "not valid" in response.content.decode()


def test_password_reset(client, region):
    user = region.people["espoo_owner"]
    client.post("/en/accounts/password-reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    link = _link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "uusi-salasana-456", "new_password2": "uusi-salasana-456"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("uusi-salasana-456")


def test_profile_language_preference(client, region):
    user = region.people["espoo_owner"]
    client.force_login(user)
    response = client.post("/fi/accounts/profile/", {"full_name": "Olli Omistaja", "preferred_language": "sv"})
    assert response.status_code == 302 and response["Location"] == "/sv/accounts/profile/"
    user.refresh_from_db()
    assert user.preferred_language == "sv" and user.full_name == "Olli Omistaja"
    assert client.post("/fi/accounts/profile/", {"full_name": "", "preferred_language": "zz"}).status_code == 400
    assert AuditEvent.objects.filter(target_type="accounts.user", action="updated").count() == 1
