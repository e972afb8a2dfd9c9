"""The pilots on a development platform, for the platform's public page (platforms sits below pilots, so the
page asks through this tag, as it does for its challenges)."""

from django import template

from ..selectors_requests import platform_pilots

register = template.Library()


@register.simple_tag
def pilots_on_platform(platform):
    """Approved pilots now, coming and before (public fields only), and the finished pilot records on it."""
    return platform_pilots(platform=platform)
