"""Follow buttons and feed links that other apps' pages include (challenge list, organisation page)."""

from django import template

from ..selectors import FILTER_PARAMS, filters_query, user_follows_organisation, user_follows_theme, user_saved_search

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
