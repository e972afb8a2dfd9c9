"""Saving drafts, the stale-save refusal, submission with its receipt and hash, withdrawal and re-submission."""

import hashlib
import json

import pytest
from django.core import mail
from django.utils.translation import gettext as _

from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.notifications.models import Notification
from haastemoottori.proposals import services
from haastemoottori.proposals.models import Proposal
from haastemoottori.proposals.services.receipt import canonical_bytes, proposal_canonical

from .conftest import make_proposal

pytestmark = pytest.mark.django_db


def test_partial_draft_and_required_answers_checked_on_submit(world):
    member = world.people["lead_member"]
    p = services.proposal_start(actor=member, challenge=world.challenge, lead=world.lead, title="Luonnos", another=True)
    p = services.proposal_save(actor=member, proposal=p, version=p.version, answers={world.q["secret"].pk: "x"})
    with pytest.raises(ServiceValidationError) as exc:
        services.proposal_submit(actor=member, proposal=p)
    assert exc.value.code == "answers_missing" and "Tiivistelmä" in str(exc.value.message)
    assert Proposal.objects.get(pk=p.pk).status == "draft"


def test_stale_save_is_refused_and_nothing_is_lost(world):
    a, b = world.people["lead_member"], world.people["lead_admin"]
    p = make_proposal(world)
    opened = p.version
    services.proposal_save(actor=b, proposal=p, version=opened, answers={world.q["public"].pk: "B:n versio"})
    with pytest.raises(ServiceConflict) as exc:
        services.proposal_save(actor=a, proposal=p, version=opened, answers={world.q["public"].pk: "A:n versio"})
    assert exc.value.code == "stale" and b.email in str(exc.value.message)
    assert p.answers.get(question=world.q["public"]).text == "B:n versio"


def test_stale_save_in_the_view_keeps_the_typed_text(client, world):
    p = make_proposal(world)
    services.proposal_save(actor=world.people["lead_admin"], proposal=p, version=p.version, title="Uusi")
    client.force_login(world.people["lead_member"])
    response = client.post(
        f"/fi/proposals/{p.pk}/edit/",
        {"version": p.version, "title": "Minun", f"q{world.q['public'].pk}": "Kirjoittamani teksti"},
    )
    assert response.status_code == 409
    assert "Kirjoittamani teksti" in response.content.decode()


def test_only_lead_members_edit(world):
    p = make_proposal(world)
    for who in ("other_company", "espoo_owner", "partner_admin", "platform_admin"):
        with pytest.raises(ServicePermissionDenied):
            services.proposal_save(actor=world.people[who], proposal=p, version=p.version, title="x")


def test_submit_sends_receipt_with_hash_and_notifications(world, django_capture_on_commit_callbacks):
    member = world.people["lead_member"]
    p = make_proposal(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        p = services.proposal_submit(actor=member, proposal=p)
    p.refresh_from_db()
    assert p.status == "submitted" and p.submitted_by == member and len(p.content_hash) == 64
    # The hash recomputes from the stored content, by the documented algorithm.
    data = proposal_canonical(Proposal.objects.get(pk=p.pk))
    assert (
        hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
        == p.content_hash
    )
    assert canonical_bytes(data).startswith(b'{"answers":')
    receipts = [m for m in mail.outbox if p.content_hash in m.body]
    assert {m.to[0] for m in receipts} >= {member.email, world.people["lead_admin"].email}
    assert Notification.objects.filter(kind="proposals.submitted", user=member).exists()
    received = Notification.objects.filter(kind="proposals.received")
    assert {n.user.email for n in received} >= {"owner@espoo.test", "admin@espoo.test"}
    assert all("salainen" not in n.body + n.subject for n in received)


def test_proposal_page_shows_the_hash(client, world):
    p = make_proposal(world, submit=True)
    client.force_login(world.people["lead_member"])
    assert p.content_hash in client.get(f"/fi/proposals/{p.pk}/").content.decode()


def test_withdraw_and_submit_again(world):
    member = world.people["lead_member"]
    p = make_proposal(world, submit=True)
    first = p.content_hash
    p = services.proposal_withdraw(actor=member, proposal=p)
    assert p.status == "withdrawn"
    p = services.proposal_submit(actor=member, proposal=p)
    assert p.status == "submitted" and p.content_hash != first


def test_submitted_proposal_is_not_edited_without_withdrawing(world):
    p = make_proposal(world, submit=True)
    with pytest.raises(ServiceConflict) as exc:
        services.proposal_save(actor=world.people["lead_member"], proposal=p, version=p.version, title="x")
    assert exc.value.code == "submitted"


def test_questions_locked_after_a_submission(world):
    make_proposal(world, submit=True)
    with pytest.raises(ServiceConflict) as exc:
        services.question_delete(actor=world.people["espoo_owner"], question=world.q["trl"])
    assert str(exc.value.message) == _("The questions can no longer be changed: a proposal has already been submitted.")


def test_configure_call_permission(world):
    for who in ("espoo_member", "vantaa_owner", "company_admin", "outsider"):
        with pytest.raises(ServicePermissionDenied):
            services.criterion_add(
                actor=world.people[who], challenge=world.challenge, name={"fi": "x"}, description={}, weight=1
            )
