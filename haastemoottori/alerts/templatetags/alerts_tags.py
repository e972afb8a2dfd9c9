"""Follow buttons and feed links that other apps' pages include (challenge page and list, organisation
page, workspace). The challenge app's templates load them; its Python never imports alerts."""

from datetime import timedelta

from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from ..selectors import (
    FILTER_PARAMS,
    filters_query,
    followed_challenges,
    user_follows_challenge,
    user_follows_organisation,
    user_follows_theme,
    user_saved_search,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def alerts_list_actions(context):
    """What the challenge list can offer for its current filters: save the search, follow the theme, the feed.

    None when no filter is set or a filter is not valid. Reads the list's filter form, so an anonymous
    visitor's page makes no extra query (and stays cacheable: no form, no CSRF cookie).
    """
    request = context.get("request")
    cached = getattr(request, "_alerts_list_actions", False)
    if cached is not False:
        return cached
    form = context.get("form")
    actions = None
    if form is not None and form.is_bound and not form.errors and set(FILTER_PARAMS) <= set(form.fields):
        query = filters_query(form.cleaned_data)
        if query:
            user = context.get("user")
            theme = form.cleaned_data.get("theme") or ""
            actions = {
                "query": query,
                "theme_slug": theme,
                "theme_name": dict(form.fields["theme"].choices).get(theme, theme) if theme else "",
                "following_theme": bool(theme) and user_follows_theme(user=user, theme_slug=theme),
                "saved": user_saved_search(user=user, query=query),
            }
    if request is not None:
        request._alerts_list_actions = actions
    return actions


@register.simple_tag(takes_context=True)
def organisation_following(context, organisation) -> bool:
    return user_follows_organisation(user=context.get("user"), organisation=organisation)


@register.simple_tag(takes_context=True)
def follow_challenge_section(context, challenge) -> str:
    """The challenge page's "Follow" section: the button for a signed-in person, a sign-in link otherwise."""
    if not challenge.is_public:
        return ""
    request = context.get("request")
    user = context.get("user")
    return render_to_string(
        "alerts/_follow_challenge.html",
        {
            "challenge": challenge,
            "user": user,
            "following": user_follows_challenge(user=user, challenge=challenge),
        },
        request=request,
    )


@register.simple_tag
def challenges_followed_by(user, limit: int = 50):
    """The public challenges a person follows, for the workspace."""
    return followed_challenges(user=user)[:limit]


@register.simple_tag
def deadlines_soon(owned, followed, days: int = 31):
    """The call deadlines within a month of the challenges a person's organisations own (``owned``, already
    filtered by the workspace) and of those they follow, soonest first, each once: ``(challenge, is_owned)``."""
    now = timezone.now()
    soon: dict[int, tuple] = {c.pk: (c, True) for c in owned}
    for challenge in followed:
        deadline = challenge.call_deadline
        if challenge.pk not in soon and deadline and now <= deadline <= now + timedelta(days=days):
            soon[challenge.pk] = (challenge, False)
    return sorted(soon.values(), key=lambda pair: pair[0].call_deadline)
