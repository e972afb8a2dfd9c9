from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def qa_section(context, challenge):
    """The qa section of the challenge page (placeholder until the app renders one)."""
    return ""
