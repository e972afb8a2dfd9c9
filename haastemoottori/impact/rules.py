"""Named permissions for the impact dashboard (the ``rules`` library). Tested per role."""

import rules

from haastemoottori.organisations.rules import is_platform_admin

from .selectors import staff_owner_organisation_ids


@rules.predicate
def is_owner_organisation_member(user) -> bool:
    """A member (any role) of a city or another public body."""
    return bool(staff_owner_organisation_ids(user))


rules.add_perm("impact.view_staff_dashboard", is_owner_organisation_member | is_platform_admin)
