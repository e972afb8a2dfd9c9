"""Named permissions for the matcher's suggestions. Tested per role in tests/test_rules.py."""

import rules

from haastemoottori.challenges.rules import is_owner_member
from haastemoottori.organisations.rules import is_platform_admin, member_organisation_ids


@rules.predicate
def is_solver_member(user, organisation) -> bool:
    return (
        organisation is not None
        and organisation.kind in ("company", "research")
        and organisation.pk in member_organisation_ids(user)
    )


# Owners' staff see and rate the solvers suggested for their challenge (evaluators included).
rules.add_perm("discovery.view_solver_suggestions", is_owner_member | is_platform_admin)
# A company's or research organisation's members see and rate the challenges suggested to it.
rules.add_perm("discovery.view_challenge_suggestions", is_solver_member | is_platform_admin)
# Platform staff export everyone's ratings (no personal data in them) to evaluate the matcher.
rules.add_perm("discovery.export_match_feedback", is_platform_admin)
