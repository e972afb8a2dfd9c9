"""The references on an organisation's profile (its members see all, others the ones it chose to show)."""

from django import template

from ..selectors import references_of_organisation

register = template.Library()


@register.simple_tag(takes_context=True)
def organisation_references(context, organisation):
    request = context.get("request")
    if request is None:
        return []
    return references_of_organisation(organisation=organisation, user=request.user)
