from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def comments_section(context, challenge):
    """The comments section of the challenge page (placeholder until the app renders one)."""
    return ""
