"""The deadline is enforced on the server to the second, in Helsinki time, across daylight-saving changes."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import formats
from django.utils.translation import gettext as _

from haastemoottori.core.errors import ServiceConflict
from haastemoottori.proposals import services
from haastemoottori.proposals.deadline import remaining_text

from .conftest import make_proposal, open_call, upload

pytestmark = pytest.mark.django_db
HKI = ZoneInfo("Europe/Helsinki")

# 2026-10-25 03:30 EET (UTC+2), right after the clocks went back from 04:00 EEST to 03:00 EET;
# 2026-03-29 04:30 EEST (UTC+3), right after the clocks went forward from 03:00 to 04:00.
# Arithmetic is done in UTC: wall-clock arithmetic in Helsinki time would lose the fold.
AUTUMN = datetime(2026, 10, 25, 3, 30, tzinfo=HKI).replace(fold=1).astimezone(UTC)
SPRING = datetime(2026, 3, 29, 4, 30, tzinfo=HKI).astimezone(UTC)


@pytest.fixture
def at(region, make_challenge, world):
    def _at(deadline):
        with time_machine.travel(deadline - timedelta(days=10), tick=False):
            challenge, q = open_call(region, make_challenge, deadline=deadline)
            world.challenge, world.q = challenge, q
            proposal = make_proposal(world)
        return world, proposal

    return _at


def test_the_dst_deadlines_are_what_they_say():
    autumn, spring = AUTUMN.astimezone(HKI), SPRING.astimezone(HKI)
    assert (autumn.hour, autumn.minute, autumn.utcoffset()) == (3, 30, timedelta(hours=2))
    assert (spring.hour, spring.minute, spring.utcoffset()) == (4, 30, timedelta(hours=3))
    assert AUTUMN.hour == 1 and SPRING.hour == 1


@pytest.mark.parametrize("deadline", [AUTUMN, SPRING], ids=["autumn-eet", "spring-eest"])
def test_one_second_before_is_accepted_at_and_after_refused(at, deadline):
    w, proposal = at(deadline)
    member = w.people["lead_member"]
    with time_machine.travel(deadline - timedelta(seconds=1), tick=False):
        submitted = services.proposal_submit(actor=member, proposal=proposal)
        assert submitted.status == "submitted"
        services.proposal_withdraw(actor=member, proposal=submitted)
    for moment in (deadline, deadline + timedelta(seconds=1), deadline + timedelta(days=1)):
        with time_machine.travel(moment, tick=False):
            with pytest.raises(ServiceConflict) as exc:
                services.proposal_submit(actor=member, proposal=proposal)
            assert exc.value.code == "deadline_passed"
            local = formats.date_format(deadline.astimezone(HKI), "SHORT_DATETIME_FORMAT")
            assert local in str(exc.value.message)
            assert _("%(when)s (Helsinki time)") % {"when": local} in str(exc.value.message)


def test_after_the_deadline_nothing_changes(at):
    w, proposal = at(AUTUMN)
    member = w.people["lead_member"]
    with time_machine.travel(AUTUMN, tick=False):
        calls = [
            lambda: services.proposal_save(actor=member, proposal=proposal, version=proposal.version, title="x"),
            lambda: services.proposal_submit(actor=member, proposal=proposal),
            lambda: services.attachment_upload(
                actor=member, proposal=proposal, question=w.q["plan"], uploaded_file=upload("b.pdf")
            ),
            lambda: services.attachment_delete(actor=member, attachment=proposal.attachments.first()),
            lambda: services.partner_invite(actor=member, proposal=proposal, business_id="1572860-0"),
            lambda: services.proposal_start(actor=member, challenge=w.challenge, lead=w.lead, title="Myöhässä"),
        ]
        for call in calls:
            with pytest.raises(ServiceConflict):
                call()
    proposal.refresh_from_db()
    assert proposal.status == "draft" and proposal.title == "Lämpöpumppu" and proposal.attachments.count() == 1


def test_withdrawal_after_the_deadline_is_refused(at):
    w, proposal = at(SPRING)
    member = w.people["lead_member"]
    with time_machine.travel(SPRING - timedelta(hours=1), tick=False):
        services.proposal_submit(actor=member, proposal=proposal)
    with time_machine.travel(SPRING, tick=False), pytest.raises(ServiceConflict):
        services.proposal_withdraw(actor=member, proposal=proposal)


def test_the_view_shows_the_deadline_message(client, at):
    w, proposal = at(AUTUMN)
    client.force_login(w.people["lead_member"])
    with time_machine.travel(AUTUMN + timedelta(seconds=5), tick=False):
        response = client.post(f"/fi/proposals/{proposal.pk}/submit/", follow=True)
    assert (
        _("%(when)s (Helsinki time)") % {"when": formats.date_format(AUTUMN.astimezone(HKI), "SHORT_DATETIME_FORMAT")}
        in response.content.decode()
    )


def test_countdown_text():
    now = datetime(2026, 1, 1, 12, tzinfo=HKI)
    assert remaining_text(now + timedelta(days=2, hours=3, minutes=5), now) == _("%(time)s left") % {
        "time": "2 päivää 3 tuntia"
    } or "2" in remaining_text(now + timedelta(days=2, hours=3), now)
    assert remaining_text(now, now) == ""


def test_call_page_countdown_without_javascript(client, world):
    response = client.get(f"/en/challenges/{world.challenge.slug}/call/")
    assert response.status_code == 200
    assert "left" in response.content.decode()
