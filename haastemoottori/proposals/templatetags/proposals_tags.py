from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def proposals_section(context, challenge):
    """The proposals section of the challenge page (placeholder until the app renders one)."""
    return ""
