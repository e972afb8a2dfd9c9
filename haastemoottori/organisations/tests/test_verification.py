"""Verified means someone vouched (issue 22, issue 19 high): a stranger who registers a real company's
Business ID is not listed anywhere public, a second sign-up claims it, and the platform staff decide."""

import json

import pytest
from django.core import mail

from conftest import make_user
from haastemoottori.accounts.models import User
from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceError
from haastemoottori.organisations import services_verification as verification
from haastemoottori.organisations.models import JoinRequest, Membership, Organisation, VerificationDispute
from haastemoottori.organisations.selectors import organisation_solvers_listed
from haastemoottori.signup.services import company_signup, email_verify, join_signup

NOKIA = "0112038-9"
Method = Organisation.VerificationMethod


def _signup(capture, email="stranger@example.test", name="Nokia Oyj", business_id=NOKIA):
    with capture(execute=True):
        company_signup(
            email=email,
            full_name="Stranger",
            password="pitkä-salasana-123",
            company_name=name,
            business_id=business_id,
            language="fi",
            base_url="http://testserver",
        )
    token = mail.outbox[-1].body.split("/verify/")[1].split("/")[0]
    return email_verify(token=token)


@pytest.fixture
def nokia(region, django_capture_on_commit_callbacks):
    _signup(django_capture_on_commit_callbacks)
    return Organisation.objects.get(identifiers__identifier=NOKIA)


def test_a_stranger_with_nokias_business_id_is_unverified_and_listed_nowhere(client, nokia):
    assert nokia.verification_status == "unverified" and not nokia.is_public
    assert nokia not in organisation_solvers_listed()
    assert nokia not in Organisation.objects.matchable()
    assert client.get(f"/fi/organisations/{nokia.slug}/").status_code == 404
    assert "Nokia" not in client.get("/fi/organisations/").content.decode()
    api = client.get("/api/v1/organisations?page_size=100").json()
    assert nokia.slug not in [o["slug"] for o in api["results"]]
    assert client.get(f"/api/v1/organisations/{nokia.slug}").status_code == 404
    assert nokia.slug not in client.get("/sitemap.xml").content.decode()
    from haastemoottori.organisations.search_documents import organisation_document

    assert organisation_document(nokia)["is_public"] is False


def test_the_member_sees_the_profile_marked_unverified_without_json_ld(client, nokia):
    client.force_login(User.objects.get(email="stranger@example.test"))
    page = client.get(f"/en/organisations/{nokia.slug}/").content.decode()
    assert "Unverified" in page and "not verified yet" in page
    assert "application/ld+json" not in page


def test_a_verified_organisation_is_listed_with_its_json_ld(client, region, nokia):
    verification.organisation_verify(
        actor=region.people["platform_admin"], organisation=nokia, method=Method.ADMIN, note="Checked the register"
    )
    nokia.refresh_from_db()
    assert nokia.is_public and nokia.verification_method == "admin" and nokia.verified_by.is_superuser
    page = client.get(f"/fi/organisations/{nokia.slug}/").content.decode()
    ld = json.loads(page.split('<script type="application/ld+json"')[1].split(">", 1)[1].split("</script>")[0])
    assert ld["identifier"][0]["value"] == NOKIA
    assert AuditEvent.objects.filter(action="organisation_verified", target_id=str(nokia.pk)).exists()


def test_a_review_needs_the_permission(region, nokia):
    with pytest.raises(ServiceError) as exc:
        verification.organisation_verify(actor=region.people["company_admin"], organisation=nokia, method=Method.ADMIN)
    assert exc.value.code == "permission_denied"
    with pytest.raises(ServiceError):
        verification.organisation_reject(actor=region.people["espoo_admin"], organisation=nokia, reason="x")
    nokia.refresh_from_db()
    assert nokia.verification_status == "unverified"


def test_a_rejection_needs_a_reason_and_is_audited(region, nokia):
    admin = region.people["platform_admin"]
    with pytest.raises(ServiceError) as exc:
        verification.organisation_reject(actor=admin, organisation=nokia, reason="  ")
    assert exc.value.code == "verification_reason"
    verification.organisation_reject(actor=admin, organisation=nokia, reason="Not in the trade register")
    nokia.refresh_from_db()
    assert nokia.verification_status == "rejected" and not nokia.is_public
    assert AuditEvent.objects.filter(action="organisation_rejected", target_id=str(nokia.pk)).exists()


