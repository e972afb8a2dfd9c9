from django import template
from django.template.loader import render_to_string

from ..selectors import comment_counts, is_open

register = template.Library()


@register.simple_tag(takes_context=True)
def comments_section(context, challenge):
    """The comments section of the challenge page: counts, a link and the invitation (one query)."""
    if not challenge.is_public:
        return ""
    counts = comment_counts(challenge=challenge)
    return render_to_string(
        "comments/_challenge_section.html",
        {
            "challenge": challenge,
            "total": counts["total"],
            "taken": counts["taken"],
            "is_open": is_open(challenge),
        },
    )
