"""Evaluation in a real browser: an evaluator declares no conflict of interest and scores a proposal; the
owners' results page. Every page: zero axe violations."""

import pytest
from django.conf import settings
from django.test import Client

from haastemoottori.evaluation.models import Declaration, Evaluation
from haastemoottori.evaluation.tests.conftest import ev, world  # noqa: F401 - fixtures

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def sign_in(page, base, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )


def test_evaluator_declares_and_scores_then_owner_sees_results(live_server, page, ev):  # noqa: F811
    base = live_server.url
    assignment = ev.a["evaluator", "p1"]
    sign_in(page, base, ev.people["evaluator"])
    page.goto(f"{base}/en/evaluation/")
    check(page)
    with page.expect_navigation():
        page.click("text=Lämpöpumppu")
    check(page)  # the declaration form
    page.check("text=No conflict of interest")
    with page.expect_navigation():
        page.click("main button:has-text('Declare')")
    assert Declaration.objects.get(assignment=assignment).status == "cleared"
    check(page)  # the scoring form
    page.fill(f"#id_score_{ev.c_num.pk}", "7.5")
    page.fill(f"#id_comment_{ev.c_num.pk}", "Vahva vaikuttavuus")
    page.check("text=Good")
    page.check("text=Pass")
    with page.expect_navigation():
        page.click("main button:has-text('Submit evaluation')")
    assert Evaluation.objects.get(assignment=assignment).status == "submitted"
    assert "Results so far" in page.content()
    check(page)

    page.context.clear_cookies()
    sign_in(page, base, ev.people["espoo_owner"])
    page.goto(f"{base}/en/challenges/{ev.challenge.slug}/evaluation/results/")
    assert "Lämpöpumppu" in page.content()
    check(page)
    page.goto(f"{base}/en/challenges/{ev.challenge.slug}/evaluation/proposals/{ev.p1.pk}/")
    check(page)


def test_refusals_are_shown_where_the_form_is_and_owner_pages_pass_axe(live_server, page, ev):  # noqa: F811
    """A conflict declared without a description; an override without a justification (the form opens, with
    an error summary at the top); the overview with its remove buttons and the decision record."""
    from haastemoottori.evaluation.models import Score
    from haastemoottori.evaluation.tests.conftest import clear, score

    base = live_server.url
    sign_in(page, base, ev.people["evaluator2"])
    page.goto(f"{base}/en/evaluation/{ev.a['evaluator2', 'p1'].pk}/")
    page.check("text=I have a conflict of interest")
    with page.expect_navigation():
        page.click("main button:has-text('Declare')")
    assert "Describe the conflict of interest." in page.content()
    assert page.is_visible("input[name=has_conflict]")
    assert not Declaration.objects.filter(assignment=ev.a["evaluator2", "p1"]).exists()
    check(page)

    clear(ev, "evaluator", "p1")
    score(ev, "evaluator", "p1")
    s = Score.objects.get(evaluation__assignment=ev.a["evaluator", "p1"], criterion=ev.c_num)
    page.context.clear_cookies()
    sign_in(page, base, ev.people["espoo_owner"])
    page.goto(f"{base}/en/challenges/{ev.challenge.slug}/evaluation/proposals/{ev.p1.pk}/")
    assert not page.is_visible(f"#id_override-{s.pk}-value")
    page.click("text=Override this score")
    page.fill(f"#id_override-{s.pk}-value", "3")
    with page.expect_navigation():
        page.click("main button:has-text('Override')")
    assert page.is_visible("#error-summary") and page.is_visible(f"#id_override-{s.pk}-justification")
    check(page)
    for path in ("", "record/"):
        page.goto(f"{base}/en/challenges/{ev.challenge.slug}/evaluation/{path}")
        check(page)
