"""Attachments: size and count limits, the type checked from the content, stored privately, downloads logged."""

from __future__ import annotations

import hashlib
import os
import unicodedata
from typing import TYPE_CHECKING

import filetype
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.files import file_delete_on_commit, file_save

from ..audit_actions import AuditAction
from ..errors import ErrorCode
from ..models import AttachmentDownload, CallQuestion, Proposal, ProposalAttachment
from .common import check_lead_change, lock

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from haastemoottori.accounts.models import User

# Detected type (filetype's extension) → (label, accepted file name extensions, content type served).
ALLOWED = {
    "pdf": ("PDF", {"pdf"}, "application/pdf"),
    "png": ("PNG", {"png"}, "image/png"),
    "jpg": ("JPEG", {"jpg", "jpeg"}, "image/jpeg"),
    "docx": ("DOCX", {"docx"}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("XLSX", {"xlsx"}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": ("PPTX", {"pptx"}, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "odt": ("ODT", {"odt"}, "application/vnd.oasis.opendocument.text"),
    "ods": ("ODS", {"ods"}, "application/vnd.oasis.opendocument.spreadsheet"),
    "txt": ("TXT", {"txt"}, "text/plain"),
}
_BY_EXTENSION = {ext: key for key, (_label, exts, _ct) in ALLOWED.items() for ext in exts}


def accepted_types_text() -> str:
    return ", ".join(label for label, _e, _c in ALLOWED.values())


def _clean_name(name: str) -> str:
    name = os.path.basename((name or "").replace("\\", "/"))
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C").strip()
    return name[-200:] or "file"


def _is_plain_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    head = text.lstrip()[:200].lower()
    return not head.startswith(("<!doctype", "<html", "<script", "<?xml", "<svg"))


def detect_type(data: bytes, name: str) -> str:
    """The allowed type key for the content, or raise: the extension must agree with the detected content."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = _BY_EXTENSION.get(extension)
    if expected is None:
        raise ServiceValidationError(
            ErrorCode.TYPE_NOT_ALLOWED,
            _("Files of this type are not accepted. Accepted types: %(types)s.") % {"types": accepted_types_text()},
            field="file",
        )
    kind = filetype.guess(data)
    detected = kind.extension if kind is not None else ("txt" if _is_plain_text(data) else None)
    if detected == "jpeg":
        detected = "jpg"
    if detected != expected:
        raise ServiceValidationError(
            ErrorCode.TYPE_MISMATCH,
            _("The file’s content is not a %(type)s.") % {"type": ALLOWED[expected][0]},
            field="file",
        )
    return expected


@transaction.atomic
def attachment_upload(
    *, actor: User, proposal: Proposal, question: CallQuestion, uploaded_file: UploadedFile
) -> ProposalAttachment:
    proposal = lock(proposal)
    check_lead_change(actor, proposal)
    call = proposal.call
    if question.call_id != call.pk or question.kind != CallQuestion.Kind.FILE:
        raise ServiceValidationError(ErrorCode.QUESTION, _("Choose a question that asks for a file."), field="question")
    assert uploaded_file.size is not None and uploaded_file.name is not None  # set on every upload
    if uploaded_file.size > call.max_file_size:
        raise ServiceValidationError(
            ErrorCode.TOO_LARGE,
            _("The file is too large: at most %(size)s.") % {"size": _megabytes(call.max_file_size)},
            field="file",
        )
    if uploaded_file.size == 0:
        raise ServiceValidationError(ErrorCode.EMPTY, _("The file is empty."), field="file")
    existing = list(proposal.attachments.all())
    if len(existing) >= call.max_files:
        raise ServiceConflict(
            ErrorCode.TOO_MANY,
            _("A proposal may have at most %(n)d attachments. Remove one first.") % {"n": call.max_files},
        )
    if sum(1 for a in existing if a.question_id == question.pk) >= question.max_files:
        raise ServiceConflict(
            ErrorCode.TOO_MANY_FOR_QUESTION,
            _("This question takes at most %(n)d files. Remove one first.") % {"n": question.max_files},
        )
    data = b"".join(uploaded_file.chunks())
    name = _clean_name(uploaded_file.name)
    key = detect_type(data, name)
    attachment = ProposalAttachment(
        proposal=proposal,
        question=question,
        original_name=name,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content_type=ALLOWED[key][2],
        uploaded_by=actor,
    )
    file_save(attachment.file, "upload", ContentFile(data))  # removed again if this transaction rolls back
    attachment.save()
    audit_record(
        actor=actor,
        action=AuditAction.ATTACHMENT_ADDED,
        target=proposal,
        data={"attachment": str(attachment.pk), "sha256": attachment.sha256},
    )
    return attachment


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


@transaction.atomic
def attachment_delete(*, actor: User, attachment: ProposalAttachment) -> None:
    proposal = lock(attachment.proposal)
    check_lead_change(actor, proposal)
    audit_record(
        actor=actor,
        action=AuditAction.ATTACHMENT_REMOVED,
        target=proposal,
        data={"attachment": str(attachment.pk), "sha256": attachment.sha256},
    )
    stored = attachment.file.name
    attachment.delete()
    file_delete_on_commit(attachment.file.storage, stored)


@transaction.atomic
def attachment_download_record(
    *, actor: User, attachment: ProposalAttachment, ip: str | None = None
) -> AttachmentDownload:
    if not actor.has_perm("proposals.view_proposal", attachment.proposal):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You may not download this attachment."))
    return AttachmentDownload.objects.create(attachment=attachment, user=actor, ip=ip or None)
