"""Who sees the evaluators' individual scores and comments: the owners' editors and the platform admin only.

Every other owner member (a contributor's editor, a plain member, an evaluator of an owning city, even after
submitting) sees the aggregate only, on every page, export and the API.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext as _

from haastemoottori.challenges import services as challenge_services
from haastemoottori.challenges.models import Challenge
from haastemoottori.evaluation import services
from haastemoottori.evaluation.models import EvaluatorAssignment, Score
from haastemoottori.organisations.models import Membership

from .conftest import clear, fresh, score

pytestmark = pytest.mark.django_db

COMMENT_A = "ENSIMMAINEN-ARVIOIJA-KOMMENTTI"
COMMENT_B = "TOINEN-ARVIOIJA-KOMMENTTI"
COMMENT_CITY = "KAUPUNGIN-ARVIOIJA-KOMMENTTI"
JUSTIFICATION = "OHITUKSEN-PERUSTELU"

SEES_SCORES = {"espoo_owner", "espoo_admin", "helsinki_owner", "platform_admin"}
AGGREGATE_ONLY = {"espoo_member", "vantaa_owner", "espoo_evaluator", "helsinki_evaluator"}


@pytest.fixture
def scored(ev):
    """Helsinki co-owns; an evaluator of Helsinki (a co-owner) is assigned to p1 and submits, like the others."""
    owner = ev.people["espoo_owner"]
    challenge_services.challenge_add_owner(
        actor=owner, challenge=ev.challenge, organisation=ev.region.helsinki, role="co_owner"
    )
    ev.challenge = Challenge.objects.get(pk=ev.challenge.pk)
    ev.people["helsinki_evaluator"] = ev.make_user(
        "evaluator@helsinki.test", ev.region.helsinki, Membership.Role.EVALUATOR
    )
    for who in ("helsinki_evaluator", "espoo_evaluator"):
        ev.a[who, "p1"] = EvaluatorAssignment.objects.create(
            proposal=ev.p1, evaluator=ev.people[who], assigned_by=owner
        )
    for who, comment in (
        ("evaluator", COMMENT_A),
        ("evaluator2", COMMENT_B),
        ("helsinki_evaluator", COMMENT_CITY),
        ("espoo_evaluator", COMMENT_CITY),
    ):
        clear(ev, who, "p1")
        score(ev, who, "p1", comment=comment)
    s = Score.objects.get(evaluation__assignment=ev.a["evaluator", "p1"], criterion=ev.c_num)
    services.score_override(actor=owner, score=s, value="2", justification=JUSTIFICATION)
    return ev


def test_permission_per_role(scored):
    for role, person in scored.people.items():
        assert person.has_perm("evaluation.view_scores", scored.challenge) == (role in SEES_SCORES), role
    assert not rules.has_perm("evaluation.view_scores", AnonymousUser(), scored.challenge)


@pytest.mark.parametrize("role", sorted(SEES_SCORES | AGGREGATE_ONLY))
def test_individual_scores_only_for_owner_editors(client, scored, role):
    client.force_login(scored.people[role])
    slug = scored.challenge.slug
    page = client.get(reverse("evaluation_admin:proposal", args=[slug, scored.p1.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert _("Weighted total") in body  # everyone here sees the aggregate
    sees = role in SEES_SCORES
    for marker in (COMMENT_A, COMMENT_B, COMMENT_CITY, JUSTIFICATION):
        assert (marker in body) == sees, (role, marker)
    assert ("<del>" in body) == sees
    record = client.get(reverse("evaluation_admin:record", args=[slug])).content.decode()
    assert (JUSTIFICATION in record) == sees
    assert COMMENT_A not in record and COMMENT_B not in record
    for name in ("results", "export", "overview"):
        other = client.get(reverse(f"evaluation_admin:{name}", args=[slug])).content.decode("utf-8-sig")
        for marker in (COMMENT_A, COMMENT_B, COMMENT_CITY, JUSTIFICATION):
            assert marker not in other, (role, name, marker)


def test_the_evaluator_page_and_api_show_no_individual_scores(client, scored):
    client.force_login(scored.people["helsinki_evaluator"])
    own = client.get(reverse("evaluation:assignment", args=[fresh(scored.a["helsinki_evaluator", "p1"]).pk]))
    body = own.content.decode()
    assert own.status_code == 200 and _("Results so far (all evaluators)") in body
    assert COMMENT_A not in body and COMMENT_B not in body and JUSTIFICATION not in body
    for url in (
        f"/api/v1/challenges/{scored.challenge.slug}/decisions",
        f"/api/v1/challenges/{scored.challenge.slug}/proposals",
    ):
        text = client.get(url).content.decode()
        assert COMMENT_A not in text and JUSTIFICATION not in text


def test_an_owner_editor_who_evaluates_sees_nothing_before_submitting(client, scored):
    """Unchanged: the independence rule still holds for an editor with an open assignment."""
    owner = scored.people["espoo_owner"]
    EvaluatorAssignment.objects.create(proposal=scored.p1, evaluator=owner, assigned_by=owner)
    client.force_login(owner)
    body = client.get(reverse("evaluation_admin:proposal", args=[scored.challenge.slug, scored.p1.pk])).content.decode()
    assert COMMENT_A not in body and JUSTIFICATION not in body
    record = client.get(reverse("evaluation_admin:record", args=[scored.challenge.slug])).content.decode()
    assert JUSTIFICATION not in record
