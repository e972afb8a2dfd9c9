from django import template
from django.template.loader import render_to_string

from ..selectors import questions_latest, questions_open

register = template.Library()


@register.simple_tag(takes_context=True)
def qa_section(context, challenge):
    """The Q&A section of the challenge page: how many answers, the latest three, links to the log.

    One query (the latest items with the total); the permission checks read what the page has loaded.
    """
    if not challenge.is_public:
        return ""
    request = context.get("request")
    user = getattr(request, "user", None)
    total, latest = questions_latest(challenge=challenge)
    return render_to_string(
        "qa/_challenge_section.html",
        {
            "challenge": challenge,
            "total": total,
            "latest": latest,
            "is_open": questions_open(challenge=challenge),
            "can_view_pending": bool(user and user.has_perm("qa.view_pending_questions", challenge)),
        },
        request=request,
    )
