"""Atom feeds of new public challenges: per theme, per city (challenge owner) and per saved search.

Public challenges only, newest first, at most ``FEED_SIZE``; titles and summaries in the feed's language
(the URL's language prefix), falling back to the challenge's original language.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from haastemoottori.organisations.models import Organisation
from haastemoottori.taxonomy.models import Theme

from .models import SavedSearch
from .selectors import (
    challenges_public_for_organisation,
    challenges_public_for_search,
    challenges_public_for_theme,
    feed_items,
)


class ChallengeFeed(Feed):
    feed_type = Atom1Feed  # its xml:lang is the active language (Feed.language unset)

    def author_name(self, obj) -> str:
        return settings.SITE_NAME  # Atom requires an author for the feed

    def item_title(self, item) -> str:
        return str(item.t.title)

    def item_description(self, item) -> str:
        return str(item.t.summary)

    def item_link(self, item) -> str:
        return reverse("challenges:detail", args=[item.slug])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item) -> list[str]:
        return [str(theme) for theme in item.themes.all()]


class ThemeFeed(ChallengeFeed):
    def get_object(self, request, slug: str):
        return get_object_or_404(Theme, slug=slug)

    def title(self, obj) -> str:
        return _("New challenges in the theme %(theme)s – %(site)s") % {"theme": obj, "site": settings.SITE_NAME}

    def subtitle(self, obj) -> str:
        return _("Open development challenges of the cities, newest first.")

    def link(self, obj) -> str:
        return f"{reverse('challenges:list')}?{urlencode({'theme': obj.slug})}"

    def items(self, obj):
        return feed_items(challenges_public_for_theme(theme=obj))


class OrganisationFeed(ChallengeFeed):
    def get_object(self, request, slug: str):
        organisation = (
            Organisation.objects.listed().defer("description", "capabilities", "offering").filter(slug=slug).first()
        )
        if organisation is None or not organisation.can_own_challenges:
            raise Http404
        return organisation

    def title(self, obj) -> str:
        return _("New challenges from %(owner)s – %(site)s") % {"owner": obj, "site": settings.SITE_NAME}

    def subtitle(self, obj) -> str:
        return _("Open development challenges of the cities, newest first.")

    def link(self, obj) -> str:
        return reverse("organisations:detail", args=[obj.slug])

    def items(self, obj):
        return feed_items(challenges_public_for_organisation(organisation=obj))


class SavedSearchFeed(ChallengeFeed):
    """Read by the search's secret token, so a feed reader needs no sign-in."""

    def get_object(self, request, token: str):
        return get_object_or_404(SavedSearch, feed_token=token)

    def title(self, obj) -> str:
        return _("Saved search: %(name)s – %(site)s") % {"name": obj.name, "site": settings.SITE_NAME}

    def subtitle(self, obj) -> str:
        return _("New public challenges that match a saved search, newest first.")

    def link(self, obj) -> str:
        return f"{reverse('challenges:list')}?{obj.query}"

    def items(self, obj):
        return feed_items(challenges_public_for_search(query=obj.query))
