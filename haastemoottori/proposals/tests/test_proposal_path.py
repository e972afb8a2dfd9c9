"""The proposal path for the lead and its partners (issue 21): nobody is lost between the pages."""

import pytest
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import override

from haastemoottori.core.errors import ServiceConflict
from haastemoottori.proposals import services
from haastemoottori.proposals.models import Proposal

from .conftest import make_proposal

pytestmark = pytest.mark.django_db


def _invite(world, **kwargs):
    p = make_proposal(world, hidden="EI-NÄY-KUMPPANILLE", **kwargs)
    partner = services.partner_invite(actor=world.people["lead_member"], proposal=p, business_id="1572860-0")
    return p, partner


def test_invited_partner_sees_the_invitation_not_a_404(client, world):
    p, partner = _invite(world)
    client.force_login(world.people["partner_admin"])
    page = client.get(f"/fi/proposals/{p.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert f'href="/fi/proposals/{p.pk}/partners/{partner.pk}/"' in body
    assert "EI-NÄY-KUMPPANILLE" not in body and "Julkinen tiivistelmä" not in body
    # A member (not an admin) of the invited partner is told who answers; no confidential content either.
    client.force_login(world.people["partner_member"])
    body = client.get(f"/fi/proposals/{p.pk}/").content.decode()
    assert "EI-NÄY-KUMPPANILLE" not in body and f"/partners/{partner.pk}/" not in body
    with override("fi"):
        assert escape(_("The admins of %(org)s confirm or decline the invitation.") % {"org": "Kumppani Oy"}) in body
    # Anyone else still gets the 404 of an unknown proposal, and so does a partner that declined.
    client.force_login(world.people["other_company"])
    assert client.get(f"/fi/proposals/{p.pk}/").status_code == 404
    services.partner_respond(actor=world.people["partner_admin"], partner=partner, confirm=False)
    client.force_login(world.people["partner_admin"])
    assert client.get(f"/fi/proposals/{p.pk}/").status_code == 404


def test_workspace_lists_pending_invitations_and_my_proposals(client, world):
    p, partner = _invite(world)
    client.force_login(world.people["partner_admin"])
    body = client.get("/fi/challenges/workspace/").content.decode()
    assert f'href="/fi/proposals/{p.pk}/partners/{partner.pk}/"' in body
    assert 'href="/fi/proposals/"' in body
    services.partner_respond(actor=world.people["partner_admin"], partner=partner, confirm=True)
    body = client.get("/fi/challenges/workspace/").content.decode()
    assert f"/partners/{partner.pk}/" not in body and 'href="/fi/proposals/"' in body


def test_my_proposals_in_the_header_for_company_members_only(client, world):
    client.force_login(world.people["lead_member"])
    assert 'href="/fi/proposals/"' in client.get("/fi/").content.decode()
    client.force_login(world.people["espoo_owner"])
    assert 'href="/fi/proposals/"' not in client.get("/fi/").content.decode()
    client.logout()
    assert 'href="/fi/proposals/"' not in client.get("/fi/").content.decode()


def test_confirming_leads_to_the_proposal(client, world):
    p, partner = _invite(world)
    client.force_login(world.people["partner_admin"])
    response = client.post(f"/fi/proposals/{p.pk}/partners/{partner.pk}/", {"answer": "confirm"})
    assert response.status_code == 302 and response["Location"] == f"/fi/proposals/{p.pk}/"
    page = client.get(f"/fi/proposals/{p.pk}/partners/{partner.pk}/").content.decode()
    assert f'href="/fi/proposals/{p.pk}/"' in page


def test_partner_edit_refusal_gives_the_actual_reason(client, world):
    p = make_proposal(world, partner=world.partner_org)
    client.force_login(world.people["partner_admin"])
    response = client.get(f"/fi/proposals/{p.pk}/edit/", follow=True)
    body = response.content.decode()
    with override("fi"):
        expected = _(
            "Only the lead organisation, %(lead)s, edits the answers; partners read them. "
            "Ask the lead to make the change."
        ) % {"lead": p.lead}
        deadline = _("The deadline has passed: the proposal can no longer be changed.")
        withdraw = _("The proposal has been submitted. Withdraw it first to change the answers, then submit it again.")
    assert escape(expected) in body
    assert escape(deadline) not in body and escape(withdraw) not in body
    # The lead of a submitted proposal is told to withdraw first, not that the deadline passed.
    services.proposal_submit(actor=world.people["lead_member"], proposal=p)
    client.force_login(world.people["lead_member"])
    body = client.get(f"/fi/proposals/{p.pk}/edit/", follow=True).content.decode()
    assert escape(withdraw) in body and escape(deadline) not in body


def test_lead_back_on_the_challenge_and_call_pages_continues_its_proposal(client, world):
    client.force_login(world.people["lead_member"])
    slug = world.challenge.slug
    start = f'href="/fi/challenges/{slug}/call/start/"'
    for url in (f"/fi/challenges/{slug}/", f"/fi/challenges/{slug}/call/"):
        assert "/fi/proposals/" not in client.get(url).content.decode().split("<main")[1]
    p = make_proposal(world)
    for url in (f"/fi/challenges/{slug}/", f"/fi/challenges/{slug}/call/"):
        body = client.get(url).content.decode()
        with override("fi"):
            assert _("Continue your proposal") in body and _("Start another proposal") in body
        assert f'href="/fi/proposals/{p.pk}/"' in body and start in body
    # Another company sees no one else's proposal.
    client.force_login(world.people["other_company"])
    body = client.get(f"/fi/challenges/{slug}/call/").content.decode()
    assert f"/fi/proposals/{p.pk}/" not in body and start in body


def test_a_second_proposal_needs_an_explicit_choice(client, world):
    p = make_proposal(world)
    member = world.people["lead_member"]
    with pytest.raises(ServiceConflict) as exc:
        services.proposal_start(actor=member, challenge=world.challenge, lead=world.lead, title="Toinen")
    assert exc.value.code == "existing_proposal" and exc.value.field == "another"
    client.force_login(member)
    url = f"/fi/challenges/{world.challenge.slug}/call/start/"
    page = client.get(url).content.decode()
    assert f'href="/fi/proposals/{p.pk}/"' in page and 'name="another"' in page
    response = client.post(url, {"lead": world.lead.pk, "title": "Toinen"})
    assert response.status_code == 409 and Proposal.objects.filter(lead=world.lead).count() == 1
    assert 'name="another"' in response.content.decode()
    response = client.post(url, {"lead": world.lead.pk, "title": "Toinen", "another": "on"})
    assert response.status_code == 302 and Proposal.objects.filter(lead=world.lead).count() == 2
    # A withdrawn proposal does not count: its organisation starts anew without the question.
    Proposal.objects.filter(lead=world.lead).update(status=Proposal.Status.WITHDRAWN)
    assert services.proposal_start(actor=member, challenge=world.challenge, lead=world.lead, title="Kolmas")
