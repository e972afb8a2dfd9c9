"""Issue 19 (high) and issue 22: a stranger who registers a real company's Business ID gets no consortium
invitation sent to that ID, and cannot read the proposal."""

import pytest

from conftest import make_user
from haastemoottori.core.errors import ServiceError
from haastemoottori.notifications.models import Notification
from haastemoottori.organisations.models import Membership, Organisation
from haastemoottori.proposals import services
from haastemoottori.proposals.models import ProposalPartner
from haastemoottori.signup.services import company_signup, email_verify

from .conftest import make_proposal

NOKIA = "0112038-9"


@pytest.fixture
def squatter(world, django_capture_on_commit_callbacks):
    """A stranger signs up with Nokia's Business ID and confirms the e-mail address."""
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        user = company_signup(
            email="stranger@example.test",
            full_name="Stranger",
            password="pitkä-salasana-123",
            company_name="Nokia Oyj",
            business_id=NOKIA,
            language="fi",
            base_url="http://testserver",
        )
    token = mail.outbox[-1].body.split("/verify/")[1].split("/")[0]
    email_verify(token=token)
    return user


def test_the_invitation_to_an_unverified_business_id_is_refused_and_not_delivered(world, squatter):
    nokia = Organisation.objects.get(identifiers__identifier=NOKIA)
    assert not nokia.is_verified
    proposal = make_proposal(world)
    with pytest.raises(ServiceError) as exc:
        services.partner_invite(actor=world.people["lead_member"], proposal=proposal, business_id=NOKIA)
    assert exc.value.code == "not_verified" and NOKIA in exc.value.message
    assert not ProposalPartner.objects.filter(organisation=nokia).exists()
    assert not Notification.objects.filter(user=squatter).exists()
    assert not squatter.has_perm("proposals.view_proposal", proposal)


def test_once_verified_the_same_invitation_goes_through(world, squatter):
    from haastemoottori.organisations.services_verification import organisation_verify

    nokia = Organisation.objects.get(identifiers__identifier=NOKIA)
    organisation_verify(
        actor=world.region.people["platform_admin"], organisation=nokia, method=Organisation.VerificationMethod.ADMIN
    )
    proposal = make_proposal(world)
    partner = services.partner_invite(actor=world.people["lead_member"], proposal=proposal, business_id=NOKIA)
    assert partner.organisation == nokia
    assert Notification.objects.filter(user=squatter, kind="proposals.partner_invited").exists()


def test_an_invitation_left_over_from_before_cannot_be_confirmed_by_an_unverified_holder(world):
    proposal = make_proposal(world, partner=world.partner_org)  # confirmed while verified
    other = world.partner_org
    pp = ProposalPartner.objects.get(proposal=proposal, organisation=other)
    ProposalPartner.objects.filter(pk=pp.pk).update(status="invited")
    Organisation.objects.filter(pk=other.pk).update(verification_status="unverified")
    pp.refresh_from_db()
    admin = make_user("second-admin@kumppani.test", other, Membership.Role.ADMIN)
    with pytest.raises(ServiceError) as exc:
        services.partner_respond(actor=admin, partner=pp, confirm=True)
    assert exc.value.code == "not_verified"
    pp.refresh_from_db()
    assert pp.status == "invited"
