"""The page shell for search engines and shared links: canonical address, hreflang, OpenGraph and Twitter
card tags (only from public content), and the Atom feeds announced where they exist."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import publishable
from haastemoottori.challenges import services
from haastemoottori.events import services as event_services
from haastemoottori.organisations.models import Organisation

HOST = "http://testserver"
SITE_DESCRIPTION = {
    "fi": "Pääkaupunkiseudun kaupunkien avoimet kehityshaasteet.",
    "sv": "Huvudstadsregionens städers öppna utvecklingsutmaningar.",
}


def _meta(html: str) -> dict[str, str]:
    """OpenGraph and Twitter tags of a page: property or name → content (the last one of each)."""
    found = re.findall(r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)">', html)
    return dict(found)


def _link(html: str, rel: str) -> list[str]:
    return re.findall(rf'<link rel="{rel}"[^>]*>', html)


@pytest.fixture
def published(region, make_challenge):
    challenge = publishable(make_challenge(), region)
    return services.challenge_transition(
        actor=region.people["espoo_owner"], challenge=challenge, target="co_definition"
    )


@pytest.mark.parametrize(
    ("lang", "title", "summary", "locale"),
    [
        ("fi", "Hiilineutraali lämmitys", "Tiivistelmä", "fi_FI"),
        ("sv", "Klimatneutral uppvärmning", "Sammanfattning", "sv_FI"),
    ],
)
def test_a_public_challenge_page_has_canonical_and_share_tags_in_its_language(
    client, region, published, lang, title, summary, locale
):
    Organisation.objects.filter(pk=region.espoo.pk).update(logo="logos/espoo.png")
    html = client.get(f"/{lang}/challenges/{published.slug}/?utm_source=linkedin&sort=closing").content.decode()
    url = f"{HOST}/{lang}/challenges/{published.slug}/"
    assert f'<link rel="canonical" href="{url}">' in html
    for code in ("fi", "sv", "en"):
        assert f'<link rel="alternate" hreflang="{code}" href="{HOST}/{code}/challenges/{published.slug}/">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{HOST}/challenges/{published.slug}/">' in html
    meta = _meta(html)
    assert meta["og:title"] == title
    assert meta["og:description"] == summary
    assert meta["og:url"] == url
    assert meta["og:type"] == "article"
    assert meta["og:locale"] == locale
    assert meta["og:site_name"] == "Haastemoottori"
    assert meta["og:image"] == f"{HOST}/media/logos/espoo.png"
    assert meta["twitter:card"] == "summary"


def test_without_a_logo_there_is_no_image_and_the_page_number_stays_in_the_canonical(client, published):
    html = client.get(f"/en/challenges/{published.slug}/").content.decode()
    assert "og:image" not in html
    listing = client.get("/en/challenges/?page=1&theme=sdg-11&q=heating").content.decode()
    assert f'<link rel="canonical" href="{HOST}/en/challenges/">' in listing  # filters and terms left out
    html = client.get("/fi/events/?page=3&when=past").content.decode()
    assert f'<link rel="canonical" href="{HOST}/fi/events/?page=3">' in html


def test_a_draft_is_not_described_to_strangers_nor_in_its_owners_share_tags(client, region, make_challenge):
    draft = make_challenge(title={"fi": "Salainen luonnos"}, summary={"fi": "Salainen tiivistelmä"})
    response = client.get(f"/fi/challenges/{draft.slug}/")
    assert response.status_code == 404
    assert "Salainen" not in response.content.decode()
    client.force_login(region.people["espoo_owner"])
    html = client.get(f"/fi/challenges/{draft.slug}/").content.decode()
    assert "Salainen luonnos" in html  # the owner reads it …
    meta = _meta(html)
    assert meta["og:title"] == "Haastemoottori"  # … but its share tags are the site's
    assert meta["og:description"] == SITE_DESCRIPTION["fi"]
    assert not any("Salainen" in value for value in meta.values())
    assert "og:image" not in meta


def test_a_signed_in_staff_page_shares_only_the_site(client, region, published):
    Organisation.objects.filter(pk=region.espoo.pk).update(logo="logos/espoo.png")
    client.force_login(region.people["espoo_owner"])
    for url in ["/sv/challenges/workspace/", f"/sv/challenges/{published.slug}/manage/", "/sv/notifications/"]:
        html = client.get(url).content.decode()
        meta = _meta(html)
        assert meta["og:title"] == "Haastemoottori", url
        assert meta["og:description"] == SITE_DESCRIPTION["sv"], url
        assert "og:image" not in meta, url
        assert not any("uppvärmning" in value or "Sammanfattning" in value for value in meta.values()), url


def test_an_event_page_has_its_share_tags(client, region, published):
    now = timezone.now()
    event_services.event_create(
        actor=region.people["espoo_owner"],
        organiser=region.espoo,
        original_language="fi",
        title={"fi": "Työpaja", "sv": "Verkstad"},
        description={"fi": "Tule mukaan.", "sv": "Kom med."},
        challenges=[published],
        kind="workshop",
        starts_at=now + timedelta(days=7),
        ends_at=now + timedelta(days=7, hours=2),
        location="Espoo",
        language="fi",
    )
    meta = _meta(client.get("/sv/events/tyopaja/").content.decode())
    assert (meta["og:title"], meta["og:description"], meta["og:locale"]) == ("Verkstad", "Kom med.", "sv_FI")
    assert meta["og:url"] == f"{HOST}/sv/events/tyopaja/"


def test_atom_feeds_are_announced_where_they_exist(client, region):
    feeds = _link(client.get("/fi/").content.decode(), "alternate")
    atom = [link for link in feeds if 'type="application/atom+xml"' in link]
    assert any('href="/fi/foresight/feed.atom"' in link for link in atom)
    assert any('href="/fi/alerts/feeds/cities/espoo.atom"' in link for link in atom)
    html = client.get("/fi/challenges/?theme=sdg-11").content.decode()
    assert 'type="application/atom+xml" href="/fi/alerts/feeds/themes/sdg-11.atom"' in html
    html = client.get("/sv/organisations/vantaa/").content.decode()
    assert 'type="application/atom+xml" href="/sv/alerts/feeds/cities/vantaa.atom"' in html
    assert 'href="/sv/foresight/feed.atom"' in client.get("/sv/foresight/").content.decode()
    # An unlisted city has no feed to announce; no page announces a saved search's personal feed.
    Organisation.objects.filter(slug="helsinki").update(is_listed=False)
    home = client.get("/fi/").content.decode()
    assert "feeds/cities/helsinki.atom" not in home and "feeds/searches/" not in home
    for url in ["/fi/alerts/feeds/themes/sdg-11.atom", "/fi/alerts/feeds/cities/espoo.atom", "/fi/foresight/feed.atom"]:
        assert client.get(url).status_code == 200, url


def test_an_organisation_profile_is_shared_only_while_listed(client, region):
    meta = _meta(client.get("/en/organisations/espoo/").content.decode())
    assert (meta["og:title"], meta["og:type"], meta["og:locale"]) == ("City of Espoo", "website", "en_GB")
    Organisation.objects.filter(pk=region.espoo.pk).update(is_listed=False)
    client.force_login(region.people["espoo_admin"])
    meta = _meta(client.get("/en/organisations/espoo/").content.decode())
    assert meta["og:title"] == "Haastemoottori"
