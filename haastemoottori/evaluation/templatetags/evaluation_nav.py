"""The header's link to "My evaluations", for people with an evaluator assignment or the evaluator role.

Nothing is read for an anonymous visitor. A signed-in person's memberships are cached per request (the
permission checks read them anyway); only someone without the evaluator role costs one more query.
"""

from django import template
from django.template.loader import render_to_string

from haastemoottori.evaluation.models import EvaluatorAssignment
from haastemoottori.organisations.models import Membership
from haastemoottori.organisations.rules import _memberships

register = template.Library()


def is_evaluator(user) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if any(m.role == Membership.Role.EVALUATOR for m in _memberships(user)):
        return True
    return EvaluatorAssignment.objects.filter(evaluator=user).exists()


@register.simple_tag(takes_context=True)
def my_evaluations_link(context) -> str:
    if not is_evaluator(context.get("user")):
        return ""
    return render_to_string("evaluation/_header_link.html", {"request": context.get("request")})
