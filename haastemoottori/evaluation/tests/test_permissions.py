"""Every role on every evaluation view, the named permissions, and the pages' query counts."""

import pytest
import rules
from django.urls import reverse

from .conftest import clear, fresh, score

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "outsider",
    "lead_member",
    "other_company",
    "evaluator",
    "recused",
    "evaluator_like",
    "espoo_member",
    "vantaa_owner",
    "espoo_owner",
    "platform_admin",
]
OWNER_MEMBERS = {"espoo_member", "vantaa_owner", "espoo_owner", "platform_admin"}
OWNER_EDITORS = {"espoo_owner", "platform_admin"}  # lead or co-owner editors (Vantaa is a contributor)
LEAD_EDITORS = {"espoo_owner", "platform_admin"}


def _client(client, ev, role):
    if role != "anonymous":
        client.force_login(ev.people[role])
    return client


def _expect(role, allowed, *, code=200):
    if role == "anonymous":
        return 302
    return code if role in allowed else 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "name,allowed",
    [
        ("overview", OWNER_MEMBERS),
        ("results", OWNER_MEMBERS),
        ("export", OWNER_MEMBERS),
        ("record", OWNER_MEMBERS),
        ("form", OWNER_EDITORS),
        ("proposal", OWNER_MEMBERS),
    ],
)
def test_owner_pages(client, ev, role, name, allowed):
    args = [ev.challenge.slug, ev.p1.pk] if name == "proposal" else [ev.challenge.slug]
    response = _client(client, ev, role).get(reverse(f"evaluation_admin:{name}", args=args))
    assert response.status_code == _expect(role, allowed)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "name,allowed,ok",
    [
        ("prefill", OWNER_EDITORS, 302),
        ("feedback", OWNER_EDITORS, 302),
        ("decide", OWNER_EDITORS, 409),
        ("override", LEAD_EDITORS, 302),
        ("criterion-delete", OWNER_EDITORS, 302),
        ("assignment-remove", OWNER_EDITORS, 302),
    ],
)
def test_owner_posts(client, ev, role, name, allowed, ok):
    clear(ev, "evaluator", "p1")
    s = score(ev, "evaluator", "p1").scores.get(criterion=ev.c_num)
    slug = ev.challenge.slug
    url, data = {
        "prefill": (reverse("evaluation_admin:prefill", args=[slug]), {}),
        "feedback": (reverse("evaluation_admin:feedback", args=[slug]), {}),
        "decide": (
            reverse("evaluation_admin:decide", args=[slug, ev.p1.pk]),
            {"outcome": "selected", "justification": "x"},
        ),  # 409: evaluator2 has not submitted
        "override": (
            reverse("evaluation_admin:override", args=[slug, s.pk]),
            {f"override-{s.pk}-value": "1", f"override-{s.pk}-justification": "Syy"},
        ),
        "criterion-delete": (reverse("evaluation_admin:criterion-delete", args=[slug, ev.c_pass.pk]), {}),
        "assignment-remove": (
            reverse("evaluation_admin:assignment-remove", args=[slug, ev.a["evaluator2", "p1"].pk]),
            {},
        ),
    }[name]
    response = _client(client, ev, role).post(url, data)
    assert response.status_code == _expect(role, allowed, code=ok)


def test_owner_pages_of_a_draft_challenge_are_404_for_outsiders(client, ev, make_challenge):
    draft = make_challenge(title={"fi": "Luonnos"})
    client.force_login(ev.people["outsider"])
    assert client.get(reverse("evaluation_admin:results", args=[draft.slug])).status_code == 404
    client.force_login(ev.people["espoo_owner"])
    assert client.get(reverse("evaluation_admin:results", args=[draft.slug])).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_evaluator_pages(client, ev, role):
    c = _client(client, ev, role)
    for name in ("mine", "relationships"):
        assert c.get(reverse(f"evaluation:{name}")).status_code == (302 if role == "anonymous" else 200)
    own = {"evaluator": 200, "recused": 403}
    for who in ("evaluator", "recused"):
        url = reverse("evaluation:assignment", args=[ev.a[who, "p1"].pk])
        expected = 302 if role == "anonymous" else (own[who] if role == who else 404)
        assert c.get(url).status_code == expected
        declare = reverse("evaluation:declare", args=[ev.a[who, "p1"].pk])
        expected_post = {"anonymous": 302, who: 302 if who == "evaluator" else 403}.get(role, 404)
        assert c.post(declare, {"has_conflict": "no"}).status_code == expected_post


def test_named_permissions(ev):
    challenge = ev.challenge
    people = ev.people
    for perm, allowed in (
        ("evaluation.configure_form", OWNER_EDITORS),
        ("evaluation.view_results", OWNER_MEMBERS),
        ("evaluation.override_score", LEAD_EDITORS),
        ("evaluation.decide", OWNER_EDITORS),
        ("evaluation.view_scores", OWNER_EDITORS),
    ):
        for role in ROLES[1:]:
            assert people[role].has_perm(perm, challenge) == (role in allowed), (perm, role)
    from django.contrib.auth.models import AnonymousUser

    assert not AnonymousUser().has_perm("evaluation.view_results", challenge)
    assignment = fresh(ev.a["evaluator", "p1"])
    assert rules.has_perm("evaluation.score", people["evaluator"], assignment)
    for role in ROLES[1:]:
        if role != "evaluator":
            assert not rules.has_perm("evaluation.score", people[role], assignment), role
    assert not rules.has_perm("evaluation.score", people["recused"], fresh(ev.a["recused", "p1"]))


def test_co_owner_editor_may_decide_but_not_override(ev, region):
    from haastemoottori.challenges import services as challenge_services

    challenge_services.challenge_add_owner(
        actor=ev.people["espoo_owner"], challenge=ev.challenge, organisation=region.helsinki, role="co_owner"
    )
    from haastemoottori.challenges.models import Challenge

    challenge = Challenge.objects.get(pk=ev.challenge.pk)
    helsinki = ev.people["helsinki_owner"]
    assert helsinki.has_perm("evaluation.decide", challenge)
    assert helsinki.has_perm("evaluation.configure_form", challenge)
    assert not helsinki.has_perm("evaluation.override_score", challenge)


def test_query_counts(client, ev, django_assert_max_num_queries):
    for who in ("evaluator", "evaluator2"):
        for p in ("p1", "p2"):
            clear(ev, who, p)
            score(ev, who, p)
    client.force_login(ev.people["espoo_owner"])
    slug = ev.challenge.slug
    for url in (
        reverse("evaluation_admin:results", args=[slug]),
        reverse("evaluation_admin:record", args=[slug]),
        reverse("evaluation_admin:overview", args=[slug]),
        reverse("evaluation_admin:form", args=[slug]),
        reverse("evaluation_admin:proposal", args=[slug, ev.p1.pk]),
    ):
        with django_assert_max_num_queries(25):
            assert client.get(url).status_code == 200
    client.force_login(ev.people["evaluator"])
    for url in (reverse("evaluation:mine"), reverse("evaluation:assignment", args=[ev.a["evaluator", "p1"].pk])):
        with django_assert_max_num_queries(25):
            assert client.get(url).status_code == 200
    client.logout()
    with django_assert_max_num_queries(10):
        assert client.get(f"/api/v1/challenges/{slug}/decisions").status_code == 200
