"""Deleting an account: told beforehand, confirmed with the password, then no personal field of the person
in any table, export, page or search index, while the proposal they submitted stays intact for their
organisation and the evaluators."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from haastemoottori.accounts.models import User
from haastemoottori.audit.models import AuditEvent
from haastemoottori.events.models import Registration
from haastemoottori.organisations.models import Membership
from haastemoottori.privacy.audit_actions import AuditAction
from haastemoottori.privacy.services_export import personal_data_collect
from haastemoottori.proposals.models import Proposal, ProposalAnswer, ProposalAttachment
from haastemoottori.qa.models import Question

pytestmark = pytest.mark.django_db

MARKERS = ["zorblax", "Quimbyson"]


def tables_mentioning(markers: list[str]) -> list[str]:
    """Every column of every table in the database, models or not (the search engine's full-text tables,
    the task queue, sessions), read as text and searched for each marker, case-insensitively."""
    found = []
    like = "ILIKE" if connection.vendor == "postgresql" else "LIKE"  # SQLite's LIKE ignores ASCII case
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor, include_views=False):
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            for column in columns:
                for marker in markers:
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {quote(table)} WHERE CAST({quote(column)} AS TEXT) {like} %s",  # noqa: S608
                        [f"%{marker}%"],
                    )
                    if cursor.fetchone()[0]:
                        found.append(f"{table}.{column} ~ {marker}")
    return found


def test_the_scan_finds_the_markers_before_erasure(person):
    found = tables_mentioning([*MARKERS, "ZORBTEXT"])
    for table in ("accounts_user.email", "audit_auditevent.", "notifications_notification.", "events_registration."):
        assert any(item.startswith(table) for item in found), table


def test_the_page_tells_what_is_erased_what_stays_and_that_of_the_sole_admin(client, person):
    client.force_login(person.user)
    with translation.override("en"):
        page = client.get(reverse("privacy:delete_account")).content.decode()
        assert reverse("privacy:my_data") in page
    assert "Zorbco Oy" in page  # the sole admin's organisation is named
    assert "heir@zorbco.test" in page  # and who becomes its admin
    for kept in ("Proposals you wrote", "audit trail", "comments"):
        assert kept.lower() in page.lower(), kept


def test_a_wrong_password_changes_nothing(client, person):
    client.force_login(person.user)
    response = client.post(reverse("privacy:delete_account"), {"password": "wrong-password", "understood": "on"})
    assert response.status_code == 400
    assert "not correct" in response.content.decode() or "oikein" in response.content.decode()
    person.user.refresh_from_db()
    assert person.user.email == "zorblax.marker@quimby.test" and person.user.is_active
    assert not AuditEvent.objects.filter(action=AuditAction.ACCOUNT_ERASED).exists()


def test_erasure_leaves_no_personal_field_and_keeps_the_proposal(client, person, colleague):
    user, proposal = person.user, person.proposal
    answers_before = list(ProposalAnswer.objects.filter(proposal=proposal).values_list("text", flat=True))
    client.force_login(user)
    response = client.post(
        reverse("privacy:delete_account"), {"password": "test-password-123", "understood": "on"}, follow=True
    )
    assert response.status_code == 200

    # Nothing anywhere: every table, the person's own export, the public pages.
    assert tables_mentioning([*MARKERS, "zorblax.marker@quimby.test"]) == []
    # The seat went to the colleague on the waiting list.
    assert Registration.objects.get(event=person.event, user=colleague).status == Registration.Status.REGISTERED
    tombstone = User.objects.get(pk=user.pk)
    sections, _files = personal_data_collect(tombstone)
    assert not any(m.lower() in str(sections).lower() for m in MARKERS)
    page = client.get(reverse("challenges:detail", args=[person.w.challenge.slug])).content.decode()
    assert not any(m.lower() in page.lower() for m in MARKERS)
    # They can no longer sign in; their session ended.
    client.post(reverse("accounts:login"), {"username": "zorblax.marker@quimby.test", "password": "test-password-123"})
    assert "_auth_user_id" not in client.session
    assert not tombstone.is_active and not tombstone.has_usable_password() and tombstone.full_name == ""

    # The proposal is intact for the organisation and the evaluator.
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.status == Proposal.Status.SUBMITTED and proposal.title == "Ehdotus ZORBPROPOSAL"
    assert proposal.created_by_id is None and proposal.submitted_by_id is None
    assert list(ProposalAnswer.objects.filter(proposal=proposal).values_list("text", flat=True)) == answers_before
    assert ProposalAttachment.objects.filter(proposal=proposal).count() == 1
    detail = reverse("proposals:detail", args=[proposal.pk])
    for reader in (person.w.people["lead_admin"], person.w.people["evaluator"]):
        client.force_login(reader)
        assert client.get(detail).status_code == 200, reader

    # Own rows gone, shared ones anonymised; the small company got an admin; the colleague untouched.
    assert not Membership.objects.filter(user=tombstone).exists()
    assert Membership.objects.get(user=person.heir, organisation=person.small).role == Membership.Role.ADMIN
    assert not Question.objects.filter(asker=tombstone).exists()
    assert User.objects.get(pk=colleague.pk).full_name == "Qwerty Collinsworth"
    assert tables_mentioning(["QWERTYCOLL"])  # the colleague's own data stays

    # Audited, without the name.
    erased = AuditEvent.objects.get(action=AuditAction.ACCOUNT_ERASED)
    assert erased.target_id == str(user.pk) and erased.data["reason"] == "self"
    assert AuditEvent.objects.filter(actor_id=user.pk).count() > 1  # the trail stays


def test_an_account_without_password_must_have_signed_in_recently(client, person):
    from datetime import timedelta

    from django.utils import timezone

    user = person.user
    user.set_unusable_password()
    user.last_login = timezone.now() - timedelta(hours=2)
    user.save()
    client.force_login(user)  # updates last_login: set it back to long ago
    User.objects.filter(pk=user.pk).update(last_login=timezone.now() - timedelta(hours=2))
    page = client.get(reverse("privacy:delete_account")).content.decode()
    assert 'name="password"' not in page
    response = client.post(reverse("privacy:delete_account"), {"understood": "on"})
    assert response.status_code == 400
    assert User.objects.get(pk=user.pk).is_active
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    client.post(reverse("privacy:delete_account"), {"understood": "on"})
    assert not User.objects.get(pk=user.pk).is_active
