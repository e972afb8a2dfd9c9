"""Form, conflicts and recusal, scoring, aggregation, override and decisions through the services."""

from decimal import Decimal

import pytest
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.evaluation import services
from haastemoottori.evaluation.aggregation import DISAGREEMENT_THRESHOLD, ranking
from haastemoottori.evaluation.models import Decision, Declaration, EvaluationCriterion, EvaluatorAssignment, Score
from haastemoottori.evaluation.selectors import form_for_challenge, proposals_with_evaluations
from haastemoottori.notifications.models import Notification

from .conftest import clear, fresh, score

pytestmark = pytest.mark.django_db


def test_prefill_copies_call_criteria_once_and_form_locks_on_first_submission(ev):
    owner = ev.people["espoo_owner"]
    created = services.form_prefill(actor=owner, challenge=ev.challenge)
    assert [c.name for c in created] == [{"fi": "Vaikuttavuus"}] and created[0].weight == 60
    assert services.form_prefill(actor=owner, challenge=ev.challenge) == []
    with pytest.raises(ServicePermissionDenied):
        services.form_prefill(actor=ev.people["espoo_member"], challenge=ev.challenge)
    services.criterion_delete(actor=owner, challenge=ev.challenge, criterion=created[0])
    clear(ev, "evaluator", "p1")
    score(ev, "evaluator", "p1")
    assert form_for_challenge(challenge=ev.challenge).is_locked
    with pytest.raises(ServiceConflict) as exc:
        services.criterion_add(actor=owner, challenge=ev.challenge, name={"fi": "Uusi"}, weight=1)
    assert exc.value.message == _("An evaluation has been submitted, so the form can no longer be changed.")


def test_criterion_validation(ev):
    owner = ev.people["espoo_owner"]
    with pytest.raises(ServiceValidationError) as exc:
        services.criterion_add(
            actor=owner, challenge=ev.challenge, name={"fi": "X"}, weight=1, scale_min=5, scale_max=5
        )
    assert exc.value.field == "scale_max"
    with pytest.raises(ServiceValidationError) as exc:
        services.criterion_add(
            actor=owner,
            challenge=ev.challenge,
            name={"fi": "X"},
            weight=1,
            scale=EvaluationCriterion.Scale.RATING,
            labels=[{"fi": "Yksi"}],
        )
    assert exc.value.field == "labels"
    with pytest.raises(ServiceValidationError) as exc:
        services.criterion_add(actor=owner, challenge=ev.challenge, name={"en": "X"}, weight=1)
    assert exc.value.field == "name"
    with pytest.raises(ServiceValidationError):
        services.criterion_add(
            actor=owner, challenge=ev.challenge, name={"fi": "X"}, weight=1, threshold=11, scale_max=10
        )


def test_declared_conflict_recuses_and_is_audited(ev):
    declaration = Declaration.objects.get(assignment=ev.a["recused", "p1"])
    assert declaration.status == "recused" and declaration.reason == "declared" and declaration.recused_at
    assert AuditEvent.objects.filter(action="evaluator_recused", target_id=str(ev.a["recused", "p1"].pk)).exists()
    with pytest.raises(ServicePermissionDenied):
        score(ev, "recused", "p1")
    with pytest.raises(ServiceValidationError) as exc:
        services.declaration_make(
            actor=ev.people["evaluator"], assignment=fresh(ev.a["evaluator", "p1"]), has_conflict=True, description=" "
        )
    assert exc.value.field == "description"


@pytest.mark.parametrize("how", ["lead_member", "partner_member", "relationship_lead", "relationship_partner"])
def test_conflict_detected_automatically(ev, how):
    from haastemoottori.organisations.models import Membership

    person = ev.people["evaluator"]
    if how == "lead_member":
        Membership.objects.create(user=person, organisation=ev.lead)
        expected = "lead_member"
    elif how == "partner_member":
        Membership.objects.create(user=person, organisation=ev.partner_org)
        expected = "partner_member"
    else:
        expected = "relationship"
        if how == "relationship_lead":
            from haastemoottori.organisations.models import OrganisationIdentifier

            OrganisationIdentifier.objects.create(organisation=ev.lead, scheme="FI-PRO", identifier="0112038-9")
            business_id = "0112038-9"
        else:
            business_id = "1572860-0"
        services.relationship_add(actor=person, business_id=business_id, description="Hallituksen jäsen")
    if expected == "relationship":  # declaring the relationship already recused the assignment
        declaration = Declaration.objects.get(assignment=ev.a["evaluator", "p1"])
    else:
        declaration = services.declaration_make(
            actor=person, assignment=fresh(ev.a["evaluator", "p1"]), has_conflict=False
        )
    assert declaration.status == "recused" and declaration.reason == expected
    other = services.declaration_make(actor=person, assignment=fresh(ev.a["evaluator", "p2"]), has_conflict=False)
    assert other.status == "cleared"


