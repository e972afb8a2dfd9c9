"""The Atom feed of coming needs: valid Atom, one entry per published candidate in the URL's language, stable ids,
the city filter, and nothing unpublished or from the signals."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext

from conftest import publishable
from haastemoottori.backlog import views_foresight
from haastemoottori.backlog.models import Candidate
from haastemoottori.challenges import services
from haastemoottori.signals.models import Signal

from .test_foresight_page import MARKER, REASON, build_foresight, publish_candidate
from .test_foresight_trends import make_signals

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def feed_url(lang: str = "en", query: str = "") -> str:
    with translation.override(lang):
        return reverse("foresight:feed") + (f"?{query}" if query else "")


@pytest.fixture
def foresight(region, make_challenge):
    return build_foresight(region, make_challenge)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    return feed


def entries(feed) -> dict[str, dict]:
    """Entries by title (the order is the ranking's business)."""
    result = {}
    for e in feed.findall(f"{ATOM}entry"):
        result[e.findtext(f"{ATOM}title")] = {
            "id": e.findtext(f"{ATOM}id"),
            "link": e.find(f"{ATOM}link").get("href"),
            "updated": parse_datetime(e.findtext(f"{ATOM}updated")),
            "summary": e.findtext(f"{ATOM}summary"),
            "categories": [c.get("term") for c in e.findall(f"{ATOM}category")],
        }
    return result


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_one_entry_per_published_candidate_in_the_feeds_language(client, foresight, lang):
    feed = parse(client.get(feed_url(lang)))
    assert feed.get(XML_LANG) == lang
    with translation.override(lang):
        assert feed.findtext(f"{ATOM}title").startswith(gettext("Coming needs"))
        page = reverse("foresight:index")
    items = entries(feed)
    drafts = foresight.challenges
    assert set(items) == {drafts.draft.title[lang], drafts.public.title[lang], drafts.vantaa.title[lang]}
    public = items[drafts.public.title[lang]]
    assert public["link"] == f"http://testserver/{lang}/challenges/{drafts.public.slug}/"
    draft = items[drafts.draft.title[lang]]
    assert draft["link"] == f"http://testserver{page}#candidate-{foresight.draft.pk}"
    assert REASON[lang] in draft["summary"] and drafts.draft.summary[lang] in draft["summary"]
    assert draft["updated"] == foresight.draft.published_at
    assert items[drafts.vantaa.title[lang]]["updated"] == foresight.vantaa.published_at
    vantaa = foresight.vantaa.challenge.ownerships.get().organisation
    assert items[drafts.vantaa.title[lang]]["categories"] == [vantaa.name[lang]]


def test_entry_ids_are_stable_and_do_not_depend_on_the_language(client, foresight, region):
    ids = {
        lang: {item["id"] for item in entries(parse(client.get(feed_url(lang)))).values()}
        for lang in ("fi", "sv", "en")
    }
    assert ids["fi"] == ids["sv"] == ids["en"]
    promoted = timezone.localtime(foresight.draft.promoted_at).date().isoformat()
    assert f"tag:testserver,{promoted}:foresight/candidate/{foresight.draft.pk}" in ids["en"]
    assert len(ids["en"]) == 3
    # Publishing the challenge later moves the link to the challenge page, not the id.
    challenge = publishable(foresight.challenges.draft, region)
    services.challenge_transition(actor=region.people["espoo_owner"], challenge=challenge, target="co_definition")
    after = entries(parse(client.get(feed_url("en"))))["Coming need"]
    assert after["link"] == f"http://testserver/en/challenges/{challenge.slug}/"
    assert {item["id"] for item in entries(parse(client.get(feed_url("en")))).values()} == ids["en"]


def test_city_filter(client, foresight, region):
    feed = parse(client.get(feed_url("en", "city=vantaa")))
    assert set(entries(feed)) == {"Vantaa's need"}
    assert "City of Vantaa" in feed.findtext(f"{ATOM}title")
    assert set(entries(parse(client.get(feed_url("en", "city=espoo"))))) == {"Coming need", "Public challenge"}
    assert entries(parse(client.get(feed_url("en", "city=helsinki")))) == {}


def test_rank_and_score_in_the_summary(client, foresight, region, monkeypatch):
    candidate = foresight.vantaa

    def selector(city=None):
        return [
            SimpleNamespace(
                candidate=candidate,
                challenge=candidate.challenge,
                cities=[region.vantaa],
                rank=1,
                score=88.26,
                public_reason=candidate.t.public_reason,
                published_at=candidate.published_at,
            )
        ]

    monkeypatch.setattr(views_foresight, "published_candidates", selector)
    items = entries(parse(client.get(feed_url("sv", "city=vantaa"))))
    with translation.override("sv"):
        rank = gettext("%(rank)s in the backlog of %(city)s") % {"rank": 1, "city": "Vanda stad"}
        score = gettext("%(score)s / 100") % {"score": "88,3"}
    summary = items["Vandas behov"]["summary"]
    assert rank in summary and score in summary and REASON["sv"] in summary


@pytest.mark.parametrize("query", ["city=nowhere", "city=testiyritys"])
def test_an_unknown_city_is_404(client, foresight, query):
    assert client.get(feed_url("en", query)).status_code == 404


def test_nothing_unpublished_and_nothing_from_the_signals(client, foresight, region):
    make_signals(region.helsinki, region.themes[0], timezone.localdate().replace(day=1), 6, marker=MARKER)
    for lang in ("fi", "sv", "en"):
        for query in ("", "city=espoo", "city=helsinki"):
            text = client.get(feed_url(lang, query)).content.decode()
            assert MARKER not in text
            assert all(s.location_name not in text for s in Signal.objects.all())
    Candidate.objects.filter(pk=foresight.secret.pk).update(published_at=timezone.now())
    assert MARKER in client.get(feed_url("en")).content.decode()  # the check above could have failed


def test_a_constant_number_of_queries(client, foresight, make_challenge):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            parse(client.get(feed_url("en")))
        return len(ctx.captured_queries)

    small = queries()
    for i in range(10):
        publish_candidate(make_challenge(title={"fi": f"Lisätarve {i}"}), days_ago=i + 5)
    assert queries() == small
    assert small <= 12


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=60)
def test_served_from_the_page_cache(client, foresight):
    cache.clear()
    assert client.get(feed_url("fi"))["X-Page-Cache"] == "miss"
    assert client.get(feed_url("fi"))["X-Page-Cache"] == "hit"
