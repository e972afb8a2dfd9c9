from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from ..deadline import call_is_open, deadline_passed, remaining_text

register = template.Library()

_SHOWN_STAGES = {"open_call", "evaluation", "piloting", "closed"}


@register.simple_tag(takes_context=True)
def proposals_section(context, challenge):
    """The call on the challenge page: deadline and countdown while open, the number of proposals after.

    No query while the call is open and one (a count) after the deadline.
    """
    if challenge.call_deadline is None or challenge.stage not in _SHOWN_STAGES:
        return ""
    now = timezone.now()
    passed = deadline_passed(challenge, now)
    count = 0
    if passed:
        from ..selectors import submitted_count

        count = submitted_count(challenge=challenge)
    return render_to_string(
        "proposals/_challenge_section.html",
        {
            "challenge": challenge,
            "is_open": call_is_open(challenge, now),
            "deadline_passed": passed,
            "remaining": remaining_text(challenge.call_deadline, now),
            "count": count,
        },
        request=context.get("request"),
    )