def test_relationship_declared_later_recuses_existing_assignments(ev):
    clear(ev, "evaluator", "p1")
    _rel, recused = services.relationship_add(actor=ev.people["evaluator"], business_id="1572860-0")
    assert [d.assignment_id for d in recused] == [ev.a["evaluator", "p1"].pk]
    assert Declaration.objects.get(assignment=ev.a["evaluator", "p1"]).reason == "relationship"
    with pytest.raises(ServiceValidationError):
        services.relationship_add(actor=ev.people["evaluator"], business_id="1234567-8")


def test_scoring_requires_no_conflict_declaration_then_validates(ev):
    with pytest.raises(ServiceConflict) as exc:
        score(ev, "evaluator", "p1", submit=False)
    assert exc.value.code == "declare_first"
    clear(ev, "evaluator", "p1")
    draft = score(ev, "evaluator", "p1", num="", comment="", submit=False)
    assert draft.status == "draft"
    with pytest.raises(ServiceValidationError) as exc:
        score(ev, "evaluator", "p1", num="", comment="")
    fields = {r.field for r in exc.value.reasons}
    assert fields == {f"score_{ev.c_num.pk}", f"comment_{ev.c_num.pk}"}
    with pytest.raises(ServiceValidationError) as exc:
        score(ev, "evaluator", "p1", num="11", rating="4", submit=False)
    assert {r.code for r in exc.value.reasons} == {"out_of_range"}
    done = score(ev, "evaluator", "p1")
    assert done.status == "submitted" and done.submitted_at
    with pytest.raises(ServiceConflict):
        score(ev, "evaluator", "p1")


def test_scoring_closed_before_deadline(ev):
    from datetime import timedelta

    from django.utils import timezone

    type(ev.challenge).objects.filter(pk=ev.challenge.pk).update(call_deadline=timezone.now() + timedelta(days=1))
    clear(ev, "evaluator", "p1")
    with pytest.raises(ServicePermissionDenied):
        score(ev, "evaluator", "p1")


def _results(ev, viewer):
    form = form_for_challenge(challenge=ev.challenge)
    return {
        r.proposal.pk: r
        for r in ranking(proposals_with_evaluations(challenge=ev.challenge), list(form.criteria.all()), viewer=viewer)
    }


def test_aggregation_weighted_total_spread_and_pass(ev):
    for who in ("evaluator", "evaluator2"):
        clear(ev, who, "p1")
        clear(ev, who, "p2")
    score(ev, "evaluator", "p1", num="10", rating="3")
    score(ev, "evaluator2", "p1", num="6", rating="2")
    score(ev, "evaluator", "p2", num="10", rating="1", passed="0")
    score(ev, "evaluator2", "p2", num="10", rating="1", passed="1")
    results = _results(ev, ev.people["espoo_owner"])
    r1, r2 = results[ev.p1.pk], results[ev.p2.pk]
    # p1: numeric mean 0.8 (w 60), rating (1.0 + 0.5)/2 = 0.75 (w 40): 48 + 30 = 78.
    assert r1.total == 78.0 and r1.passed and r1.rank == 1
    num = next(c for c in r1.criteria if c.criterion.pk == ev.c_num.pk)
    assert num.spread == pytest.approx(0.4) and num.disagreement and DISAGREEMENT_THRESHOLD < 0.4
    rating = next(c for c in r1.criteria if c.criterion.pk == ev.c_rating.pk)
    assert rating.spread == pytest.approx(0.5) and rating.mean == 2.5
    # p2: rating mean 1 < threshold 2 → did not pass, ranked after p1 even with total 60.
    assert r2.total == 60.0 and r2.passed is False and r2.rank == 2
    assert not next(c for c in r2.criteria if c.criterion.pk == ev.c_num.pk).disagreement


def test_independence_in_aggregation(ev):
    clear(ev, "evaluator", "p1")
    clear(ev, "evaluator2", "p1")
    score(ev, "evaluator", "p1")
    assert _results(ev, ev.people["evaluator2"])[ev.p1.pk].withheld
    assert _results(ev, ev.people["evaluator2"])[ev.p1.pk].criteria == []
    assert _results(ev, ev.people["recused"])[ev.p1.pk].withheld
    assert not _results(ev, ev.people["evaluator"])[ev.p1.pk].withheld


def test_override_requires_justification_keeps_original_and_audits(ev):
    clear(ev, "evaluator", "p1")
    score(ev, "evaluator", "p1", num="8")
    original = Score.objects.get(evaluation__assignment=ev.a["evaluator", "p1"], criterion=ev.c_num)
    with pytest.raises(ServiceValidationError) as exc:
        services.score_override(actor=ev.people["espoo_owner"], score=original, value="4", justification="  ")
    assert exc.value.message == _("Write a justification for the override.")
    with pytest.raises(ServicePermissionDenied):
        services.score_override(actor=ev.people["espoo_member"], score=original, value="4", justification="Syy")
    services.score_override(actor=ev.people["espoo_owner"], score=original, value="4", justification="Virhe")
    original.refresh_from_db()
    assert original.value == Decimal("8.00") and original.overrides.get().value == Decimal("4")
    event = AuditEvent.objects.get(action="score_overridden")
    assert event.changes["value"] == {"old": "8.00", "new": "4"} and event.data["justification"] == "Virhe"
    assert _results(ev, ev.people["espoo_owner"])[ev.p1.pk].criteria[0].mean == 4.0


