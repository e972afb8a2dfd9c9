"""Consortium partners: invited by Business ID, confirmed or declined by the partner's admins."""

import pytest
from django.utils.translation import gettext as _

from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.notifications.models import Notification
from haastemoottori.proposals import services

from .conftest import make_proposal

pytestmark = pytest.mark.django_db


def test_submit_blocked_until_partner_confirms(world):
    member = world.people["lead_member"]
    p = make_proposal(world)
    partner = services.partner_invite(actor=member, proposal=p, business_id="1572860-0")
    assert Notification.objects.filter(kind="proposals.partner_invited", user=world.people["partner_admin"]).exists()
    assert not Notification.objects.filter(
        kind="proposals.partner_invited", user=world.people["partner_member"]
    ).exists()
    with pytest.raises(ServiceConflict) as exc:
        services.proposal_submit(actor=member, proposal=p)
    assert exc.value.code == "partners_unconfirmed"
    with pytest.raises(ServicePermissionDenied):
        services.partner_respond(actor=world.people["partner_member"], partner=partner, confirm=True)
    with pytest.raises(ServicePermissionDenied):
        services.partner_respond(actor=member, partner=partner, confirm=True)
    services.partner_respond(actor=world.people["partner_admin"], partner=partner, confirm=True)
    assert Notification.objects.filter(kind="proposals.partner_confirmed", user=member).exists()
    assert services.proposal_submit(actor=member, proposal=p).status == "submitted"
    p.refresh_from_db()
    assert "1572860-0" in str(p.content_hash) or p.content_hash


def test_declined_partner_must_be_removed(world):
    member = world.people["lead_member"]
    p = make_proposal(world)
    partner = services.partner_invite(actor=member, proposal=p, business_id="1572860-0")
    services.partner_respond(actor=world.people["partner_admin"], partner=partner, confirm=False)
    assert Notification.objects.filter(kind="proposals.partner_declined", user=member).exists()
    with pytest.raises(ServiceConflict):
        services.proposal_submit(actor=member, proposal=p)
    services.partner_remove(actor=member, partner=partner)
    assert services.proposal_submit(actor=member, proposal=p).status == "submitted"


@pytest.mark.parametrize(
    "value,code",
    [
        ("1234567-8", "business_id_invalid"),
        ("abc", "business_id_invalid"),
        ("7654321-2", "business_id_unknown"),
        ("0101263-6", "not_a_solver"),
    ],
)
def test_bad_business_ids(world, value, code):
    p = make_proposal(world)
    with pytest.raises(ServiceValidationError) as exc:
        services.partner_invite(actor=world.people["lead_member"], proposal=p, business_id=value)
    assert exc.value.code == code and exc.value.field == "business_id"


def test_bad_business_id_in_the_view_is_400_with_the_message(client, world):
    p = make_proposal(world)
    client.force_login(world.people["lead_member"])
    response = client.post(f"/fi/proposals/{p.pk}/partners/", {"business_id": "7654321-2"})
    assert response.status_code == 400
    assert (
        _("No organisation with the Business ID %(id)s is registered here. Ask them to sign up first.")
        % {"id": "7654321-2"}
    ) in response.content.decode()
    assert not p.partners.exists()


def test_partner_page_for_invited_admin_only(client, world):
    p = make_proposal(world, hidden="EI-NÄY-KUMPPANILLE")
    partner = services.partner_invite(actor=world.people["lead_member"], proposal=p, business_id="1572860-0")
    url = f"/fi/proposals/{p.pk}/partners/{partner.pk}/"
    client.force_login(world.people["other_company"])
    assert client.get(url).status_code == 404
    client.force_login(world.people["partner_admin"])
    page = client.get(url)
    assert page.status_code == 200 and "EI-NÄY-KUMPPANILLE" not in page.content.decode()
    unconfirmed = client.get(f"/fi/proposals/{p.pk}/")  # not yet confirmed: the invitation, not the proposal
    assert unconfirmed.status_code == 200 and "EI-NÄY-KUMPPANILLE" not in unconfirmed.content.decode()
    client.post(url, {"answer": "confirm"})
    partner.refresh_from_db()
    assert partner.status == "confirmed"
    assert "EI-NÄY-KUMPPANILLE" in client.get(f"/fi/proposals/{p.pk}/").content.decode()
