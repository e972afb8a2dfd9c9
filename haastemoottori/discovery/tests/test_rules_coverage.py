"""``discovery.view_solver_suggestions`` per role (the object is the challenge), and the feedback service and the
page enforcing it. Espoo leads the challenge; Helsinki contributes."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from haastemoottori.challenges import services as challenge_services
from haastemoottori.core.errors import ServicePermissionDenied
from haastemoottori.discovery import services
from haastemoottori.discovery.models import MatchFeedback

pytestmark = pytest.mark.django_db

PERM = "discovery.view_solver_suggestions"
SOLVER = MatchFeedback.Direction.SOLVER_FOR_CHALLENGE


@pytest.fixture
def challenge(region, make_challenge, publish):
    challenge = publish(make_challenge(title={"fi": "Hulevesitulvat keskustassa"}))
    challenge_services.challenge_add_owner(
        actor=region.people["espoo_owner"], challenge=challenge, organisation=region.helsinki, role="contributor"
    )
    return type(challenge).objects.get(pk=challenge.pk)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("espoo_owner", True),
        ("espoo_evaluator", True),
        ("espoo_member", True),
        ("platform_admin", True),
        ("helsinki_owner", True),  # a contributor organisation is an owner too
        ("vantaa_owner", False),  # a city that does not own the challenge
        ("company_admin", False),  # the company being suggested does not see the others
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_view_solver_suggestions(region, challenge, who, allowed):
    user = AnonymousUser() if who == "anonymous" else region.people[who]
    assert user.has_perm(PERM, challenge) is allowed


def test_view_solver_suggestions_is_enforced(client, region, challenge):
    with pytest.raises(ServicePermissionDenied):
        services.match_feedback_record(
            actor=region.people["vantaa_owner"],
            challenge=challenge,
            organisation=region.company,
            direction=SOLVER,
            useful=True,
        )
    assert not MatchFeedback.objects.exists()
    url = reverse("search:solver-suggestions", args=[challenge.slug])
    client.force_login(region.people["company_admin"])
    assert client.get(url).status_code == 404
    client.force_login(region.people["espoo_evaluator"])
    assert client.get(url).status_code == 200
    services.match_feedback_record(
        actor=region.people["espoo_evaluator"],
        challenge=challenge,
        organisation=region.company,
        direction=SOLVER,
        useful=False,
    )
    assert MatchFeedback.objects.get().user == region.people["espoo_evaluator"]


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("platform_admin", True),
        ("espoo_owner", False),  # a city's staff rate suggestions; only platform staff export everyone's ratings
        ("espoo_evaluator", False),
        ("helsinki_owner", False),
        ("company_admin", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_export_match_feedback(client, region, who, allowed):
    user = AnonymousUser() if who == "anonymous" else region.people[who]
    assert user.has_perm("discovery.export_match_feedback") is allowed
    if who != "anonymous":
        client.force_login(user)
    response = client.get(reverse("search:feedback-export"))
    assert (response.status_code == 200) is allowed
