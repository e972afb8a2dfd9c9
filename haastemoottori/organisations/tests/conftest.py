"""A company with one person in every role, on top of the shared region fixture."""

import pytest
from django.contrib.auth.models import AnonymousUser

from conftest import make_user
from haastemoottori.organisations.models import Membership, OrganisationIdentifier

Role = Membership.Role
ROLES = ["admin", "challenge_owner", "evaluator", "member", "outsider", "anonymous", "platform_admin"]
COMPANY_BUSINESS_ID = "3124587-9"


@pytest.fixture
def team(region):
    company = region.company
    OrganisationIdentifier.objects.create(organisation=company, scheme="FI-PRO", identifier=COMPANY_BUSINESS_ID)
    people = {
        "admin": region.people["company_admin"],
        "challenge_owner": make_user("owner@company.test", company, Role.CHALLENGE_OWNER),
        "evaluator": make_user("evaluator@company.test", company, Role.EVALUATOR),
        "member": make_user("member@company.test", company, Role.MEMBER),
        "outsider": region.people["outsider"],
        "anonymous": AnonymousUser(),
        "platform_admin": region.people["platform_admin"],
    }
    people["admin"].preferred_language = "fi"
    people["admin"].save(update_fields=["preferred_language"])
    return people


@pytest.fixture
def as_role(client, team):
    """Sign the test client in as the person in ``role`` (anonymous stays signed out)."""

    def _sign_in(role: str):
        if role != "anonymous":
            client.force_login(team[role])
        return team[role]

    return _sign_in
