from .department import Department
from .identifier import OrganisationIdentifier
from .membership import Membership
from .organisation import Organisation
from .reference import Reference

__all__ = ["Department", "Membership", "Organisation", "OrganisationIdentifier", "Reference"]
