"""The header's link to the inbox with the unread count: one query for a signed-in person, none otherwise."""

from django import template
from django.template.loader import render_to_string

from ..selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def notifications_link(context) -> str:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return ""
    return render_to_string("notifications/_header_link.html", {"unread": unread_count(user=user)})
