"""Each named permission of comments, for every role (Espoo leads, Vantaa co-owns, Helsinki contributes)."""

import pytest

from haastemoottori.challenges import services as challenge_services

from .conftest import ROLES, as_user

SIGNED_IN = set(ROLES) - {"anonymous"}
EDITORS = {"espoo_owner", "espoo_admin", "vantaa_owner", "platform_admin"}
OWNER_MEMBERS = {
    "espoo_member",
    "espoo_evaluator",
    "espoo_owner",
    "espoo_admin",
    "vantaa_owner",
    "vantaa_member",
    "helsinki_owner",
    "platform_admin",
}


@pytest.mark.parametrize("role", ROLES)
def test_add_comment_in_co_definition(people, codef, role):
    assert as_user(people, role).has_perm("comments.add_comment", codef) is (role in SIGNED_IN)


@pytest.mark.parametrize("role", ROLES)
def test_add_comment_on_a_draft_or_open_call(people, region, draft, codef, role):
    codef = challenge_services.challenge_transition(
        actor=region.people["espoo_owner"], challenge=codef, target="open_call"
    )
    # A platform admin holds every permission; the service still refuses (test_services.py).
    expected = role == "platform_admin"
    assert as_user(people, role).has_perm("comments.add_comment", draft) is expected
    assert as_user(people, role).has_perm("comments.add_comment", codef) is expected


@pytest.mark.parametrize("role", ROLES)
def test_report_comment(people, comment, role):
    # Everyone signed in except the author (company_admin wrote it).
    assert as_user(people, role).has_perm("comments.report_comment", comment) is (role in SIGNED_IN - {"company_admin"})


@pytest.mark.parametrize("role", ROLES)
def test_moderate_comment(people, codef, role):
    assert as_user(people, role).has_perm("comments.moderate_comment", codef) is (role in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_view_reports(people, codef, role):
    assert as_user(people, role).has_perm("comments.view_reports", codef) is (role in OWNER_MEMBERS)
