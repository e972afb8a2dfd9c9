from django import template
from django.template.loader import render_to_string

register = template.Library()

_SHOWN_STAGES = {"piloting", "closed"}


@register.simple_tag(takes_context=True)
def pilots_section(context, challenge):
    """The pilots of the challenge on its page: no query before piloting, then one (plus none for anonymous).

    In evaluation the owners see only a link to start pilots from selected proposals (no query: the
    permission reads the prefetched ownerships and the per-request membership cache).
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    can_manage = bool(user is not None and user.is_authenticated and user.has_perm("pilots.manage_pilot", challenge))
    if challenge.stage not in _SHOWN_STAGES:
        if challenge.stage == "evaluation" and can_manage:
            return render_to_string("pilots/_challenge_section.html", {
                "challenge": challenge, "pilots": [], "can_manage": True}, request=request)
        return ""
    from ..models import Pilot

    pilots = list(Pilot.objects.filter(challenge=challenge).order_by("id"))
    return render_to_string("pilots/_challenge_section.html", {
        "challenge": challenge, "pilots": pilots, "can_manage": can_manage}, request=request)


@register.simple_tag(takes_context=True)
def adoptions_section(context, challenge):
    """“Adopted by: <city> (date)” and the “Adopt in my city” button on a public challenge page.

    One query for anonymous visitors (the adoptions); a signed-in editor adds one for their organisations.
    """
    if not challenge.is_public:
        return ""
    from ..selectors import adoptions_of
    from ..views import adoptable_organisations

    request = context.get("request")
    user = getattr(request, "user", None)
    adoptions = adoptions_of(challenge=challenge)
    organisations = adoptable_organisations(user, challenge) if user is not None and user.is_authenticated else []
    if not adoptions and not organisations:
        return ""
    return render_to_string("pilots/_adoptions.html", {
        "challenge": challenge, "adoptions": adoptions, "adopt_organisations": organisations}, request=request)
