from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def procurement_section(context, challenge):
    """The procurement section of the challenge page (placeholder until the app renders one)."""
    return ""
