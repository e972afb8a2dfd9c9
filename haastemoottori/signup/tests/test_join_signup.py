"""Signing up with a Business ID that is already registered: a join request instead of a second company."""

import re

import pytest
from django.core import mail

from haastemoottori.accounts.models import User
from haastemoottori.audit.models import AuditEvent
from haastemoottori.organisations.models import JoinRequest, Membership, Organisation, OrganisationIdentifier

BUSINESS_ID = "3124587-9"
SIGNUP = {
    "kind": "company",
    "company_name": "Toinen nimi Oy",
    "business_id": "3124587-9",
    "full_name": "Hanna Hakija",
    "email": "hanna@example.test",
    "password": "pitkä-salasana-123",
    "language": "sv",
}


@pytest.fixture
def registered(region):
    OrganisationIdentifier.objects.create(organisation=region.company, scheme="FI-PRO", identifier=BUSINESS_ID)
    return region.company


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_a_taken_business_id_offers_a_join_request(client, registered):
    response = client.post("/en/accounts/signup/", SIGNUP)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Testiyritys Oy is already registered" in page
    assert "Ask to join Testiyritys Oy" in page and 'name="message"' in page
    assert Organisation.objects.filter(kind="company").count() == 1
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_the_join_request_reaches_the_admins_after_the_email_is_confirmed(
    client, region, registered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/signup/", {**SIGNUP, "join": "1", "company_name": "", "message": "Olen uusi myyntipäällikkö."}
        )
    assert response.status_code == 200 and "admins of Testiyritys Oy" in response.content.decode()
    user = User.objects.get(email=SIGNUP["email"])
    assert not user.is_active
    join_request = JoinRequest.objects.get()
    assert join_request.organisation == registered and join_request.status == "pending"
    assert join_request.message == "Olen uusi myyntipäällikkö."
    assert Organisation.objects.filter(kind="company").count() == 1
    assert not Membership.objects.filter(user=user).exists()
    assert [m.to for m in mail.outbox] == [[SIGNUP["email"]]]  # only the confirmation so far

    admin = region.people["company_admin"]
    client.force_login(admin)
    assert "hanna@example.test" not in client.get("/en/organisations/testiyritys/team/").content.decode()
    client.logout()

    with django_capture_on_commit_callbacks(execute=True):
        client.get(_link(mail.outbox[0]))
    assert [m.to for m in mail.outbox[1:]] == [[admin.email]]
    assert "Olen uusi myyntipäällikkö." in mail.outbox[1].body
    assert "/organisations/testiyritys/team/" in _link(mail.outbox[1])

    client.force_login(admin)
    assert "hanna@example.test" in client.get("/en/organisations/testiyritys/team/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/organisations/testiyritys/team/requests/{join_request.pk}/", {"decision": "approve"})
    assert Membership.objects.get(user=user, organisation=registered).role == "member"
    assert mail.outbox[-1].to == [SIGNUP["email"]] and "/sv/" in _link(mail.outbox[-1])
    assert AuditEvent.objects.for_object(join_request).count() == 2  # created, decided


def test_joining_needs_a_password_again_and_keeps_the_offer(client, registered):
    response = client.post("/en/accounts/signup/", {**SIGNUP, "join": "1", "password": ""})
    assert response.status_code == 400
    assert "Ask to join Testiyritys Oy" in response.content.decode()
    assert not JoinRequest.objects.exists() and not User.objects.filter(email=SIGNUP["email"]).exists()


def test_joining_an_unregistered_business_id_is_refused(client, registered):
    response = client.post("/en/accounts/signup/", {**SIGNUP, "join": "1", "business_id": "3201947-8"})
    assert response.status_code == 400 and "No organisation is registered" in response.content.decode()
    assert not JoinRequest.objects.exists()
