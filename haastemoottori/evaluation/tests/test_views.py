"""The pages end to end: declaring, scoring, independence, results, override, decision, record, API."""

import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from haastemoottori.evaluation.models import Decision, Declaration, Evaluation, ScoreOverride

from .conftest import clear, score

pytestmark = pytest.mark.django_db

MARK_COMMENT = "ARVIOIJAN-OMA-KOMMENTTI"


def _login(client, user):
    client.force_login(user)
    return client


def test_declare_and_score_through_pages(client, ev):
    _login(client, ev.people["evaluator"])
    a = ev.a["evaluator", "p1"]
    url = reverse("evaluation:assignment", args=[a.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="has_conflict"' in page.content.decode()
    assert client.post(reverse("evaluation:declare", args=[a.pk]), {"has_conflict": "maybe"}).status_code == 400
    response = client.post(reverse("evaluation:declare", args=[a.pk]), {"has_conflict": "no"})
    assert response.status_code == 302
    assert Declaration.objects.get(assignment=a).status == "cleared"
    data = {
        f"score_{ev.c_num.pk}": "7,5",
        f"comment_{ev.c_num.pk}": "",
        f"score_{ev.c_rating.pk}": "2",
        f"score_{ev.c_pass.pk}": "1",
    }
    assert client.post(url, {**data, "action": "save"}).status_code == 302
    assert Evaluation.objects.get(assignment=a).status == "draft"
    bad = client.post(url, {**data, "action": "submit"})
    assert bad.status_code == 400 and _("Write a comment.") in bad.content.decode()
    assert Evaluation.objects.get(assignment=a).status == "draft"
    ok = client.post(url, {**data, f"comment_{ev.c_num.pk}": MARK_COMMENT, "action": "submit"})
    assert ok.status_code == 302 and Evaluation.objects.get(assignment=a).status == "submitted"
    assert _("Results so far (all evaluators)") in client.get(url).content.decode()


def test_recused_evaluator_cannot_open_and_others_get_404(client, ev):
    a = ev.a["recused", "p1"]
    url = reverse("evaluation:assignment", args=[a.pk])
    assert _login(client, ev.people["recused"]).get(url).status_code == 403
    assert _login(client, ev.people["evaluator2"]).get(url).status_code == 404
    listing = _login(client, ev.people["recused"]).get(reverse("evaluation:mine")).content.decode()
    assert url not in listing and _("Recused") in listing


def test_independence_pages_and_api(client, ev):
    """Before submitting, an evaluator sees no other evaluator's scores anywhere (even as an owner)."""
    from haastemoottori.organisations.models import Membership

    clear(ev, "evaluator", "p1")
    score(ev, "evaluator", "p1", num="3", comment=MARK_COMMENT)
    clear(ev, "evaluator2", "p1")
    # the second evaluator is also an owner editor: independence still holds for this proposal
    Membership.objects.create(user=ev.people["evaluator2"], organisation=ev.region.espoo, role="challenge_owner")
    _login(client, ev.people["evaluator2"])
    slug = ev.challenge.slug
    pages = [
        reverse("evaluation:assignment", args=[ev.a["evaluator2", "p1"].pk]),
        reverse("evaluation:mine"),
        reverse("evaluation_admin:results", args=[slug]),
        reverse("evaluation_admin:export", args=[slug]),
        reverse("evaluation_admin:proposal", args=[slug, ev.p1.pk]),
        reverse("evaluation_admin:record", args=[slug]),
        reverse("evaluation_admin:overview", args=[slug]),
        f"/api/v1/challenges/{slug}/decisions",
        f"/api/v1/challenges/{slug}/proposals",
    ]
    for url in pages:
        response = client.get(url)
        body = response.content.decode("utf-8")
        assert response.status_code == 200, url
        assert MARK_COMMENT not in body and "30.0" not in body, url
    assert _("Hidden until you submit your own evaluation") in client.get(pages[2]).content.decode()
    score(ev, "evaluator2", "p1", num="5")
    after = client.get(reverse("evaluation_admin:proposal", args=[slug, ev.p1.pk])).content.decode()
    assert MARK_COMMENT in after  # as an owner, after submitting, every score is visible
    own = client.get(pages[0]).content.decode()
    assert MARK_COMMENT not in own  # as an evaluator: the aggregate only


def test_owner_results_override_decision_record_and_api(client, ev, django_capture_on_commit_callbacks):
    for who in ("evaluator", "evaluator2"):
        clear(ev, who, "p1")
        score(ev, who, "p1")
    owner = ev.people["espoo_owner"]
    _login(client, owner)
    slug = ev.challenge.slug
    results = client.get(reverse("evaluation_admin:results", args=[slug]))
    assert results.status_code == 200 and "Lämpöpumppu" in results.content.decode()
    csv = client.get(reverse("evaluation_admin:export", args=[slug]))
    assert csv["Content-Type"].startswith("text/csv") and "Lämpöpumppu" in csv.content.decode("utf-8-sig")
    s = Evaluation.objects.get(assignment=ev.a["evaluator", "p1"]).scores.get(criterion=ev.c_num)
    override_url = reverse("evaluation_admin:override", args=[slug, s.pk])
    prefix = f"override-{s.pk}"
    bad = client.post(override_url, {f"{prefix}-value": "2", f"{prefix}-justification": ""})
    assert bad.status_code == 400 and not ScoreOverride.objects.exists()
    assert (
        client.post(override_url, {f"{prefix}-value": "2", f"{prefix}-justification": "Laskuvirhe"}).status_code == 302
    )
    page = client.get(reverse("evaluation_admin:proposal", args=[slug, ev.p1.pk])).content.decode()
    assert "Laskuvirhe" in page and "<del>" in page
    decide = reverse("evaluation_admin:decide", args=[slug, ev.p2.pk])
    blocked = client.post(decide, {"outcome": "selected", "justification": "x"})
    assert blocked.status_code == 409 and not Decision.objects.filter(proposal=ev.p2).exists()
    assert (
        client.post(
            reverse("evaluation_admin:decide", args=[slug, ev.p1.pk]),
            {"outcome": "selected", "justification": "PERUSTELU-X", "feedback": "Hyvä"},
        ).status_code
        == 302
    )
    api = f"/api/v1/challenges/{slug}/decisions"
    assert client.get(api).json() == []  # not public before the applicants have been told
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("evaluation_admin:feedback", args=[slug]))
    record = client.get(reverse("evaluation_admin:record", args=[slug])).content.decode()
    assert "PERUSTELU-X" in record and _("Print or save as PDF") in record and "evaluation/record.css" in record
    assert "recused@example.test" in record and _("no scores") in record
    client.logout()
    public = client.get(api).json()
    assert public == [
        {
            "proposal_title": "Lämpöpumppu",
            "language": "fi",
            "lead": {"slug": ev.lead.slug, "name": ev.lead.name},
            "outcome": "selected",
            "decided_at": public[0]["decided_at"],
        }
    ]
    assert "PERUSTELU-X" not in str(public)


def test_form_page_add_prefill_and_bad_input(client, ev):
    _login(client, ev.people["espoo_owner"])
    url = reverse("evaluation_admin:form", args=[ev.challenge.slug])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"criterion-weight": "500", "criterion-scale": "numeric"})
    assert bad.status_code == 400
    count = ev.c_num.form.criteria.count()
    ok = client.post(
        url,
        {
            "criterion-weight": "10",
            "criterion-scale": "rating",
            "criterion-name__fi": "Hinta",
            "criterion-labels__fi": "Kallis\nHalpa",
        },
    )
    assert ok.status_code == 302 and ev.c_num.form.criteria.count() == count + 1
    assert client.post(reverse("evaluation_admin:prefill", args=[ev.challenge.slug])).status_code == 302
    assert ev.c_num.form.criteria.count() == count + 2


def test_relationships_page(client, ev):
    _login(client, ev.people["evaluator"])
    url = reverse("evaluation:relationships")
    assert client.get(url).status_code == 200
    assert client.post(url, {"business_id": "123"}).status_code == 400
    assert client.post(url, {"business_id": "1572860-0", "description": "Omistaja"}).status_code == 302
    assert Declaration.objects.get(assignment=ev.a["evaluator", "p1"]).is_recused


def test_a_group_error_is_tied_to_its_fieldset_and_linked_from_the_summary(client, ev):
    """The declaration's yes/no radios: the error has an id the fieldset is described by, and the summary links
    to the group's first radio (not href="#")."""
    _login(client, ev.people["evaluator"])
    a = ev.a["evaluator", "p1"]
    response = client.post(reverse("evaluation:declare", args=[a.pk]), {"has_conflict": "maybe"})
    body = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_has_conflict_0"' in body and 'id="id_has_conflict_0"' in body
    assert 'href="#"' not in body
    assert body.count('id="id_has_conflict_error"') == 1
    assert re.search(r'<fieldset aria-describedby="[^"]*id_has_conflict_error"', body)