def test_a_second_signup_for_an_unverified_id_is_a_claim_for_the_staff(
    region, nokia, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claim = join_signup(
            email="it@nokia.test",
            full_name="Real Admin",
            password="pitkä-salasana-123",
            business_id="01120389",
            language="en",
            base_url="http://testserver",
            message="This is our company.",
        )
    assert isinstance(claim, VerificationDispute) and claim.organisation == nokia
    assert not JoinRequest.objects.exists()  # the squatter decides nothing
    claimant = claim.user
    verification.dispute_decide(actor=region.people["platform_admin"], dispute=claim, uphold=True, resolution="ok")
    nokia.refresh_from_db()
    assert nokia.is_verified and nokia.verification_method == "admin"
    assert Membership.objects.get(user=claimant, organisation=nokia).role == "admin"
    with pytest.raises(ServiceError) as exc:
        verification.dispute_decide(actor=region.people["platform_admin"], dispute=claim, uphold=False)
    assert exc.value.code == "dispute_decided"


def test_a_second_signup_for_a_verified_id_is_a_join_request(region, nokia, django_capture_on_commit_callbacks):
    verification.organisation_verify(actor=region.people["platform_admin"], organisation=nokia, method=Method.ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        request = join_signup(
            email="colleague@nokia.test",
            full_name="Colleague",
            password="pitkä-salasana-123",
            business_id=NOKIA,
            language="en",
            base_url="http://testserver",
        )
    assert isinstance(request, JoinRequest) and request.organisation == nokia
    assert not VerificationDispute.objects.exists()


def test_the_signup_page_offers_a_claim_for_an_unverified_holder(client, nokia):
    response = client.post(
        "/en/accounts/signup/",
        {
            "kind": "company",
            "company_name": "Nokia",
            "business_id": NOKIA,
            "full_name": "Real Admin",
            "email": "it@nokia.test",
            "password": "pitkä-salasana-123",
            "language": "en",
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "not verified" in page and "is my company" in page and "Ask to join" not in page


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("platform_admin", True),
        ("staff", True),
        ("company_admin", False),
        ("espoo_admin", False),
        ("espoo_owner", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_the_verification_queue_permission(client, region, nokia, who, allowed):
    from django.contrib.auth.models import AnonymousUser

    people = {**region.people, "staff": make_user("staff@platform.test", is_staff=True)}
    user = AnonymousUser() if who == "anonymous" else people[who]
    assert user.has_perm("organisations.review_verification") is allowed
    if who != "anonymous":
        client.force_login(user)
    response = client.get("/en/organisations/verification/")
    if allowed:
        assert response.status_code == 200
        page = response.content.decode()
        assert "Nokia Oyj" in page and "stranger@example.test" in page
        response = client.post(f"/en/organisations/verification/{nokia.slug}/", {"decision": "verify"})
        assert response.status_code == 302
        nokia.refresh_from_db()
        assert nokia.is_verified
    else:
        assert response.status_code in (302, 403)
        response = client.post(f"/en/organisations/verification/{nokia.slug}/", {"decision": "verify"})
        assert response.status_code in (302, 403)
        nokia.refresh_from_db()
        assert not nokia.is_verified


def test_unverified_organisations_are_not_suggested(region, nokia):
    from haastemoottori.organisations.models import Organisation as Org

    assert region.company in Org.objects.matchable()
    assert nokia not in Org.objects.matchable()


def test_the_suomifi_mandate_hook(settings, region, nokia):
    holder = User.objects.get(email="stranger@example.test")
    kwargs = {"user": holder, "organisation": nokia, "mandate_business_id": NOKIA, "mandate_id": "m-1"}
    settings.HAASTEMOOTTORI_SUOMIFI_MANDATES = False
    with pytest.raises(ServiceError):
        verification.verify_by_suomifi_mandate(**kwargs)
    settings.HAASTEMOOTTORI_SUOMIFI_MANDATES = True
    with pytest.raises(ServiceError):
        verification.verify_by_suomifi_mandate(**{**kwargs, "mandate_business_id": "0201256-6"})
    with pytest.raises(ServiceError):
        verification.verify_by_suomifi_mandate(**{**kwargs, "user": region.people["company_admin"]})
    nokia.refresh_from_db()
    assert not nokia.is_verified
    verification.verify_by_suomifi_mandate(**kwargs)
    nokia.refresh_from_db()
    assert nokia.is_verified and nokia.verification_method == "suomifi" and nokia.verification_note == "mandate m-1"


@pytest.mark.django_db
def test_no_organisation_takes_the_queues_slug():
    from haastemoottori.organisations.services import organisation_create

    organisation = organisation_create(actor=None, kind="company", name={"en": "Verification"}, original_language="en")
    assert organisation.slug != "verification"
