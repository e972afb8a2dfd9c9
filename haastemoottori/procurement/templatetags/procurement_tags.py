from django import template
from django.template.loader import render_to_string

register = template.Library()

_SHOWN_STAGES = {"open_call", "evaluation", "piloting", "closed"}


@register.simple_tag(takes_context=True)
def procurement_section(context, challenge):
    """The procurement path on the challenge page: route, number of notices and awards, links.

    No query outside the open call, evaluation, piloting and closed stages; one query in them (two when a
    notice read from eForms shows the procurement that followed).
    """
    if challenge.stage not in _SHOWN_STAGES:
        return ""
    from ..notice_display import notice_view
    from ..selectors import path_summary

    path = path_summary(challenge=challenge)
    user = context.get("user")
    can_edit = bool(
        user is not None and user.is_authenticated and user.has_perm("procurement.change_procurement", challenge)
    )
    if path is None and not can_edit:
        return ""
    return render_to_string(
        "procurement/_challenge_section.html",
        {
            "challenge": challenge,
            "path": path,
            "can_edit": can_edit,
            "followed": notice_view(path.followed) if path is not None and path.followed else None,
        },
        request=context.get("request"),
    )
