"""A call past its deadline with two submitted proposals, an evaluation form and people in every role."""

from decimal import Decimal

import pytest

from conftest import make_org, make_user
from haastemoottori.evaluation import services
from haastemoottori.evaluation.models import EvaluationCriterion, EvaluatorAssignment
from haastemoottori.organisations.models import Membership
from haastemoottori.proposals import services as proposal_services
from haastemoottori.proposals.tests.conftest import close_call, make_proposal, world  # noqa: F401 - fixture

Role = Membership.Role
Scale = EvaluationCriterion.Scale


def submit_other(w, title="Aurinkokenno"):
    actor = w.people["other_company"]
    p = proposal_services.proposal_start(actor=actor, challenge=w.challenge, lead=w.other, title=title, another=True)
    p = proposal_services.proposal_save(
        actor=actor, proposal=p, version=p.version, answers={w.q["public"].pk: "Toinen tiivistelmä"}
    )
    return proposal_services.proposal_submit(actor=actor, proposal=p)


@pytest.fixture
def ev(world):  # noqa: F811
    w = world
    owner = w.people["espoo_owner"]
    w.p1 = make_proposal(w, title="Lämpöpumppu", submit=True, partner=w.partner_org)
    w.p2 = submit_other(w)
    close_call(w.challenge)
    w.c_num = services.criterion_add(
        actor=owner,
        challenge=w.challenge,
        name={"fi": "Vaikuttavuus", "en": "Impact"},
        weight=60,
        scale=Scale.NUMERIC,
        scale_min=Decimal(0),
        scale_max=Decimal(10),
        comment_required=True,
    )
    w.c_rating = services.criterion_add(
        actor=owner,
        challenge=w.challenge,
        name={"fi": "Toteutettavuus"},
        weight=40,
        scale=Scale.RATING,
        threshold=Decimal(2),
        labels=[{"fi": "Heikko", "en": "Weak"}, {"fi": "Hyvä", "en": "Good"}, {"fi": "Erinomainen", "en": "Excellent"}],
    )
    w.c_pass = services.criterion_add(
        actor=owner, challenge=w.challenge, name={"fi": "Kelpoisuus"}, weight=0, scale=Scale.PASS_FAIL
    )
    w.people["evaluator2"] = make_user("second@example.test")
    w.people["recused"] = make_user("recused@example.test")
    w.people["contributor"] = w.people["espoo_member"]
    for proposal in (w.p1, w.p2):
        for who in ("evaluator", "evaluator2", "recused"):
            EvaluatorAssignment.objects.create(proposal=proposal, evaluator=w.people[who], assigned_by=owner)
    w.a = {
        (who, p): EvaluatorAssignment.objects.get(proposal=proposal, evaluator=w.people[who])
        for who in ("evaluator", "evaluator2", "recused")
        for p, proposal in (("p1", w.p1), ("p2", w.p2))
    }
    for p in ("p1", "p2"):
        services.declaration_make(
            actor=w.people["recused"], assignment=w.a["recused", p], has_conflict=True, description="Entinen työnantaja"
        )
    w.make_org, w.make_user = make_org, make_user
    return w


def fresh(assignment):
    return EvaluatorAssignment.objects.select_related("proposal__call__challenge", "evaluator").get(pk=assignment.pk)


def clear(w, who, p):
    return services.declaration_make(actor=w.people[who], assignment=fresh(w.a[who, p]), has_conflict=False)


def score(w, who, p, num="8", rating="3", passed="1", comment="Hyvä", submit=True):
    c = w
    values = {c.c_num.pk: (num, comment), c.c_rating.pk: (rating, ""), c.c_pass.pk: (passed, "")}
    return services.evaluation_save(actor=w.people[who], assignment=fresh(w.a[who, p]), values=values, submit=submit)
