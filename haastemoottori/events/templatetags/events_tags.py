from django import template
from django.template.loader import render_to_string

from ..selectors import events_for_challenge_section

register = template.Library()


@register.simple_tag(takes_context=True)
def events_section(context, challenge):
    """Upcoming events of the challenge for its page: one query (nothing cached per user)."""
    if not challenge.is_public:
        return ""
    user = context.get("user")
    can_add = bool(user and user.is_authenticated and user.has_perm("events.add_event"))
    return render_to_string(
        "events/_challenge_section.html",
        {
            "challenge": challenge,
            "events": events_for_challenge_section(challenge=challenge),
            "can_add": can_add,
        },
        request=context.get("request"),
    )
