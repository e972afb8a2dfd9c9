"""The sitemap (``/sitemap.xml``): every public page, in each language with its hreflang alternates.

One query per section whatever the number of records: each section reads only the columns its addresses
and update times need. What is not public never enters: drafts and challenges in review (``public()``),
withdrawn challenges (their page stays readable, marked, but is not offered to search engines), unlisted
organisation profiles, cancelled events and the pilots of unpublished challenges.
"""

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q, QuerySet
from django.urls import reverse

from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.challenges.models import Challenge
from haastemoottori.events.models import Event
from haastemoottori.organisations.models import Organisation
from haastemoottori.pilots.models import Pilot
from haastemoottori.platforms.models import DevelopmentPlatform
from haastemoottori.qa.models import Question


class _Multilingual(Sitemap):
    """Each address once per language (``/fi/…``, ``/sv/…``, ``/en/…``), each listing the others and x-default."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(_Multilingual):
    """The home page, the lists and the site's own pages (no update time: they change with what they list)."""

    def items(self) -> list[str]:
        return [
            "site:home",
            "challenges:list",
            "organisations:list",
            "platforms:list",
            "events:list",
            "pilots:list",
            "impact:dashboard",
            "foresight:index",
            "site:accessibility",
            "site:privacy",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


def sitemap_challenges() -> QuerySet[Challenge]:
    """Public challenges that are offered to search engines: published once and not withdrawn."""
    return Challenge.objects.public().exclude(stage=Stage.WITHDRAWN)


class ChallengeSitemap(_Multilingual):
    def items(self) -> QuerySet[Challenge]:
        return sitemap_challenges().only("slug", "updated_at").order_by("-published_at", "id")

    def location(self, item: Challenge) -> str:
        return reverse("challenges:detail", args=[item.slug])

    def lastmod(self, item: Challenge) -> datetime:
        return item.updated_at


class QuestionLogSitemap(_Multilingual):
    """The public questions and answers of a challenge, once at least one has been published."""

    def items(self) -> QuerySet[Challenge]:
        published = Q(questions__status=Question.Status.PUBLISHED)
        return (
            sitemap_challenges()
            .annotate(last_published=Max("questions__published_at", filter=published))
            .filter(last_published__isnull=False)
            .only("slug")
            .order_by("-published_at", "id")
        )

    def location(self, item: Challenge) -> str:
        return reverse("qa:log", args=[item.slug])

    def lastmod(self, item: Challenge) -> datetime:
        return item.last_published  # type: ignore[attr-defined]  # annotated above


class OrganisationSitemap(_Multilingual):
    def items(self) -> QuerySet[Organisation]:
        return Organisation.objects.listed().only("slug", "updated_at").order_by("slug")

    def location(self, item: Organisation) -> str:
        return reverse("organisations:detail", args=[item.slug])

    def lastmod(self, item: Organisation) -> datetime:
        return item.updated_at


class PlatformSitemap(_Multilingual):
    def items(self) -> QuerySet[DevelopmentPlatform]:
        return DevelopmentPlatform.objects.only("slug").order_by("slug")

    def location(self, item: DevelopmentPlatform) -> str:
        return reverse("platforms:detail", args=[item.slug])


class EventSitemap(_Multilingual):
    def items(self) -> QuerySet[Event]:
        return Event.objects.published().only("slug", "updated_at").order_by("-starts_at", "id")

    def location(self, item: Event) -> str:
        return reverse("events:detail", args=[item.slug])

    def lastmod(self, item: Event) -> datetime:
        return item.updated_at


class PilotSitemap(_Multilingual):
    def items(self) -> QuerySet[Pilot]:
        return Pilot.objects.public().only("pk", "updated_at").order_by("-id")

    def location(self, item: Pilot) -> str:
        return reverse("pilots:detail", args=[item.pk])

    def lastmod(self, item: Pilot) -> datetime:
        return item.updated_at


SITEMAPS: dict[str, type[Sitemap]] = {
    "pages": StaticPagesSitemap,
    "challenges": ChallengeSitemap,
    "questions": QuestionLogSitemap,
    "organisations": OrganisationSitemap,
    "platforms": PlatformSitemap,
    "events": EventSitemap,
    "pilots": PilotSitemap,
}
