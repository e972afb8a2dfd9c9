"""Proposals for the export and erasure of personal data (privacy/registry.py). A proposal is the lead
organisation's: it stays intact for the organisation and the evaluators, only the link to the person goes."""

from django.utils.translation import gettext_lazy as _

from haastemoottori.accounts.models import User
from haastemoottori.privacy.registry import Erasure, register_extra_export, register_personal_data

from .models import AttachmentDownload, Call, Proposal, ProposalAnswer, ProposalAttachment, ProposalPartner


def _forget_addresses(user: User) -> None:
    AttachmentDownload.objects.filter(user=user).update(ip=None)


def register() -> None:
    register_personal_data(
        Proposal,
        fields={"created_by": Erasure.DETACH, "updated_by": Erasure.DETACH, "submitted_by": Erasure.DETACH},
        exclude=("content_hash",),
        kept=_(
            "Proposals you wrote or submitted stay intact for your organisation and the evaluators, without your "
            "name: they are your organisation's answers to an open call, and the call's evaluation and "
            "procurement rules require them to be kept."
        ),
    )
    register_extra_export(
        "proposals.answers_in_proposals_you_created",
        lambda user: ProposalAnswer.objects.filter(proposal__created_by=user),
    )
    register_personal_data(
        ProposalAttachment, fields={"uploaded_by": Erasure.DETACH}, files=("file",), exclude=("sha256",)
    )
    register_personal_data(AttachmentDownload, fields={"user": Erasure.DETACH}, eraser=_forget_addresses)
    register_personal_data(ProposalPartner, fields={"invited_by": Erasure.DETACH, "confirmed_by": Erasure.DETACH})
    register_personal_data(Call, fields={"updated_by": Erasure.DETACH})
