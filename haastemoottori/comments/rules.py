"""Named permissions for comments, as predicates (the ``rules`` library). Tested per role in tests/.

``add_comment``, ``moderate_comment`` and ``view_reports`` take the challenge; ``report_comment`` the comment.
A platform admin is a Django superuser and holds every permission; the services still refuse comments
outside co-definition for everyone.
"""

import rules

from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.challenges.rules import is_owner_editor, is_owner_member
from haastemoottori.organisations.rules import is_platform_admin


@rules.predicate
def is_active_person(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@rules.predicate
def is_open_for_comments(user, challenge) -> bool:
    """Comments are taken while the published challenge is in co-definition."""
    return challenge is not None and challenge.published_at is not None and challenge.stage == Stage.CO_DEFINITION


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return comment is not None and getattr(user, "pk", None) is not None and comment.author_id == user.pk


@rules.predicate
def is_comment_public(user, comment) -> bool:
    return comment is not None and comment.challenge.published_at is not None


rules.add_perm("comments.add_comment", is_active_person & is_open_for_comments)
# Anyone signed in may report someone else's comment (once; the service keeps it to once).
rules.add_perm("comments.report_comment", is_active_person & is_comment_public & ~is_comment_author)
# Editors (admins and challenge owners) of the lead and co-owner organisations decide about comments.
rules.add_perm("comments.moderate_comment", is_owner_editor | is_platform_admin)
# Every member of an owning organisation (also a contributor) may read the reports and the export.
rules.add_perm("comments.view_reports", is_owner_member | is_platform_admin)
