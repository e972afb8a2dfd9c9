"""Public challenge lists on the pages of lower apps (an organisation's profile, the list of owners, a
development platform). Those apps' templates load this library; their Python never imports challenges."""

from django import template
from django.db.models import QuerySet

from haastemoottori.organisations.models import Organisation
from haastemoottori.platforms.models import DevelopmentPlatform

from ..models import Challenge
from ..selectors import city_list_with_counts, organisation_public_challenges, platform_public_challenges

register = template.Library()


@register.simple_tag
def public_challenges_of(organisation: Organisation, limit: int = 50) -> QuerySet[Challenge]:
    return organisation_public_challenges(organisation=organisation)[:limit]


@register.simple_tag
def public_challenges_on(platform: DevelopmentPlatform, limit: int = 50) -> QuerySet[Challenge]:
    return platform_public_challenges(platform=platform)[:limit]


@register.simple_tag
def owners_with_challenge_counts() -> QuerySet[Organisation]:
    """Challenge owners, each with ``public_challenges`` (one query)."""
    return city_list_with_counts()
