"""The download on the account page: everything about the person, their files, nothing of anyone else."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from haastemoottori.audit.models import AuditEvent
from haastemoottori.privacy.audit_actions import AuditAction

pytestmark = pytest.mark.django_db

OWN = ["zorblax.marker@quimby.test", "Zorblax Quimbyson", "Kommentti ZORBTEXT", "Kysymys ZORBTEXT", "Haku ZORBTEXT"]
OTHERS = ["qwertycoll", "Qwerty Collinsworth", "QWERTYCOLL", "QWERTYPROPOSAL", "admin@company.test", "heir@zorbco"]


def download(client, user):
    client.force_login(user)
    response = client.post(reverse("privacy:my_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_export_holds_everything_about_the_person_and_nothing_of_others(client, person, colleague):
    archive = download(client, person.user)
    text = archive.read("data.json").decode()
    data = json.loads(text)
    for marker in OWN:
        assert marker in text, marker
    for marker in OTHERS:
        assert marker.lower() not in text.lower(), marker
    sections = data["sections"]
    for key in (
        "accounts.user",
        "organisations.membership",
        "proposals.proposal",
        "proposals.proposalattachment",
        "proposals.answers_in_proposals_you_created",
        "comments.comment",
        "qa.question",
        "alerts.follow",
        "alerts.savedsearch",
        "notifications.alertpreference",
        "notifications.notification",
        "organisations.invitation",
        "audit.auditevent",
        "audit.changes_to_your_account",
    ):
        assert sections.get(key, {}).get("rows"), key
    assert "password" not in sections["accounts.user"]["rows"][0]
    assert "token_hash" not in sections["organisations.invitation"]["rows"][0]
    proposal = sections["proposals.proposal"]["rows"][0]
    assert proposal["created_by"] == "you" and proposal["title"] == "Ehdotus ZORBPROPOSAL"
    # Their uploaded file, byte for byte.
    attachment = sections["proposals.proposalattachment"]["rows"][0]
    assert archive.read(attachment["file"]).startswith(b"%PDF")


def test_the_colleagues_export_has_none_of_the_person(client, person, colleague):
    text = download(client, colleague).read("data.json").decode()
    assert "QWERTYCOLL" in text
    for marker in ("zorblax", "Quimbyson", "ZORBTEXT", "ZORBPROPOSAL"):
        assert marker.lower() not in text.lower(), marker


def test_an_export_is_audited(client, person):
    download(client, person.user)
    event = AuditEvent.objects.get(action=AuditAction.DATA_EXPORTED)
    assert event.actor_id == person.user.pk and event.target_id == str(person.user.pk)


def test_the_page_explains_and_needs_signing_in(client, person):
    response = client.get(reverse("privacy:my_data"))
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(person.user)
    assert client.get(reverse("privacy:my_data")).status_code == 200
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("privacy:my_data") in profile and reverse("privacy:delete_account") in profile
