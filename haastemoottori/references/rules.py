"""Named permissions for pilot references (tested per role in tests/test_permissions.py and the matrix)."""

import rules

from haastemoottori.organisations.rules import (
    admin_organisation_ids,
    editor_organisation_ids,
    is_platform_admin,
    member_organisation_ids,
)


def lead_city_id(pilot) -> int | None:
    """The lead owner city of the pilot's challenge: the one that issues its references."""
    for ownership in pilot.challenge.ownerships.all():
        if ownership.role == "lead":
            return ownership.organisation_id
    return None


@rules.predicate
def is_lead_city_editor(user, pilot) -> bool:
    return pilot is not None and lead_city_id(pilot) in editor_organisation_ids(user)


@rules.predicate
def is_issuer_editor(user, reference) -> bool:
    return reference is not None and reference.issuer_id in editor_organisation_ids(user)


@rules.predicate
def is_issuer_member(user, reference) -> bool:
    return reference is not None and reference.issuer_id in member_organisation_ids(user)


@rules.predicate
def is_holder_member(user, reference) -> bool:
    return reference is not None and reference.organisation_id in member_organisation_ids(user)


@rules.predicate
def is_holder_admin(user, reference) -> bool:
    return reference is not None and reference.organisation_id in admin_organisation_ids(user)


@rules.predicate
def is_shown_reference(user, reference) -> bool:
    """The holder chose to show it on its profile, it is not revoked, and the pilot is public."""
    return (
        reference is not None
        and reference.is_public
        and reference.revoked_at is None
        and reference.pilot.challenge.published_at is not None
    )


# Issuing: an editor of the lead owner city (or the platform admin, who still issues in the city's name).
rules.add_perm("references.issue_reference", is_lead_city_editor | is_platform_admin)
rules.add_perm(
    "references.view_reference", is_shown_reference | is_holder_member | is_issuer_member | is_platform_admin
)
rules.add_perm("references.revoke_reference", is_issuer_editor | is_platform_admin)
# Whether the reference is shown on the profile is the holder's choice: its organisation admins (a platform admin,
# a superuser, passes every permission check anyway, as support).
rules.add_perm("references.show_reference", is_holder_admin)
