"""Discovery on pages of lower apps: similar challenges on a challenge's page and canvas, and the open
challenges that fit a person's companies on the workspace. The challenge templates load this library, so
the challenge app itself never imports discovery (it sits above challenges)."""

from django import template

from haastemoottori.organisations.models import Organisation

from ..recommendations import Suggestion, challenges_for_solver
from ..similar import SimilarChallenge, similar_challenges, similar_text

register = template.Library()


@register.simple_tag
def similar_to(challenge, k: int = 6) -> list[SimilarChallenge]:
    """Public challenges that look like this one (``{% similar_to challenge k=4 as similar %}``)."""
    return similar_challenges(
        text=similar_text(challenge), language=challenge.original_language, challenge_id=challenge.pk, k=k
    )


@register.simple_tag
def suggested_for(user) -> list[tuple[Organisation, list[Suggestion]]]:
    """The open challenges that fit each company or research organisation the person belongs to (up to 3)."""
    if not getattr(user, "is_authenticated", False):
        return []
    organisations = Organisation.objects.filter(memberships__user=user, kind__in=Organisation.SOLVER_KINDS)[:3]
    return [(org, challenges_for_solver(organisation=org, k=5)) for org in organisations]
