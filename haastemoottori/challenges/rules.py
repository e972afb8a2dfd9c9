"""Named permissions for challenges, as predicates (the ``rules`` library). Tested per role."""

import rules

from haastemoottori.organisations.models import Membership
from haastemoottori.organisations.rules import editor_organisation_ids, is_platform_admin, member_organisation_ids


@rules.predicate
def is_published(user, challenge) -> bool:
    return challenge is not None and challenge.published_at is not None


def _owner_ids(challenge, roles=None) -> set[int]:
    return {o.organisation_id for o in challenge.ownerships.all() if roles is None or o.role in roles}


@rules.predicate
def is_owner_member(user, challenge) -> bool:
    """Any member of any owning organisation (lead, co-owner or contributor)."""
    return challenge is not None and bool(_owner_ids(challenge) & member_organisation_ids(user))


@rules.predicate
def is_owner_editor(user, challenge) -> bool:
    """An organisation admin or challenge owner in the lead or a co-owner organisation."""
    if challenge is None:
        return False
    return bool(_owner_ids(challenge, ("lead", "co_owner")) & editor_organisation_ids(user))


@rules.predicate
def is_lead_editor(user, challenge) -> bool:
    """An organisation admin or challenge owner in the lead organisation."""
    return challenge is not None and bool(_owner_ids(challenge, ("lead",)) & editor_organisation_ids(user))


@rules.predicate
def can_create_challenges(user) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user, role__in=Membership.EDITOR_ROLES, organisation__kind__in=("city", "public")
    ).exists()


rules.add_perm("challenges.view_challenge", is_published | is_owner_member | is_platform_admin)
rules.add_perm("challenges.view_challenge_history", is_owner_member | is_platform_admin)
rules.add_perm("challenges.add_challenge", can_create_challenges | is_platform_admin)
rules.add_perm("challenges.change_challenge", is_owner_editor | is_platform_admin)
rules.add_perm("challenges.manage_owners", is_lead_editor | is_platform_admin)
rules.add_perm("challenges.transition_challenge", is_lead_editor | is_platform_admin)
# Approval is given on behalf of one organisation; the service also checks the organisation.
rules.add_perm("challenges.approve_challenge", is_owner_editor)
