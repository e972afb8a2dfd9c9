from .department import Department
from .dispute import VerificationDispute
from .identifier import OrganisationIdentifier
from .invitation import Invitation
from .join_request import JoinRequest
from .membership import Membership
from .organisation import Organisation
from .reference import Reference

__all__ = [
    "Department",
    "Invitation",
    "JoinRequest",
    "Membership",
    "Organisation",
    "OrganisationIdentifier",
    "Reference",
    "VerificationDispute",
]
