from .department import Department
from .identifier import OrganisationIdentifier
from .membership import Membership
from .organisation import Organisation

__all__ = ["Department", "Membership", "Organisation", "OrganisationIdentifier"]
