from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def events_section(context, challenge):
    """The events section of the challenge page (placeholder until the app renders one)."""
    return ""
