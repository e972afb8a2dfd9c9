"""A recused evaluator reads none of the proposal, whatever other role they hold (issue 19).

The person here is an evaluator of a co-owner city (Vantaa): as a member of an owner organisation they read the
call's proposals, lists, exports and results; once they declare a conflict on one proposal, every one of those
pages leaves it out (lists, exports, results, record) or refuses it (the proposal, its attachment, the
evaluation view of it, a decision or an override on it), while the other proposal stays readable.
"""

import pytest
import rules
from django.urls import reverse

from haastemoottori.evaluation import services
from haastemoottori.evaluation.models import EvaluatorAssignment
from haastemoottori.organisations.models import Membership
from haastemoottori.proposals.rules import excluded_proposal_ids

from .conftest import clear, fresh, score

pytestmark = pytest.mark.django_db
SECRET = "salainen-vantaa-7731"


@pytest.fixture
def co(ev):
    """Vantaa made a co-owner; its evaluator is assigned to both proposals; p1 carries a marked secret answer."""
    from haastemoottori.challenges.models import ChallengeOwnership

    ChallengeOwnership.objects.filter(challenge=ev.challenge, organisation=ev.region.vantaa).update(role="co_owner")
    person = ev.make_user("evaluator@vantaa.test", ev.region.vantaa, Membership.Role.EVALUATOR)
    ev.people["vantaa_evaluator"] = person
    for key, proposal in (("p1", ev.p1), ("p2", ev.p2)):
        ev.a["vantaa_evaluator", key] = EvaluatorAssignment.objects.create(
            proposal=proposal, evaluator=person, assigned_by=ev.people["espoo_owner"]
        )
    ev.p1.answers.filter(question=ev.q["secret"]).update(text=SECRET)
    clear(ev, "evaluator", "p1")
    score(ev, "evaluator", "p1")
    return ev


def _declare(w):
    services.declaration_make(
        actor=w.people["vantaa_evaluator"],
        assignment=fresh(w.a["vantaa_evaluator", "p1"]),
        has_conflict=True,
        description="Entinen työnantaja",
    )


def _pages(w):
    slug = w.challenge.slug
    attachment = w.p1.attachments.get()
    return {
        "detail": reverse("proposals:detail", args=[w.p1.pk]),
        "attachment": reverse("proposals:attachment", args=[w.p1.pk, attachment.pk]),
        "evaluation": reverse("evaluation_admin:proposal", args=[slug, w.p1.pk]),
    }, {
        "list": reverse("calls:proposals", args=[slug]),
        "csv": reverse("calls:export", args=[slug]),
        "results": reverse("evaluation_admin:results", args=[slug]),
        "results_csv": reverse("evaluation_admin:export", args=[slug]),
        "record": reverse("evaluation_admin:record", args=[slug]),
        "overview": reverse("evaluation_admin:overview", args=[slug]),
        "mine": reverse("proposals:mine"),
    }


def _body(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode()


def test_before_the_declaration_the_co_owner_evaluator_reads_everything(client, co):
    """The other half of the test below: the same pages show the proposal while no conflict is declared."""
    client.force_login(co.people["vantaa_evaluator"])
    single, lists = _pages(co)
    for name, url in single.items():
        assert client.get(url).status_code == 200, name
    assert SECRET in _body(client.get(single["detail"]))
    for name, url in lists.items():
        body = _body(client.get(url))
        assert str(co.p1.title) in body, name
    assert SECRET in _body(client.get(lists["csv"]))


@pytest.mark.parametrize("page", ["detail", "attachment", "evaluation"])
def test_a_recused_co_owner_evaluator_is_refused_the_proposal(client, co, page):
    _declare(co)
    client.force_login(co.people["vantaa_evaluator"])
    single, _lists = _pages(co)
    assert client.get(single[page]).status_code == 404


@pytest.mark.parametrize("page", ["list", "csv", "results", "results_csv", "record", "overview", "mine"])
def test_lists_exports_and_results_leave_the_recused_proposal_out(client, co, page):
    _declare(co)
    client.force_login(co.people["vantaa_evaluator"])
    _single, lists = _pages(co)
    response = client.get(lists[page])
    assert response.status_code == 200
    body = _body(response)
    assert str(co.p1.title) not in body and str(co.p1.pk) not in body and SECRET not in body
    if page != "mine":  # the other proposal stays on the owners' pages
        assert str(co.p2.title) in body


def test_a_recused_owner_editor_cannot_decide_or_override_on_the_proposal(client, co):
    """Espoo's challenge owner, assigned and recused, can neither decide nor override a score on it."""
    owner = co.people["espoo_owner"]
    assignment = EvaluatorAssignment.objects.create(proposal=co.p1, evaluator=owner, assigned_by=owner)
    services.declaration_make(actor=owner, assignment=fresh(assignment), has_conflict=True, description="Sukulainen")
    client.force_login(owner)
    slug = co.challenge.slug
    decide = client.post(
        reverse("evaluation_admin:decide", args=[slug, co.p1.pk]), {"outcome": "selected", "justification": "x"}
    )
    assert decide.status_code == 404
    s = co.a["evaluator", "p1"].evaluation.scores.get(criterion=co.c_num)
    override = client.post(
        reverse("evaluation_admin:override", args=[slug, s.pk]), {"value": "2", "justification": "Liian korkea"}
    )
    assert override.status_code == 404
    s.refresh_from_db()
    assert not s.overrides.exists()


def test_the_applicants_own_access_stays(client, co):
    """An applicant (lead member) who is also assigned and recused still reads their own proposal."""
    lead = co.people["lead_member"]
    assignment = EvaluatorAssignment.objects.create(proposal=co.p1, evaluator=lead)
    services.declaration_make(actor=lead, assignment=fresh(assignment), has_conflict=True, description="Oma")
    client.force_login(lead)
    assert client.get(reverse("proposals:detail", args=[co.p1.pk])).status_code == 200


def test_view_permissions_exclude_the_recused_person(co):
    person = co.people["vantaa_evaluator"]
    assert rules.has_perm("proposals.view_confidential", person, co.p1)
    assert rules.has_perm("proposals.view_proposal", person, co.p1)
    _declare(co)
    assert excluded_proposal_ids(person) == {co.p1.pk}
    assert not rules.has_perm("proposals.view_proposal", person, co.p1)
    assert not rules.has_perm("proposals.view_confidential", person, co.p1)
    assert rules.has_perm("proposals.view_confidential", person, co.p2)
