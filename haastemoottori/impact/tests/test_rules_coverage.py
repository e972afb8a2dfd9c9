"""``impact.view_staff_dashboard`` per role (no object): the people of a city or another public body, whatever
their role, and platform admins; and the page and downloads enforcing it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from conftest import make_org, make_user
from haastemoottori.organisations.models import Membership

pytestmark = pytest.mark.django_db

PERM = "impact.view_staff_dashboard"
STAFF = "/fi/impact/staff/"


@pytest.fixture
def people(region):
    return {
        **region.people,
        "public_body_member": make_user("member@hsy.test", make_org("hsy", kind="public"), Membership.Role.MEMBER),
        "researcher": make_user("researcher@uni.test", make_org("yliopisto", kind="research"), Membership.Role.ADMIN),
    }


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("espoo_member", True),
        ("espoo_evaluator", True),
        ("vantaa_owner", True),
        ("public_body_member", True),
        ("platform_admin", True),
        ("company_admin", False),
        ("researcher", False),  # solvers, even as admins of their organisation
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_view_staff_dashboard(people, who, allowed):
    user = AnonymousUser() if who == "anonymous" else people[who]
    assert user.has_perm(PERM) is allowed


def test_view_staff_dashboard_is_enforced(client, people):
    client.force_login(people["researcher"])
    assert client.get(STAFF).status_code == 403
    assert client.get("/fi/impact/impact.xlsx?scope=staff").status_code == 403
    client.force_login(people["public_body_member"])
    assert client.get(STAFF).status_code == 200
    assert client.get("/fi/impact/impact.xlsx?scope=staff").status_code == 200
