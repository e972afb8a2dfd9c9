"""The same proposal submitted twice (a double click, two tabs): one submission, one receipt."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceConflict
from haastemoottori.proposals import services
from haastemoottori.proposals.audit_actions import AuditAction
from haastemoottori.proposals.models import Proposal

from .conftest import make_proposal

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two writers at once need PostgreSQL's row locks (CI runs it there)"
)


def _mails_about(proposal: Proposal) -> list[tuple[str, str]]:
    """(recipient, subject) of every e-mail naming the submission (the receipts and the lead's notification)."""
    return sorted(
        (m.to[0], m.subject) for m in mail.outbox if proposal.content_hash and proposal.content_hash in m.body
    )


def _submissions(proposal: Proposal) -> int:
    return AuditEvent.objects.for_object(proposal).filter(action=AuditAction.SUBMITTED).count()


def test_a_double_click_submits_once_and_sends_one_receipt(client, world, django_capture_on_commit_callbacks):
    member = world.people["lead_member"]
    proposal = make_proposal(world)
    client.force_login(member)
    mail.outbox.clear()
    url = f"/fi/proposals/{proposal.pk}/submit/"
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"version": proposal.version}, follow=True)
    proposal.refresh_from_db()
    after_first = _mails_about(proposal)
    receipts = [to for to, subject in after_first if "Kuitti" in subject]
    assert sorted(receipts) == sorted({member.email, world.people["lead_admin"].email})
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url, {"version": proposal.version - 1}, follow=True)
    proposal.refresh_from_db()
    assert proposal.status == "submitted" and _submissions(proposal) == 1
    assert _mails_about(proposal) == after_first  # the second click sent nothing
    for response in (first, second):  # the second click is told the same: it was submitted
        assert "Ratkaisuehdotus lähetettiin." in response.content.decode()


def test_a_stale_tab_after_a_change_is_still_refused(world):
    """Only the very version that was submitted counts as the same submission: one from before a later save,
    withdrawal or re-submission is refused as before."""
    member = world.people["lead_member"]
    proposal = make_proposal(world)
    opened = proposal.version
    proposal = services.proposal_submit(actor=member, proposal=proposal, version=opened)
    proposal = services.proposal_withdraw(actor=member, proposal=proposal)
    proposal = services.proposal_submit(actor=member, proposal=proposal, version=proposal.version)
    with pytest.raises(ServiceConflict):
        services.proposal_submit(actor=member, proposal=proposal, version=opened)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_tabs_submitting_at_the_same_moment(world):
    member = world.people["lead_member"]
    proposal = make_proposal(world)
    mail.outbox.clear()
    start = threading.Barrier(2)
    statuses: list[int] = []

    def submit() -> None:
        try:
            tab = Client()
            tab.force_login(member)
            start.wait()
            statuses.append(tab.post(f"/fi/proposals/{proposal.pk}/submit/", {"version": proposal.version}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    proposal.refresh_from_db()
    assert statuses == [302, 302]
    assert proposal.status == "submitted"
    assert _submissions(proposal) == 1
    mails = _mails_about(proposal)
    receipts = [to for to, subject in mails if "Kuitti" in subject]
    assert sorted(receipts) == sorted({member.email, world.people["lead_admin"].email})
    assert len(mails) == len(set(mails)), "no e-mail twice"
