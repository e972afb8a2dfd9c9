"""Atom feeds per theme, city and saved search: valid Atom, public challenges only, newest first, limited."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from haastemoottori.alerts import services
from haastemoottori.alerts.selectors import FEED_SIZE
from haastemoottori.challenges.models import Challenge
from haastemoottori.challenges.tests.test_pages import bulk_public_challenges

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    return feed


def entries(feed):
    return [
        {
            "title": e.findtext(f"{ATOM}title"),
            "link": e.find(f"{ATOM}link").get("href"),
            "updated": e.findtext(f"{ATOM}updated"),
            "summary": e.findtext(f"{ATOM}summary"),
            "categories": [c.get("term") for c in e.findall(f"{ATOM}category")],
        }
        for e in feed.findall(f"{ATOM}entry")
    ]


@pytest.fixture
def public_and_secret(region, publish, draft_and_review):
    older = publish(title={"fi": "Vanhempi haaste"}, themes=region.themes)  # no sv or en title: falls back to fi
    newer = publish(title={"fi": "Uudempi", "sv": "Nyare", "en": "Newer"}, themes=region.themes)
    Challenge.objects.filter(pk=older.pk).update(published_at=timezone.now() - timezone.timedelta(days=1))
    return older, newer


@pytest.mark.parametrize("url", ["/sv/alerts/feeds/themes/sdg-11.atom", "/sv/alerts/feeds/cities/espoo.atom"])
def test_theme_and_city_feeds_have_only_public_challenges_newest_first(client, public_and_secret, url):
    _older, newer = public_and_secret
    feed = parse(client.get(url))
    assert feed.get(XML_LANG) == "sv"
    items = entries(feed)
    assert [i["title"] for i in items] == ["Nyare", "Vanhempi haaste"]
    assert items[0]["link"] == f"http://testserver/sv/challenges/{newer.slug}/"
    assert items[0]["summary"] == "Sammanfattning" and "Hållbara städer" in items[0]["categories"]
    assert all(i["updated"] for i in items)
    text = client.get(url).content.decode()
    for secret in ("Salainen luonnos", "Secret draft", "Arvioitava", "Under review"):
        assert secret not in text


def test_saved_search_feed_is_read_by_its_token(client, region, public_and_secret):
    search, _created = services.saved_search_create(actor=region.people["outsider"], params="q=nyare")
    items = entries(parse(client.get(f"/en/alerts/feeds/searches/{search.feed_token}.atom")))
    assert [i["title"] for i in items] == ["Newer"]
    search_all, _created = services.saved_search_create(actor=region.people["outsider"], params="q=a")
    titles = [i["title"] for i in entries(parse(client.get(f"/en/alerts/feeds/searches/{search_all.feed_token}.atom")))]
    assert "Secret draft" not in titles and "Under review" not in titles and "Salainen luonnos" not in titles


@pytest.mark.parametrize(
    "url",
    [
        "/en/alerts/feeds/themes/no-such.atom",
        "/en/alerts/feeds/cities/nowhere.atom",
        "/en/alerts/feeds/cities/testiyritys.atom",
        "/en/alerts/feeds/searches/guess.atom",
        "/en/alerts/feeds/searches/.atom",
    ],
)
def test_unknown_feeds_are_404(client, region, url):
    assert client.get(url).status_code == 404


def test_feeds_are_limited_and_stay_within_a_few_queries(client, region, django_assert_max_num_queries):
    bulk_public_challenges(region, FEED_SIZE + 5)
    with django_assert_max_num_queries(4):
        feed = parse(client.get("/fi/alerts/feeds/themes/sdg-11.atom"))
    assert len(entries(feed)) == FEED_SIZE


def test_an_unlisted_owner_has_no_feed(client, region):
    assert client.get("/en/alerts/feeds/cities/espoo.atom").status_code == 200
    region.espoo.is_listed = False
    region.espoo.save()
    assert client.get("/en/alerts/feeds/cities/espoo.atom").status_code == 404
