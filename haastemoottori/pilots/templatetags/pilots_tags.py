from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def pilots_section(context, challenge):
    """The pilots section of the challenge page (placeholder until the app renders one)."""
    return ""
