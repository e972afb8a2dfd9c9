from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from ..deadline import call_is_open, deadline_passed, remaining_text

register = template.Library()

_SHOWN_STAGES = {"open_call", "evaluation", "piloting", "closed"}


@register.simple_tag(takes_context=True)
def proposals_section(context, challenge):
    """The call on the challenge page: deadline and countdown while open, the number of proposals after.

    While the call is open, no query for a visitor and one for a signed-in person (the proposals their
    organisations lead there, to continue them rather than start a second by mistake); one (a count) after.
    """
    if challenge.call_deadline is None or challenge.stage not in _SHOWN_STAGES:
        return ""
    now = timezone.now()
    passed = deadline_passed(challenge, now)
    count = 0
    if passed:
        from ..selectors import submitted_count

        count = submitted_count(challenge=challenge)
    user = context.get("user")
    own = []
    if not passed and user is not None and getattr(user, "is_authenticated", False):
        from ..selectors import active_proposals_for_call

        own = active_proposals_for_call(challenge=challenge, user=user)
    return render_to_string(
        "proposals/_challenge_section.html",
        {
            "own_proposals": own,
            "challenge": challenge,
            "is_open": call_is_open(challenge, now),
            "deadline_passed": passed,
            "remaining": remaining_text(challenge.call_deadline, now),
            "count": count,
        },
        request=context.get("request"),
    )


def _is_solver_member(user) -> bool:
    from ..rules import solver_organisation_ids

    return bool(user is not None and getattr(user, "is_authenticated", False) and solver_organisation_ids(user))


@register.simple_tag(takes_context=True)
def my_proposals_link(context) -> str:
    """The header's link to "My proposals" for members of a company or research organisation."""
    if not _is_solver_member(context.get("user")):
        return ""
    return render_to_string("proposals/_header_link.html", {"request": context.get("request")})


@register.simple_tag(takes_context=True)
def my_proposals_panel(context) -> str:
    """On the workspace: the consortium invitations waiting for the user's answer and the link to "My proposals".
    Nothing for someone who is not in a company or research organisation and has no invitation."""
    from ..selectors import partner_invitations_for_user

    user = context.get("user")
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    invitations = list(partner_invitations_for_user(user=user))
    if not invitations and not _is_solver_member(user):
        return ""
    return render_to_string(
        "proposals/_workspace_panel.html", {"invitations": invitations}, request=context.get("request")
    )
