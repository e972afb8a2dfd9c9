"""Assigning evaluators (refusals, notification) and removing an assignment; the ways to the evaluation pages."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.evaluation import services
from haastemoottori.evaluation.models import Evaluation, EvaluatorAssignment
from haastemoottori.notifications.models import Notification

from .conftest import clear, fresh, score

pytestmark = pytest.mark.django_db


def _assign(ev, who, proposal=None):
    return services.evaluator_assign(
        actor=ev.people["espoo_owner"], challenge=ev.challenge, email=ev.people[who].email, proposal=proposal
    )


def _mine_url(language="fi"):
    with translation.override(language):
        return reverse("evaluation:mine")


def test_assigning_notifies_once_per_batch_with_a_link_to_my_evaluations(ev):
    person = ev.people["evaluator_like"]
    result = _assign(ev, "evaluator_like")
    assert {a.proposal_id for a in result.created} == {ev.p1.pk, ev.p2.pk}
    notes = list(Notification.objects.filter(user=person))
    assert [n.kind for n in notes] == ["evaluation.assigned"]
    assert notes[0].url == _mine_url(notes[0].language)
    assert "Lämpöpumppu" in notes[0].body and "Aurinkokenno" in notes[0].body
    assert AuditEvent.objects.filter(action="evaluator_assigned").count() == 2


@pytest.mark.parametrize("who,organisation", [("lead_member", "lead"), ("partner_member", "partner_org")])
def test_a_member_of_the_lead_or_a_partner_is_refused(ev, who, organisation):
    with pytest.raises(ServiceValidationError) as exc:
        _assign(ev, who, ev.p1)
    org = getattr(ev, organisation)
    assert exc.value.code == "member_of_applicant" and exc.value.field == "email"
    assert exc.value.message == _(
        "%(email)s cannot evaluate “%(title)s”: they are a member of %(organisation)s, "
        "which made the proposal or is a partner in it."
    ) % {"email": ev.people[who].email, "title": ev.p1.title, "organisation": org}
    assert not EvaluatorAssignment.objects.filter(evaluator=ev.people[who]).exists()
    assert not Notification.objects.filter(user=ev.people[who], kind="evaluation.assigned").exists()
    # to every proposal: assigned to the other one only
    result = _assign(ev, who)
    assert [a.proposal_id for a in result.created] == [ev.p2.pk]
    assert [(p.pk, o.pk) for p, o in result.conflicts] == [(ev.p1.pk, org.pk)]


def test_already_assigned_is_said_not_zero_added(ev, client):
    with pytest.raises(ServiceValidationError) as exc:
        _assign(ev, "evaluator", ev.p1)
    assert exc.value.code == "already_assigned"
    assert exc.value.message == _("%(email)s is already assigned to “%(title)s”.") % {
        "email": ev.people["evaluator"].email,
        "title": ev.p1.title,
    }
    with pytest.raises(ServiceValidationError) as exc:
        _assign(ev, "evaluator")
    assert exc.value.message == _("%(email)s is already assigned to every submitted proposal.") % {
        "email": ev.people["evaluator"].email
    }
    client.force_login(ev.people["espoo_owner"])
    response = client.post(
        reverse("evaluation_admin:assign", args=[ev.challenge.slug]),
        {"email": ev.people["evaluator"].email, "proposal": str(ev.p1.pk)},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert (
        _("%(email)s is already assigned to “%(title)s”.")
        % {"email": ev.people["evaluator"].email, "title": ev.p1.title}
        in body
    )
    assert (_("Assignments added: %(n)d.") % {"n": 0}) not in body


def test_view_reports_skipped_proposals(ev, client):
    client.force_login(ev.people["espoo_owner"])
    response = client.post(
        reverse("evaluation_admin:assign", args=[ev.challenge.slug]),
        {"email": ev.people["lead_member"].email, "proposal": ""},
        follow=True,
    )
    body = response.content.decode()
    assert (_("Assignments added: %(n)d.") % {"n": 1}) in body
    assert ev.lead.name["fi"] in body and ev.p1.title in body


def test_removing_a_pending_or_draft_assignment_unblocks_the_decision(ev, django_capture_on_commit_callbacks):
    owner = ev.people["espoo_owner"]
    clear(ev, "evaluator", "p1")
    score(ev, "evaluator", "p1")
    clear(ev, "evaluator2", "p1")
    score(ev, "evaluator2", "p1", submit=False)  # a draft
    with pytest.raises(ServiceConflict):
        services.decision_make(actor=owner, proposal=ev.p1, outcome="selected", justification="Paras")
    services.evaluator_unassign(actor=owner, assignment=fresh(ev.a["evaluator2", "p1"]))
    assert not EvaluatorAssignment.objects.filter(pk=ev.a["evaluator2", "p1"].pk).exists()
    assert not Evaluation.objects.filter(assignment_id=ev.a["evaluator2", "p1"].pk).exists()
    event = AuditEvent.objects.get(action="evaluator_unassigned")
    assert event.data == {"evaluator": ev.people["evaluator2"].email, "draft_discarded": True}
    note = Notification.objects.get(user=ev.people["evaluator2"], kind="evaluation.unassigned")
    assert ev.p1.title in note.subject and note.url == _mine_url(note.language)
    assert services.decision_make(actor=owner, proposal=ev.p1, outcome="selected", justification="Paras")


def test_a_submitted_or_recused_assignment_stays(ev):
    owner = ev.people["espoo_owner"]
    clear(ev, "evaluator", "p1")
    score(ev, "evaluator", "p1")
    with pytest.raises(ServiceConflict) as exc:
        services.evaluator_unassign(actor=owner, assignment=fresh(ev.a["evaluator", "p1"]))
    assert exc.value.code == "evaluation_submitted"
    assert exc.value.message == _("%(email)s has submitted an evaluation of this proposal, so they stay assigned.") % {
        "email": ev.people["evaluator"].email
    }
    with pytest.raises(ServiceConflict) as exc:
        services.evaluator_unassign(actor=owner, assignment=fresh(ev.a["recused", "p1"]))
    assert exc.value.code == "recused"
    assert (
        EvaluatorAssignment.objects.filter(pk__in=[ev.a["evaluator", "p1"].pk, ev.a["recused", "p1"].pk]).count() == 2
    )
    assert not AuditEvent.objects.filter(action="evaluator_unassigned").exists()
    for who in ("espoo_member", "vantaa_owner", "evaluator2"):
        with pytest.raises(ServicePermissionDenied):
            services.evaluator_unassign(actor=ev.people[who], assignment=fresh(ev.a["evaluator2", "p1"]))


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("evaluator2", 403),
        ("espoo_member", 403),
        ("vantaa_owner", 403),
        ("espoo_owner", 302),
        ("platform_admin", 302),
    ],
)
def test_remove_view_per_role(client, ev, role, expected):
    if role != "anonymous":
        client.force_login(ev.people[role])
    pk = ev.a["evaluator2", "p1"].pk
    url = reverse("evaluation_admin:assignment-remove", args=[ev.challenge.slug, pk])
    response = client.post(url)
    assert response.status_code == expected
    removed = role in ("espoo_owner", "platform_admin")
    assert EvaluatorAssignment.objects.filter(pk=pk).exists() != removed
    if removed:
        assert response["Location"] == reverse("evaluation_admin:overview", args=[ev.challenge.slug])


def test_remove_buttons_on_the_owners_pages_and_refusal_message(client, ev):
    clear(ev, "evaluator", "p1")
    score(ev, "evaluator", "p1")
    client.force_login(ev.people["espoo_owner"])
    slug = ev.challenge.slug
    overview = client.get(reverse("evaluation_admin:overview", args=[slug])).content.decode()
    remove = reverse("evaluation_admin:assignment-remove", args=[slug, ev.a["evaluator2", "p1"].pk])
    assert remove in overview
    assert reverse("evaluation_admin:assignment-remove", args=[slug, ev.a["evaluator", "p1"].pk]) not in overview
    assert reverse("evaluation_admin:assignment-remove", args=[slug, ev.a["recused", "p1"].pk]) not in overview
    page = client.get(reverse("evaluation_admin:proposal", args=[slug, ev.p1.pk])).content.decode()
    assert remove in page
    back = client.post(remove, {"back": "proposal"})
    assert back["Location"] == reverse("evaluation_admin:proposal", args=[slug, ev.p1.pk])
    refused = client.post(
        reverse("evaluation_admin:assignment-remove", args=[slug, ev.a["evaluator", "p1"].pk]), follow=True
    )
    assert (
        _("%(email)s has submitted an evaluation of this proposal, so they stay assigned.")
        % {"email": ev.people["evaluator"].email}
    ) in refused.content.decode()
    client.force_login(ev.people["espoo_member"])  # sees the overview, removes nothing
    assert "assignments/" not in client.get(reverse("evaluation_admin:overview", args=[slug])).content.decode()


def test_my_evaluations_link_in_the_header(client, ev):
    mine = reverse("evaluation:mine")
    link = f'href="{mine}"'
    assert link not in client.get("/fi/").content.decode()  # anonymous
    for role, shown in (("evaluator", True), ("espoo_evaluator", True), ("outsider", False), ("espoo_owner", False)):
        client.force_login(ev.people[role])
        assert (link in client.get("/fi/").content.decode()) == shown, role
    client.force_login(ev.people["evaluator"])
    assert 'aria-current="page">' + _("My evaluations") in client.get(mine).content.decode()


def test_manage_page_links_to_the_evaluation_pages(client, ev, make_challenge, region):
    from conftest import publishable
    from haastemoottori.challenges import services as challenge_services

    client.force_login(ev.people["espoo_owner"])
    page = client.get(reverse("challenges:manage", args=[ev.challenge.slug])).content.decode()
    for name in ("overview", "results", "record"):
        assert reverse(f"evaluation_admin:{name}", args=[ev.challenge.slug]) in page
    without_call = challenge_services.challenge_transition(
        actor=ev.people["espoo_owner"],
        challenge=publishable(make_challenge(title={"fi": "Ilman hakua"}), region),
        target="co_definition",
    )
    assert without_call.is_public
    page = client.get(reverse("challenges:manage", args=[without_call.slug])).content.decode()
    assert reverse("evaluation_admin:overview", args=[without_call.slug]) not in page
