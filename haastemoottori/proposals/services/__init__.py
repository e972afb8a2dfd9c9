"""Writes for calls and proposals. Every service checks its named permission and the deadline, and audits."""

from .attachments import attachment_delete, attachment_download_record, attachment_upload
from .call import (
    call_ensure,
    call_update,
    criterion_add,
    criterion_delete,
    question_add,
    question_delete,
    question_update,
)
from .partners import partner_invite, partner_remove, partner_respond
from .proposals import proposal_save, proposal_start, proposal_submit, proposal_withdraw

__all__ = [
    "attachment_delete",
    "attachment_download_record",
    "attachment_upload",
    "call_ensure",
    "call_update",
    "criterion_add",
    "criterion_delete",
    "partner_invite",
    "partner_remove",
    "partner_respond",
    "proposal_save",
    "proposal_start",
    "proposal_submit",
    "proposal_withdraw",
    "question_add",
    "question_delete",
    "question_update",
]
