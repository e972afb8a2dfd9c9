"""In a real browser: an Espoo editor promotes a cross-city cluster to a draft challenge, inviting Vantaa as a
co-owner, and lands on the candidate's page with its provenance. Every page visited: zero axe violations."""

import pytest
from django.urls import reverse
from django.utils import translation

from haastemoottori.backlog.models import Candidate
from haastemoottori.backlog.tests.conftest import world  # noqa: F401 (fixture)
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "test-password-123"


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def test_editor_promotes_a_cluster(live_server, page, world):  # noqa: F811
    w = world
    owner = w.people["espoo_owner"]
    with translation.override("en"):
        login_url = reverse("accounts:login")
        promote_url = reverse("backlog:promote-cluster", args=[w.cluster.pk])
    base = live_server.url
    page.goto(f"{base}{login_url}")
    page.fill("#id_username", owner.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")

    page.goto(f"{base}{promote_url}")
    check(page)
    content = page.content()
    assert "Dålig luft i skolan" in content and "Odottava ehdotus" not in content  # accepted signals only
    page.fill("#id_title", "Indoor air in schools")
    page.check(f"input[name=co_owners][value='{w.vantaa.pk}']")
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    candidate = Candidate.objects.get()
    with translation.override("en"):
        assert page.url.endswith(reverse("backlog:candidate", args=[candidate.pk]))
    check(page)
    content = page.content()
    assert "Indoor air in schools" in content and "Tapiolan koulussa" in content
    assert candidate.challenge.stage == "draft" and candidate.challenge.title == {"en": "Indoor air in schools"}
    assert {o.organisation.slug: o.role for o in candidate.challenge.ownerships.all()} == {
        "espoo": "lead",
        "vantaa": "co_owner",
    }
    assert set(candidate.signals.all()) == {w.s1, w.s2, w.s3} and candidate.cluster == w.cluster

    # Then: the recommended criteria, a score sheet, the ranked backlog and the pairwise page, all without axe
    # violations.
    with translation.override("en"):
        criteria_url = reverse("backlog:criteria", args=["espoo"])
        score_url = reverse("backlog:score", args=["espoo", candidate.pk])
        city_url = reverse("backlog:city", args=["espoo"])
        pairwise_url = reverse("backlog:pairwise", args=["espoo"])
    page.goto(f"{base}{criteria_url}")
    check(page)
    with page.expect_navigation():
        page.click("form[action$='/recommended/'] button[type=submit]")
    check(page)
    page.goto(f"{base}{score_url}")
    check(page)
    for radio in page.query_selector_all("input[type=radio][value='4']"):
        radio.check()
    with page.expect_navigation():
        page.click("button[name=action][value=submit]")
    check(page)
    assert "Result so far" in page.content()
    page.goto(f"{base}{city_url}")
    check(page)
    assert "75.0" in page.content()  # every criterion 4 of 5: (4-1)/(5-1) = 0.75, whatever the weights
    page.goto(f"{base}{pairwise_url}")
    check(page)
