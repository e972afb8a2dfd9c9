"""Each named permission of calls and proposals: who is allowed, who is refused, and the service or page that
enforces it.

The world (conftest): Espoo leads the challenge in its open call, Vantaa contributes; the company
(``lead_member``, ``company_admin``) leads proposals, Kumppani (``partner_admin``, ``partner_member``) is a
confirmed partner, Kilpailija (``other_company``) is an unrelated company.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from conftest import make_org, make_user
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied
from haastemoottori.evaluation import services as evaluation_services
from haastemoottori.organisations.models import Membership
from haastemoottori.proposals import services

from .conftest import close_call, make_proposal

pytestmark = pytest.mark.django_db

Role = Membership.Role
ANONYMOUS = AnonymousUser()


def _allowed(w, perm, obj, who):
    return ANONYMOUS.has_perm(perm, obj) if who == "anonymous" else w.people[who].has_perm(perm, obj)


@pytest.fixture
def submitted(world):
    """A submitted proposal with a confirmed partner and an evaluator assigned by the owners' service."""
    proposal = make_proposal(world, submit=True, partner=world.partner_org)
    evaluation_services.evaluator_assign(
        actor=world.people["espoo_owner"],
        challenge=world.challenge,
        email=world.people["evaluator"].email,
        proposal=proposal,
    )
    return proposal


@pytest.fixture
def invited(world):
    """A draft proposal that has invited a research organisation (an admin and a plain member) as a partner."""
    org = make_org("kutsuttu", kind="research", name={"fi": "Tutkimuslaitos"}, business_id="0245437-2")
    world.people["invited_admin"] = make_user("admin@kutsuttu.test", org, Role.ADMIN)
    world.people["invited_member"] = make_user("member@kutsuttu.test", org, Role.MEMBER)
    draft = make_proposal(world, title="Luonnos")
    partner = services.partner_invite(actor=world.people["lead_member"], proposal=draft, business_id="0245437-2")
    draft.refresh_from_db()
    return draft, partner


