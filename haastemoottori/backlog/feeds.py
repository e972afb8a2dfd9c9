"""Atom feed of the coming needs: one entry per published candidate challenge, optionally for one city.

Entries are in the feed's language (the URL's language prefix), falling back to the original language.
Each entry's id is a tag URI built from the site's host, the candidate's promotion date and its number,
so it stays the same when the candidate's rank changes or its challenge is later published (which moves
the entry's link from the foresight page to the challenge page).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from haastemoottori.organisations.models import Organisation

from .views_foresight import Entry, entries


@dataclass
class FeedScope:
    city: Organisation | None
    host: str


@dataclass
class FeedItem:
    entry: Entry
    link: str
    guid: str


def _page_url(city: Organisation | None) -> str:
    url = reverse("foresight:index")
    return f"{url}?{urlencode({'city': city.slug})}" if city else url


def entry_guid(entry: Entry, host: str) -> str:
    promoted = timezone.localtime(entry.candidate.promoted_at).date().isoformat()
    return f"tag:{host},{promoted}:foresight/candidate/{entry.candidate.pk}"


class ForesightFeed(Feed):
    feed_type = Atom1Feed  # its xml:lang is the active language (Feed.language unset)

    def get_object(self, request):
        slug = request.GET.get("city", "")
        city = None
        if slug:
            city = Organisation.objects.owners().filter(slug=slug).first()
            if city is None:
                raise Http404
        host = urlsplit(f"//{request.get_host()}").hostname or "localhost"
        return FeedScope(city=city, host=host)

    def title(self, obj: FeedScope) -> str:
        if obj.city:
            return _("Coming needs in %(city)s – %(site)s") % {"city": obj.city, "site": settings.SITE_NAME}
        return _("Coming needs – %(site)s") % {"site": settings.SITE_NAME}

    def subtitle(self, obj: FeedScope) -> str:
        return _("Candidate challenges the cities have ranked and published before their calls open.")

    def link(self, obj: FeedScope) -> str:
        return _page_url(obj.city)

    def author_name(self, obj) -> str:
        return settings.SITE_NAME  # Atom requires an author for the feed

    def items(self, obj: FeedScope) -> list[FeedItem]:
        page = _page_url(obj.city)
        items = []
        for entry in entries(city=obj.city):
            if entry.challenge.is_public:
                link = reverse("challenges:detail", args=[entry.challenge.slug])
            else:
                link = f"{page}#{entry.anchor}"
            items.append(FeedItem(entry=entry, link=link, guid=entry_guid(entry, obj.host)))
        return items

    def item_title(self, item: FeedItem) -> str:
        return str(item.entry.challenge.t.title)

    def item_link(self, item: FeedItem) -> str:
        return item.link

    def item_guid(self, item: FeedItem) -> str:
        return item.guid

    item_guid_is_permalink = False

    def item_description(self, item: FeedItem) -> str:
        entry = item.entry
        facts = []
        if entry.rank is not None and entry.ranked_in is not None:
            rank = _("%(rank)s in the backlog of %(city)s") % {"rank": entry.rank, "city": entry.ranked_in}
            facts.append(f"{_('Rank')}: {rank}")
        if entry.score is not None:
            score = _("%(score)s / 100") % {"score": number_format(round(entry.score, 1))}
            facts.append(f"{_('Score')}: {score}")
        if entry.cities:
            facts.append(f"{_('Cities')}: " + ", ".join(str(c) for c in entry.cities))
        paragraphs = [str(p) for p in (entry.public_reason, entry.challenge.t.summary) if str(p)]
        body = format_html_join("", "<p>{}</p>", ((p,) for p in paragraphs))
        return format_html("{}<p>{}</p>", body, "; ".join(facts)) if facts else body

    def item_pubdate(self, item: FeedItem):
        return item.entry.published_at

    def item_updateddate(self, item: FeedItem):
        return item.entry.published_at

    def item_categories(self, item: FeedItem) -> list[str]:
        return [str(c) for c in item.entry.cities]
