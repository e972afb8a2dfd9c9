"""An assigned evaluator outside any city holds a staff role: second factor and idle timeout (accounts)."""

import pytest

from haastemoottori.accounts.staff_roles import holds_staff_role

pytestmark = pytest.mark.django_db


def test_an_assigned_evaluator_must_pass_a_second_factor(client, ev, settings):
    settings.HAASTEMOOTTORI_MFA_REQUIRED = True
    evaluator = ev.people["evaluator2"]  # a person with no membership, only assignments
    assert not evaluator.memberships.exists() and holds_staff_role(evaluator)
    client.force_login(evaluator)
    response = client.get("/fi/evaluation/")
    assert response.status_code == 302 and response["Location"].startswith("/fi/accounts/security/")
    evaluator.evaluator_assignments.all().delete()
    assert not holds_staff_role(evaluator)
    assert client.get("/fi/challenges/workspace/").status_code == 200
