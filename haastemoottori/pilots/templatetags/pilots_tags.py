from django import template
from django.template.loader import render_to_string

from ..formatting import plain

register = template.Library()


@register.filter
def plain_number(value) -> str:
    """A KPI number in the page language without exponent notation or trailing zeros (``3E+1`` → ``30``)."""
    return plain(value)


# Before the evaluation no proposal can be selected, so no pilot can exist: no query then.
_NO_PILOTS_YET = {"draft", "in_review", "co_definition", "open_call"}
# Stages in which the section shows even without pilots (“No pilots yet”).
_EXPECTING_PILOTS = {"piloting", "closed"}


@register.simple_tag(takes_context=True)
def pilots_section(context, challenge):
    """The challenge's pilots that the viewer may see, in whatever stage the challenge is (a finished pilot stays
    listed while the challenge is still in evaluation, closed or archived).

    No query before the evaluation; from then on one (two on a non-public challenge, whose pilots are filtered
    by permission). The owners' editors also get the link to start and manage pilots (no query: the permission
    reads the prefetched ownerships and the per-request membership cache).
    """
    if challenge.stage in _NO_PILOTS_YET:
        return ""
    from ..selectors import pilots_visible_on_challenge

    request = context.get("request")
    user = getattr(request, "user", None)
    can_manage = bool(user is not None and user.is_authenticated and user.has_perm("pilots.manage_pilot", challenge))
    pilots = pilots_visible_on_challenge(challenge=challenge, user=user)
    if not pilots and not can_manage and challenge.stage not in _EXPECTING_PILOTS:
        return ""
    return render_to_string(
        "pilots/_challenge_section.html",
        {"challenge": challenge, "pilots": pilots, "can_manage": can_manage},
        request=request,
    )


@register.simple_tag(takes_context=True)
def adoptions_section(context, challenge):
    """“Adopted by: <city> (date)”, each city once, and the “Adopt in my city” button on a public challenge page.

    The button is offered for the viewer's cities that neither own the challenge nor have adopted it already;
    for a city that has, the viewer gets a link to its copy instead. One query for anonymous visitors (the
    adoptions); a signed-in editor adds one for their organisations.
    """
    if not challenge.is_public:
        return ""
    from ..selectors import adoptions_of
    from ..views import adoption_choices

    request = context.get("request")
    user = getattr(request, "user", None)
    adoptions = adoptions_of(challenge=challenge)
    organisations, own_copies = [], []
    if user is not None and user.is_authenticated:
        organisations, own_copies, _owned = adoption_choices(user, challenge, adoptions)
    if not adoptions and not organisations:
        return ""
    return render_to_string(
        "pilots/_adoptions.html",
        {
            "challenge": challenge,
            "adoptions": adoptions,
            "adopt_organisations": organisations,
            "own_copies": own_copies,
        },
        request=request,
    )
