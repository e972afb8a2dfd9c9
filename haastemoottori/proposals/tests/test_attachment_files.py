"""An attachment's file follows its row: a rolled-back upload leaves no file, a removed question takes its files."""

import pytest
from django.db import transaction

from haastemoottori.proposals import services
from haastemoottori.proposals.models import ProposalAttachment

from .conftest import PDF, make_proposal, upload

pytestmark = pytest.mark.django_db


def _stored(storage):
    _dirs, names = storage.listdir("proposals") if storage.exists("proposals") else ([], [])
    return set(names)


def test_an_upload_rolled_back_leaves_no_file(world):
    proposal = make_proposal(world)
    storage = proposal.attachments.get().file.storage
    before = _stored(storage)
    with pytest.raises(RuntimeError), transaction.atomic():
        attachment = services.attachment_upload(
            actor=world.people["lead_member"],
            proposal=proposal,
            question=world.q["plan"],
            uploaded_file=upload("toinen.pdf", PDF),
        )
        assert storage.exists(attachment.file.name)
        raise RuntimeError("something after the upload failed")
    assert not storage.exists(attachment.file.name)
    assert _stored(storage) == before


def test_a_removed_question_removes_its_files_on_commit(world, django_capture_on_commit_callbacks):
    proposal = make_proposal(world)
    attachment = proposal.attachments.get()
    storage, name = attachment.file.storage, attachment.file.name
    question = world.q["plan"]
    with django_capture_on_commit_callbacks(execute=True):
        services.question_delete(actor=world.people["espoo_owner"], question=question)
    assert not ProposalAttachment.objects.filter(pk=attachment.pk).exists()
    assert not storage.exists(name)
