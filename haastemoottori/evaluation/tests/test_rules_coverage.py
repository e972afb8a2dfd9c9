"""The evaluator's own page: ``evaluation.view_assignment`` per role, with assignments made by the owners' service.

The assignments come from ``evaluation.services.evaluator_assign`` (not the model), and are read back through the
proposal's ``evaluators``, so these tests do not depend on where the assignment model lives.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from haastemoottori.core.errors import ServicePermissionDenied
from haastemoottori.evaluation import services
from haastemoottori.proposals import services as proposal_services
from haastemoottori.proposals.tests.conftest import make_proposal, world  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

PERM = "evaluation.view_assignment"


def _assign(w, who, proposal):
    """Assign ``who`` to ``proposal`` as the lead owner does; the assignment re-read with its relations."""
    result = services.evaluator_assign(
        actor=w.people["espoo_owner"], challenge=w.challenge, email=w.people[who].email, proposal=proposal
    )
    return _fresh(proposal, w.people[who], result.created[0].pk)


def _fresh(proposal, evaluator, pk=None):
    found = proposal.evaluators.select_related("proposal__call__challenge", "evaluator").filter(evaluator=evaluator)
    return found.get(pk=pk) if pk is not None else found.get()


@pytest.fixture
def assigned(world):  # noqa: F811
    world.proposal = make_proposal(world, submit=True)
    world.assignment = _assign(world, "evaluator", world.proposal)
    return world


def test_the_assigned_evaluator_may_view_their_assignment(assigned):
    assert assigned.people["evaluator"].has_perm(PERM, assigned.assignment)
    # Declaring no conflict keeps the page open to them.
    services.declaration_make(actor=assigned.people["evaluator"], assignment=assigned.assignment, has_conflict=False)
    assert assigned.people["evaluator"].has_perm(PERM, _fresh(assigned.proposal, assigned.people["evaluator"]))


@pytest.mark.parametrize(
    "who",
    ["evaluator_like", "espoo_owner", "espoo_member", "espoo_evaluator", "lead_member", "company_admin", "outsider"],
)
def test_nobody_but_the_evaluator_may_view_an_assignment(assigned, who):
    # The owners' editors assigned the evaluator, and an evaluator of the owner city is not this evaluator.
    assert not assigned.people[who].has_perm(PERM, assigned.assignment)
    assert not AnonymousUser().has_perm(PERM, assigned.assignment)


def test_the_rule_refuses_a_platform_admin(assigned):
    # Django gives a superuser every permission through ``user.has_perm``; the rule itself does not.
    assert not rules.has_perm(PERM, assigned.people["platform_admin"], assigned.assignment)


def test_a_recused_evaluator_may_no_longer_view_the_assignment(assigned):
    evaluator = assigned.people["evaluator"]
    services.declaration_make(
        actor=evaluator, assignment=assigned.assignment, has_conflict=True, description="Entinen työnantaja"
    )
    assert not evaluator.has_perm(PERM, _fresh(assigned.proposal, evaluator))


def test_a_withdrawn_proposal_closes_the_assignment(assigned):
    proposal_services.proposal_withdraw(actor=assigned.people["lead_member"], proposal=assigned.proposal)
    assert not assigned.people["evaluator"].has_perm(PERM, _fresh(assigned.proposal, assigned.people["evaluator"]))


def test_the_page_and_the_declaration_follow_the_permission(client, assigned):
    url = reverse("evaluation:assignment", args=[assigned.assignment.pk])
    client.force_login(assigned.people["evaluator"])
    assert client.get(url).status_code == 200
    # Someone else's assignment is not found (the page reads only the person's own assignments).
    client.force_login(assigned.people["evaluator_like"])
    assert client.get(url).status_code == 404
    with pytest.raises(ServicePermissionDenied):
        services.declaration_make(
            actor=assigned.people["evaluator_like"], assignment=assigned.assignment, has_conflict=False
        )
    # A recused evaluator gets 403 on their own page.
    evaluator = assigned.people["evaluator"]
    services.declaration_make(
        actor=evaluator, assignment=assigned.assignment, has_conflict=True, description="Entinen työnantaja"
    )
    client.force_login(evaluator)
    assert client.get(url).status_code == 403


def test_a_platform_admin_cannot_declare_or_score_in_an_evaluators_name(assigned):
    """The services check the personal permissions with ``rules.has_perm``: a superuser passes
    ``user.has_perm`` for everything, but nobody declares interests or scores for someone else."""
    admin = assigned.people["platform_admin"]
    with pytest.raises(ServicePermissionDenied):
        services.declaration_make(actor=admin, assignment=assigned.assignment, has_conflict=False)
    with pytest.raises(ServicePermissionDenied):
        services.evaluation_save(actor=admin, assignment=assigned.assignment, values={}, submit=False)
    assert not hasattr(_fresh(assigned.proposal, assigned.people["evaluator"]), "declaration")
