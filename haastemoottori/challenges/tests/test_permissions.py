"""Each named permission, for every role."""

import pytest

from conftest import publishable
from haastemoottori.challenges import services

ROLES = [
    "anonymous",
    "outsider",
    "company_admin",
    "espoo_member",
    "espoo_evaluator",
    "espoo_owner",
    "espoo_admin",
    "vantaa_owner",
    "vantaa_member",
    "helsinki_owner",
    "platform_admin",
]

# Espoo leads, Vantaa co-owns, Helsinki is not involved. Expected answer per permission and role.
EXPECTED = {
    "challenges.view_challenge": {
        "espoo_member",
        "espoo_evaluator",
        "espoo_owner",
        "espoo_admin",
        "vantaa_owner",
        "vantaa_member",
        "platform_admin",
    },
    "challenges.view_challenge_history": {
        "espoo_member",
        "espoo_evaluator",
        "espoo_owner",
        "espoo_admin",
        "vantaa_owner",
        "vantaa_member",
        "platform_admin",
    },
    "challenges.change_challenge": {"espoo_owner", "espoo_admin", "vantaa_owner", "platform_admin"},
    "challenges.manage_owners": {"espoo_owner", "espoo_admin", "platform_admin"},
    "challenges.transition_challenge": {"espoo_owner", "espoo_admin", "platform_admin"},
    # A platform admin is a Django superuser and holds every named permission; the approval service still
    # requires membership of the approving organisation (test_ownership.py).
    "challenges.approve_challenge": {"espoo_owner", "espoo_admin", "vantaa_owner", "platform_admin"},
}


@pytest.fixture
def draft(region, make_challenge):
    challenge = make_challenge()
    services.challenge_add_owner(
        actor=region.people["espoo_owner"], challenge=challenge, organisation=region.vantaa, role="co_owner"
    )
    return challenge


def _user(region, role):
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if role == "anonymous" else region.people[role]


@pytest.mark.parametrize("perm", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_on_a_draft(region, draft, perm, role):
    assert _user(region, role).has_perm(perm, draft) is (role in EXPECTED[perm])


@pytest.mark.parametrize("role", ROLES)
def test_everyone_can_view_a_published_challenge(region, make_challenge, role):
    challenge = publishable(make_challenge(), region)
    challenge = services.challenge_transition(
        actor=region.people["espoo_owner"], challenge=challenge, target="co_definition"
    )
    assert _user(region, role).has_perm("challenges.view_challenge", challenge)


@pytest.mark.parametrize("role", ROLES)
def test_add_challenge(region, role):
    allowed = {"espoo_owner", "espoo_admin", "vantaa_owner", "helsinki_owner", "platform_admin"}
    assert _user(region, role).has_perm("challenges.add_challenge") is (role in allowed)


@pytest.mark.parametrize("role", ROLES)
def test_manage_members_of_espoo(region, role):
    assert _user(region, role).has_perm("organisations.manage_members", region.espoo) is (
        role in {"espoo_admin", "platform_admin"}
    )


@pytest.mark.parametrize("role", ROLES)
def test_create_challenge_for_espoo(region, role):
    assert _user(region, role).has_perm("organisations.create_challenge_for", region.espoo) is (
        role in {"espoo_admin", "espoo_owner", "platform_admin"}
    )


@pytest.mark.parametrize("role", ROLES)
def test_change_organisation(region, role):
    assert _user(region, role).has_perm("organisations.change_organisation", region.espoo) is (
        role in {"espoo_admin", "platform_admin"}
    )