# ---- proposals.configure_call (the challenge) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("espoo_owner", True),
        ("espoo_admin", True),
        ("platform_admin", True),
        ("vantaa_owner", False),  # an editor of a contributor organisation
        ("espoo_member", False),
        ("company_admin", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_configure_call(world, who, allowed):
    assert _allowed(world, "proposals.configure_call", world.challenge, who) is allowed


def test_configure_call_is_enforced(client, world):
    with pytest.raises(ServicePermissionDenied):
        services.call_update(
            actor=world.people["vantaa_owner"],
            challenge=world.challenge,
            eligibility={"fi": "Kaikki"},
            instructions={"fi": "Ohjeet"},
            max_file_size=100_000,
            max_files=3,
        )
    url = reverse("calls:configure", args=[world.challenge.slug])
    client.force_login(world.people["vantaa_owner"])
    assert client.get(url).status_code == 403
    client.force_login(world.people["espoo_owner"])
    assert client.get(url).status_code == 200


# ---- proposals.start_proposal (the challenge) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("lead_member", True),
        ("other_company", True),
        ("partner_member", True),
        ("espoo_owner", False),
        ("vantaa_member", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_start_proposal(world, who, allowed):
    assert _allowed(world, "proposals.start_proposal", world.challenge, who) is allowed


def test_start_proposal_needs_an_open_call(world):
    close_call(world.challenge)
    assert not rules.has_perm("proposals.start_proposal", world.people["lead_member"], world.challenge)


def test_start_proposal_is_enforced(world):
    with pytest.raises(ServicePermissionDenied):
        services.proposal_start(
            actor=world.people["espoo_owner"],
            challenge=world.challenge,
            lead=world.region.espoo,
            title="Kaupungin oma ehdotus",
        )
    proposal = services.proposal_start(
        actor=world.people["other_company"], challenge=world.challenge, lead=world.other, title="Kilpaileva ehdotus"
    )
    assert proposal.lead == world.other


# ---- proposals.view_proposal_list (the challenge) --------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("espoo_member", True),
        ("espoo_evaluator", True),
        ("vantaa_member", True),
        ("platform_admin", True),
        ("helsinki_owner", False),
        ("company_admin", False),
        ("lead_member", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_view_proposal_list(world, who, allowed):
    assert _allowed(world, "proposals.view_proposal_list", world.challenge, who) is allowed


def test_view_proposal_list_is_enforced(client, world):
    url = reverse("calls:proposals", args=[world.challenge.slug])
    client.force_login(world.people["company_admin"])
    assert client.get(url).status_code == 404
    client.force_login(world.people["vantaa_member"])
    assert client.get(url).status_code == 200


# ---- proposals.assign_evaluators (the challenge) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("espoo_owner", True),
        ("platform_admin", True),
        ("vantaa_owner", False),
        ("espoo_member", False),
        ("espoo_evaluator", False),
        ("company_admin", False),
        ("anonymous", False),
    ],
)
def test_assign_evaluators(world, who, allowed):
    assert _allowed(world, "proposals.assign_evaluators", world.challenge, who) is allowed


def test_assign_evaluators_is_enforced(world, submitted):
    with pytest.raises(ServicePermissionDenied):
        evaluation_services.evaluator_assign(
            actor=world.people["vantaa_owner"], challenge=world.challenge, email=world.people["evaluator_like"].email
        )
    assert not submitted.evaluators.filter(evaluator=world.people["evaluator_like"]).exists()
    result = evaluation_services.evaluator_assign(
        actor=world.people["espoo_owner"], challenge=world.challenge, email=world.people["evaluator_like"].email
    )
    assert [a.proposal_id for a in result.created] == [submitted.pk]


# ---- proposals.change_proposal (the proposal) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("lead_member", True),
        ("company_admin", True),
        ("partner_admin", False),
        ("partner_member", False),  # a confirmed partner reads but does not edit
        ("other_company", False),
        ("espoo_owner", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_change_proposal(world, who, allowed):
    draft = make_proposal(world, partner=world.partner_org)
    assert _allowed(world, "proposals.change_proposal", draft, who) is allowed


def test_change_proposal_rule_refuses_a_platform_admin(world):
    draft = make_proposal(world)
    assert not rules.has_perm("proposals.change_proposal", world.people["platform_admin"], draft)


def test_change_proposal_ends_with_the_call(world):
    draft = make_proposal(world)
    close_call(world.challenge)
    draft.refresh_from_db()
    assert not world.people["lead_member"].has_perm("proposals.change_proposal", draft)
    with pytest.raises(ServiceConflict):
        services.proposal_save(
            actor=world.people["lead_member"], proposal=draft, version=draft.version, title="Myöhässä"
        )


def test_change_proposal_is_enforced(client, world):
    draft = make_proposal(world, partner=world.partner_org)
    with pytest.raises(ServicePermissionDenied):
        services.proposal_save(
            actor=world.people["partner_admin"], proposal=draft, version=draft.version, title="Kumppanin otsikko"
        )
    draft.refresh_from_db()
    assert draft.title == "Lämpöpumppu"
    client.force_login(world.people["partner_member"])
    response = client.get(reverse("proposals:edit", args=[draft.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("proposals:detail", args=[draft.pk])
    client.force_login(world.people["lead_member"])
    assert client.get(reverse("proposals:edit", args=[draft.pk])).status_code == 200


# ---- proposals.view_proposal and proposals.view_confidential (the proposal) ------------------------------

VIEWERS_OF_SUBMITTED = {
    "lead_member": True,
    "partner_member": True,
    "espoo_member": True,
    "vantaa_member": True,
    "evaluator": True,
    "platform_admin": True,
    "evaluator_like": False,
    "other_company": False,
    "helsinki_owner": False,
    "outsider": False,
    "anonymous": False,
}


@pytest.mark.parametrize("perm", ["proposals.view_proposal", "proposals.view_confidential"])
@pytest.mark.parametrize(("who", "allowed"), VIEWERS_OF_SUBMITTED.items())
def test_view_submitted_proposal(world, submitted, perm, who, allowed):
    assert _allowed(world, perm, submitted, who) is allowed


@pytest.mark.parametrize("perm", ["proposals.view_proposal", "proposals.view_confidential"])
def test_a_draft_is_the_consortiums_only(world, invited, perm):
    draft, _partner = invited
    assert world.people["lead_member"].has_perm(perm, draft)
    # The owners (and the invited, not yet confirmed partner) do not read a draft.
    for who in ("espoo_owner", "espoo_member", "invited_admin", "other_company"):
        assert not world.people[who].has_perm(perm, draft), who


@pytest.mark.parametrize("perm", ["proposals.view_proposal", "proposals.view_confidential"])
def test_a_recused_evaluator_no_longer_reads_the_proposal(world, submitted, perm):

    evaluator = world.people["evaluator"]
    assert evaluator.has_perm(perm, submitted)
    assignment = submitted.evaluators.get(evaluator=evaluator)
    evaluation_services.declaration_make(
        actor=evaluator, assignment=assignment, has_conflict=True, description="Entinen työnantaja"
    )
    submitted = type(submitted).objects.get(pk=submitted.pk)
    assert not evaluator.has_perm(perm, submitted)


def test_view_proposal_is_enforced(client, world, submitted):
    attachment = submitted.attachments.get()
    with pytest.raises(ServicePermissionDenied):
        services.attachment_download_record(actor=world.people["other_company"], attachment=attachment)
    client.force_login(world.people["other_company"])
    assert client.get(reverse("proposals:detail", args=[submitted.pk])).status_code == 404
    client.force_login(world.people["evaluator"])
    assert client.get(reverse("proposals:detail", args=[submitted.pk])).status_code == 200


def test_view_confidential_is_enforced(client, world, submitted):
    """The confidential answer and attachment reach those with the permission only."""
    url = reverse("proposals:attachment", args=[submitted.pk, submitted.attachments.get().pk])
    client.force_login(world.people["evaluator_like"])
    assert client.get(url).status_code == 404
    client.force_login(world.people["espoo_member"])
    response = client.get(reverse("proposals:detail", args=[submitted.pk]))
    assert response.status_code == 200 and "salainen" in response.content.decode()
    assert client.get(url).status_code == 200


# ---- proposals.respond_partner (the proposal) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("invited_admin", True),
        ("invited_member", False),  # a plain member cannot commit the organisation
        ("lead_member", False),
        ("company_admin", False),
        ("partner_admin", False),
        ("other_company", False),
        ("espoo_owner", False),
        ("anonymous", False),
    ],
)
def test_respond_partner(world, invited, who, allowed):
    draft, _partner = invited
    assert _allowed(world, "proposals.respond_partner", draft, who) is allowed


def test_respond_partner_rule_refuses_a_platform_admin(world, invited):
    draft, _partner = invited
    assert not rules.has_perm("proposals.respond_partner", world.people["platform_admin"], draft)


def test_respond_partner_is_enforced(client, world, invited):
    draft, partner = invited
    with pytest.raises(ServicePermissionDenied):
        services.partner_respond(actor=world.people["invited_member"], partner=partner, confirm=True)
    partner.refresh_from_db()
    assert partner.status == "invited"
    url = reverse("proposals:partner", args=[draft.pk, partner.pk])
    client.force_login(world.people["lead_member"])
    assert client.get(url).status_code == 404
    client.force_login(world.people["invited_admin"])
    assert client.get(url).status_code == 200
    services.partner_respond(actor=world.people["invited_admin"], partner=partner, confirm=True)
    partner.refresh_from_db()
    assert partner.status == "confirmed"