def test_decision_blocked_until_every_active_evaluation_submitted(ev):
    owner = ev.people["espoo_owner"]
    clear(ev, "evaluator", "p1")
    score(ev, "evaluator", "p1")
    with pytest.raises(ServiceConflict) as exc:
        services.decision_make(actor=owner, proposal=ev.p1, outcome="selected", justification="Paras")
    assert exc.value.code == "evaluations_incomplete"
    assert exc.value.message == _(
        "Every assigned evaluation must be submitted before the decision: %(done)s of %(total)s are complete."
    ) % {"done": 1, "total": 2}
    clear(ev, "evaluator2", "p1")
    score(ev, "evaluator2", "p1")  # the recused evaluator's missing evaluation does not block
    with pytest.raises(ServiceValidationError):
        services.decision_make(actor=owner, proposal=ev.p1, outcome="selected", justification="")
    with pytest.raises(ServicePermissionDenied):
        services.decision_make(
            actor=ev.people["espoo_member"], proposal=ev.p1, outcome="selected", justification="Paras"
        )
    decision = services.decision_make(
        actor=owner, proposal=ev.p1, outcome="selected", justification="Paras", feedback="Hieno ratkaisu"
    )
    assert decision.decided_by == owner and AuditEvent.objects.filter(action="decision_made").exists()
    with pytest.raises(ServiceConflict):
        services.decision_make(actor=owner, proposal=ev.p1, outcome="selected", justification="Paras")


def test_decision_needs_at_least_one_evaluation(ev):
    EvaluatorAssignment.objects.filter(proposal=ev.p2).exclude(evaluator=ev.people["recused"]).delete()
    with pytest.raises(ServiceConflict) as exc:
        services.decision_make(actor=ev.people["espoo_owner"], proposal=ev.p2, outcome="selected", justification="x")
    assert exc.value.code == "no_evaluations"


def test_feedback_goes_to_each_lead_in_their_language_once(ev, django_capture_on_commit_callbacks):
    owner = ev.people["espoo_owner"]
    for p in ("p1", "p2"):
        for who in ("evaluator", "evaluator2"):
            clear(ev, who, p)
            score(ev, who, p)
    ev.people["lead_member"].preferred_language = "en"
    ev.people["lead_member"].save()
    services.decision_make(
        actor=owner, proposal=ev.p1, outcome="selected", justification="SALAINEN PERUSTELU", feedback="Palaute yksi"
    )
    services.decision_make(
        actor=owner, proposal=ev.p2, outcome="not_selected", justification="Toinen", feedback="Palaute kaksi"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.decisions_send_feedback(actor=owner, challenge=ev.challenge) == 2
    mine = Notification.objects.filter(user=ev.people["lead_member"]).get(kind="evaluation.decision")
    assert mine.language == "en" and "Palaute yksi" in mine.body and "Palaute kaksi" not in mine.body
    assert "SALAINEN" not in mine.body and "Aurinkokenno" not in mine.body + mine.subject
    assert mine.subject.startswith("Your proposal")
    theirs = Notification.objects.get(user=ev.people["other_company"], kind="evaluation.decision")
    assert "Palaute kaksi" in theirs.body and "Lämpöpumppu" not in theirs.body + theirs.subject
    assert not Notification.objects.filter(kind="evaluation.decision", user=ev.people["partner_admin"]).exists()
    assert Decision.objects.filter(feedback_sent_at__isnull=True).count() == 0
    assert services.decisions_send_feedback(actor=owner, challenge=ev.challenge) == 0


def test_conflict_arising_after_the_declaration_recuses_at_scoring(ev):
    """The evaluator declared no conflict, then joined the lead company: the next save recuses them."""
    from haastemoottori.evaluation.models import Evaluation
    from haastemoottori.organisations.models import Membership

    clear(ev, "evaluator", "p1")
    Membership.objects.create(user=ev.people["evaluator"], organisation=ev.p1.lead, role=Membership.Role.MEMBER)
    with pytest.raises(ServiceConflict) as exc:
        score(ev, "evaluator", "p1", submit=False)
    assert exc.value.code == "recused"
    declaration = Declaration.objects.get(assignment=ev.a["evaluator", "p1"])
    assert (declaration.status, declaration.reason) == ("recused", "lead_member")
    assert not Evaluation.objects.filter(assignment=ev.a["evaluator", "p1"]).exists()
    assert AuditEvent.objects.filter(action="evaluator_recused", target_id=str(ev.a["evaluator", "p1"].pk)).exists()
