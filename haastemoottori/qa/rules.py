"""Named permissions for the Q&A of a challenge. Every rule takes the challenge as its object."""

import rules

from haastemoottori.challenges.rules import is_owner_editor, is_owner_member, is_published
from haastemoottori.organisations.rules import is_platform_admin


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


# Anyone signed in may ask about a published challenge, except the people of its owner organisations
# (they answer). Whether questions are open now (stage, deadlines) is checked by the service.
rules.add_perm("qa.ask_question", is_signed_in & is_published & ~is_owner_member)
# Answer, publish, merge, decline, clarify and set the questions deadline.
rules.add_perm("qa.answer_question", is_owner_editor | is_platform_admin)
# See the questions waiting for an answer (contributors read them, editors act on them).
rules.add_perm("qa.view_pending_questions", is_owner_member | is_platform_admin)
rules.add_perm("qa.set_questions_deadline", is_owner_editor | is_platform_admin)
