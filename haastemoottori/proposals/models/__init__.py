from .answer import ProposalAnswer
from .attachment import ProposalAttachment
from .call import Call
from .criterion import CallCriterion
from .download import AttachmentDownload
from .partner import ProposalPartner
from .proposal import Proposal
from .question import CallQuestion

__all__ = [
    "AttachmentDownload",
    "Call",
    "CallCriterion",
    "CallQuestion",
    "Proposal",
    "ProposalAnswer",
    "ProposalAttachment",
    "ProposalPartner",
]
