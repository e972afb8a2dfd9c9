"""Page details found in use: a refused declaration, override errors, rating labels per language, the criterion
form's order, pass/fail shown as words, the decision record's recusals and overrides, the sub-navigation, and
the decision shown to the applicant once it has been sent."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from haastemoottori.core.errors import ServiceValidationError
from haastemoottori.core.i18n import language_name
from haastemoottori.evaluation import services
from haastemoottori.evaluation.forms import CriterionForm
from haastemoottori.evaluation.models import Decision, Declaration, EvaluationCriterion, Score
from haastemoottori.evaluation.rules import declaration_of
from haastemoottori.evaluation.selectors import assignment_state

from .conftest import clear, fresh, score

pytestmark = pytest.mark.django_db


def test_refused_conflict_declaration_leaves_nothing_behind(ev):
    assignment = fresh(ev.a["evaluator", "p1"])
    with pytest.raises(ServiceValidationError) as exc:
        services.declaration_make(
            actor=ev.people["evaluator"], assignment=assignment, has_conflict=True, description=""
        )
    assert exc.value.message == _("Describe the conflict of interest.")
    assert declaration_of(assignment) is None and assignment_state(assignment) == "pending"
    with pytest.raises(ServiceValidationError):
        services.declaration_make(
            actor=ev.people["evaluator"], assignment=assignment, has_conflict=False, business_ids=["123"]
        )
    assert declaration_of(assignment) is None


def test_conflict_without_description_shows_the_declaration_form_with_the_error(client, ev):
    a = ev.a["evaluator", "p1"]
    client.force_login(ev.people["evaluator"])
    response = client.post(reverse("evaluation:declare", args=[a.pk]), {"has_conflict": "yes", "description": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert _("Describe the conflict of interest.") in body
    assert 'name="has_conflict"' in body and _("Interests not declared") in body
    assert _("No conflict declared, not scored yet") not in body and 'name="action"' not in body
    assert not Declaration.objects.filter(assignment=a).exists()


def test_override_error_opens_the_form_and_is_summarised_at_the_top(client, ev):
    clear(ev, "evaluator", "p1")
    score(ev, "evaluator", "p1")
    s = Score.objects.get(evaluation__assignment=ev.a["evaluator", "p1"], criterion=ev.c_num)
    client.force_login(ev.people["espoo_owner"])
    slug = ev.challenge.slug
    page = client.get(reverse("evaluation_admin:proposal", args=[slug, ev.p1.pk])).content.decode()
    assert "<details open>" not in page
    for data, message in (
        ({"value": "2", "justification": ""}, _("This field is required.")),
        (
            {"value": "99", "justification": "Syy"},
            _("The score must be between %(low)s and %(high)s.") % {"low": "0", "high": "10"},
        ),
    ):
        response = client.post(
            reverse("evaluation_admin:override", args=[slug, s.pk]),
            {f"override-{s.pk}-{k}": v for k, v in data.items()},
        )
        body = response.content.decode()
        assert response.status_code == 400
        assert "<details open>" in body
        summary = body.index(_("Please correct the following"))
        assert summary < body.index('id="evaluators-title"') and body.count('id="error-summary"') == 1
        assert message in body[summary : body.index("</section>", summary)]
    assert not s.overrides.exists()


def test_rating_labels_must_have_the_same_count_in_every_language(client, ev):
    owner = ev.people["espoo_owner"]
    labels = [{"fi": "Heikko", "sv": "Svag"}, {"fi": "Hyvä", "sv": "Bra"}, {"fi": "Erinomainen"}]
    with pytest.raises(ServiceValidationError) as exc:
        services.criterion_add(
            actor=owner,
            challenge=ev.challenge,
            name={"fi": "Laatu"},
            weight=1,
            scale=EvaluationCriterion.Scale.RATING,
            labels=labels,
        )
    assert exc.value.field == "labels"
    assert exc.value.message == _(
        "Give the same number of rating labels in every language you use (now: %(counts)s)."
    ) % {"counts": f"{language_name('fi')} 3, {language_name('sv')} 2"}
    client.force_login(owner)
    count = ev.c_num.form.criteria.count()
    response = client.post(
        reverse("evaluation_admin:form", args=[ev.challenge.slug]),
        {
            "criterion-weight": "10",
            "criterion-scale": "rating",
            "criterion-name__fi": "Laatu",
            "criterion-labels__fi": "Heikko\nHyvä\nErinomainen",
            "criterion-labels__sv": "Svag\nBra",
        },
    )
    assert response.status_code == 400 and exc.value.message in response.content.decode()
    assert ev.c_num.form.criteria.count() == count
    ok = services.criterion_add(
        actor=owner,
        challenge=ev.challenge,
        name={"fi": "Laatu"},
        weight=1,
        scale=EvaluationCriterion.Scale.RATING,
        labels=labels[:2],
    )
    assert len(ok.labels) == 2


def test_criterion_form_asks_the_name_first(client, ev):
    assert next(iter(CriterionForm().fields)) == "name__fi"
    client.force_login(ev.people["espoo_owner"])
    body = client.get(reverse("evaluation_admin:form", args=[ev.challenge.slug])).content.decode()
    assert body.index('name="criterion-name__fi"') < body.index('name="criterion-weight"')


def test_sub_navigation_marks_the_current_page(client, ev):
    client.force_login(ev.people["espoo_owner"])
    slug = ev.challenge.slug
    for name, label in (
        ("overview", _("Assignments and conflicts")),
        ("form", _("Evaluation form")),
        ("results", _("Results and ranking")),
        ("record", _("Decision record")),
    ):
        body = client.get(reverse(f"evaluation_admin:{name}", args=[slug])).content.decode()
        current = re.findall(r'<a href="([^"]+)" aria-current="page">', body)
        assert current == [reverse(f"evaluation_admin:{name}", args=[slug])], name
        assert f'aria-current="page">{label}</a>' in body


def test_pass_fail_scores_are_words_on_the_owners_page(client, ev):
    clear(ev, "evaluator", "p1")
    score(ev, "evaluator", "p1", passed="0", rating="3")
    client.force_login(ev.people["espoo_owner"])
    body = client.get(reverse("evaluation_admin:proposal", args=[ev.challenge.slug, ev.p1.pk])).content.decode()
    assert f"<strong>{ev.c_pass.t.name}</strong>: {_('Fail')}" in body
    assert f"<strong>{ev.c_rating.t.name}</strong>: Erinomainen" in body
    assert f"<strong>{ev.c_num.t.name}</strong>: 8" in body


def test_record_lists_recusal_reasons_and_overrides(client, ev):
    for who in ("evaluator", "evaluator2"):
        clear(ev, who, "p1")
        score(ev, who, "p1", num="8")
    owner = ev.people["espoo_owner"]
    s = Score.objects.get(evaluation__assignment=ev.a["evaluator", "p1"], criterion=ev.c_num)
    services.score_override(actor=owner, score=s, value="4", justification="LASKUVIRHE")
    services.score_override(actor=owner, score=s, value="5", justification="TOINEN-KORJAUS")
    client.force_login(owner)
    body = client.get(reverse("evaluation_admin:record", args=[ev.challenge.slug])).content.decode()
    evaluators = body[body.index('id="evaluators-title"') : body.index('id="ranking-title"')]
    assert str(Declaration.Reason.DECLARED.label) in evaluators and "Entinen työnantaja" in evaluators
    overrides = body[body.index('id="overrides-title"') : body.index('id="decisions-title"')]
    rows = re.findall(r"<tr><th scope=\"row\".*?</tr>", overrides, re.S)
    assert len(rows) == 2
    first, second = rows
    assert "<td>8</td><td>4</td>" in first and "LASKUVIRHE" in first and owner.email in first
    assert "<td>4</td><td>5</td>" in second and "TOINEN-KORJAUS" in second
    assert ev.people["evaluator"].email in first
    # The print styles come from a static file (no inline style under the Content-Security-Policy); a decision's
    # heading prints smaller than "Decisions" (14pt).
    assert "evaluation/record.css" in body
    css = (Path(__file__).resolve().parents[1] / "static" / "evaluation" / "record.css").read_text()
    assert "h3 { font-size: 12pt" in css


def test_applicant_sees_the_decision_once_it_was_sent(client, ev, django_capture_on_commit_callbacks):
    owner = ev.people["espoo_owner"]
    for who in ("evaluator", "evaluator2"):
        clear(ev, who, "p1")
        score(ev, who, "p1")
    services.decision_make(
        actor=owner,
        proposal=ev.p1,
        outcome="selected",
        justification="SALAINEN-PERUSTELU",
        feedback="PALAUTE-HAKIJALLE",
    )
    client.force_login(ev.people["lead_member"])
    detail_url = reverse("proposals:detail", args=[ev.p1.pk])
    outcome = str(Decision.Outcome.SELECTED.label)
    for url in (detail_url, reverse("proposals:mine")):
        assert outcome not in client.get(url).content.decode(), url
    with django_capture_on_commit_callbacks(execute=True):
        services.decisions_send_feedback(actor=owner, challenge=ev.challenge)
    detail = client.get(detail_url).content.decode()
    assert outcome in detail and "PALAUTE-HAKIJALLE" in detail and "SALAINEN-PERUSTELU" not in detail
    mine = client.get(reverse("proposals:mine")).content.decode()
    assert f"{_('Decision')}: <strong>{outcome}</strong>" in mine
    client.force_login(ev.people["evaluator"])  # an evaluator sees the outcome, not the feedback
    detail = client.get(detail_url).content.decode()
    assert outcome in detail and "PALAUTE-HAKIJALLE" not in detail
