"""Sessions of staff end after inactivity; others keep the long session."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

WORKSPACE = "/fi/challenges/workspace/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def idle_30(settings):
    settings.HAASTEMOOTTORI_STAFF_IDLE_MINUTES = 30


@pytest.mark.parametrize("who", ["platform_admin", "espoo_owner", "espoo_evaluator"])
def test_a_staff_session_ends_after_30_idle_minutes_with_a_message_on_the_login_page(client, region, idle_30, who):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client.force_login(region.people[who])
        assert client.get(WORKSPACE).status_code == 200
        traveller.shift(timedelta(minutes=29))
        assert client.get(WORKSPACE).status_code == 200  # activity keeps it alive
        traveller.shift(timedelta(minutes=29))
        assert client.get(WORKSPACE).status_code == 200
        traveller.shift(timedelta(minutes=31))
        expired = client.get(WORKSPACE)
        assert expired.status_code == 302 and expired["Location"].startswith("/fi/accounts/login/?next=")
        assert "_auth_user_id" not in client.session
        login = client.get(expired["Location"])
        assert "kirjauduttiin ulos 30 minuutin" in login.content.decode()


def test_others_keep_their_session(client, region, idle_30):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client.force_login(region.people["company_admin"])
        assert client.get(WORKSPACE).status_code == 200
        traveller.shift(timedelta(hours=5))
        assert client.get(WORKSPACE).status_code == 200


def test_zero_turns_the_timeout_off(client, region, settings):
    settings.HAASTEMOOTTORI_STAFF_IDLE_MINUTES = 0
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client.force_login(region.people["espoo_owner"])
        client.get(WORKSPACE)
        traveller.shift(timedelta(hours=5))
        assert client.get(WORKSPACE).status_code == 200
