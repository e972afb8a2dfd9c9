"""Named permissions for the backlog of candidate challenges. Tested per role in tests/test_permissions.py.

A city's backlog holds the candidates whose challenge the city owns (lead or co-owner). Its staff score
them against the city's criteria; its editors configure the criteria, promote and publish.
"""

import rules

from haastemoottori.challenges.models import ChallengeOwnership
from haastemoottori.challenges.rules import is_lead_editor
from haastemoottori.organisations.rules import is_platform_admin
from haastemoottori.signals.rules import editor_city_ids, is_editor_of_city, is_staff_of_city


@rules.predicate
def is_candidate_owner_editor(user, candidate) -> bool:
    return candidate is not None and is_lead_editor(user, candidate.challenge)


@rules.predicate
def can_promote(user) -> bool:
    return bool(editor_city_ids(user))


# See a city's backlog, its ranking and the submitted scores (obj: the city).
rules.add_perm("backlog.view_backlog", is_staff_of_city | is_platform_admin)
# Score candidates and compare pairs in a city's backlog (obj: the city; the service checks ownership).
rules.add_perm("backlog.score", is_staff_of_city)
# The city's criteria and weights (obj: the city).
rules.add_perm("backlog.configure_criteria", is_editor_of_city | is_platform_admin)
# Promote a cluster or a signal to a draft challenge in one of the user's cities.
rules.add_perm("backlog.promote", can_promote | is_platform_admin)
# Publish a candidate's ranking and reasons, or withdraw it (obj: the candidate).
rules.add_perm("backlog.publish_candidate", is_candidate_owner_editor | is_platform_admin)


def can_score(user, city) -> bool:
    """``backlog.score`` through ``rules.has_perm``: unlike Django's ``user.has_perm``, it does not give a platform
    admin (a superuser) every permission. Admins read every backlog but do not score."""
    return rules.has_perm("backlog.score", user, city)


# The owners in whose backlogs a candidate challenge is: its lead and co-owners.
BACKLOG_ROLES = (ChallengeOwnership.Role.LEAD, ChallengeOwnership.Role.CO_OWNER)
