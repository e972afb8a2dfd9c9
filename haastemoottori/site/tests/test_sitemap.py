"""The sitemap and robots.txt: every public page in three languages, nothing that is not public."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import publishable
from haastemoottori.challenges import services
from haastemoottori.challenges.models import Challenge
from haastemoottori.challenges.tests.test_pages import bulk_public_challenges
from haastemoottori.organisations.models import Organisation
from haastemoottori.pilots.models import Pilot
from haastemoottori.qa.models import Question

HOST = "http://testserver"


def _sitemap(client) -> str:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return response.content.decode()


def _locs(xml: str) -> set[str]:
    return set(re.findall(r"<loc>([^<]+)</loc>", xml))


def _url_block(xml: str, loc: str) -> str:
    """The <url> element whose <loc> is ``loc``."""
    match = re.search(r"<url>\s*<loc>" + re.escape(loc) + r"</loc>.*?</url>", xml, re.S)
    assert match, loc
    return match.group(0)


@pytest.fixture
def published(region, make_challenge):
    challenge = publishable(make_challenge(), region)
    return services.challenge_transition(
        actor=region.people["espoo_owner"], challenge=challenge, target="co_definition"
    )


def test_a_public_challenge_is_listed_in_three_languages_with_alternates(client, published):
    xml = _sitemap(client)
    locs = _locs(xml)
    for lang in ("fi", "sv", "en"):
        assert f"{HOST}/{lang}/challenges/{published.slug}/" in locs
    block = _url_block(xml, f"{HOST}/sv/challenges/{published.slug}/")
    for lang in ("fi", "sv", "en"):
        assert f'hreflang="{lang}" href="{HOST}/{lang}/challenges/{published.slug}/"' in block
    assert f'hreflang="x-default" href="{HOST}/challenges/{published.slug}/"' in block
    # The sitemap writes the date in the site's time zone (Helsinki), not UTC.
    assert f"<lastmod>{timezone.localdate(published.updated_at).isoformat()}" in block


def test_the_site_pages_and_public_records_are_listed(client, region, published):
    Question.objects.create(
        challenge=published, number=1, language="fi", public_text="Kysymys?", status="published",
        published_at=timezone.now(),
    )  # fmt: skip
    Pilot.objects.create(challenge=published, title={"fi": "Pilotti"}, original_language="fi")
    pilot = Pilot.objects.get()
    locs = _locs(_sitemap(client))
    for path in [
        "/",
        "/challenges/",
        "/organisations/",
        "/platforms/",
        "/events/",
        "/pilots/",
        "/impact/",
        "/foresight/",
        "/accessibility/",
        "/privacy/",
        "/organisations/espoo/",
        "/organisations/testiyritys/",
        "/platforms/testikyla/",
        f"/challenges/{published.slug}/questions/",
        f"/pilots/{pilot.pk}/",
    ]:
        for lang in ("fi", "sv", "en"):
            assert f"{HOST}/{lang}{path}" in locs, path
    assert not any("/search/" in loc or "/accounts/" in loc or "/workspace/" in loc for loc in locs)


def test_drafts_withdrawn_challenges_and_unlisted_organisations_never_appear(client, region, make_challenge):
    draft = make_challenge(title={"fi": "Salainen luonnos"})
    in_review = publishable(make_challenge(title={"fi": "Arvioitavana"}), region)
    Challenge.objects.create(
        slug="peruttu", original_language="fi", title={"fi": "Peruttu"}, stage="withdrawn",
        published_at=timezone.now() - timedelta(days=3),
    )  # fmt: skip
    Organisation.objects.filter(slug="testiyritys").update(is_listed=False)
    Pilot.objects.create(challenge=draft, title={"fi": "Luonnoksen pilotti"}, original_language="fi")
    xml = _sitemap(client)
    for slug in (draft.slug, in_review.slug, "peruttu", "testiyritys"):
        assert f"/{slug}/" not in xml, slug
    assert "/pilots/" + str(Pilot.objects.get().pk) not in xml
    assert f"{HOST}/fi/organisations/espoo/" in xml


def test_the_sitemap_runs_a_fixed_number_of_queries(client, region, django_assert_max_num_queries):
    bulk_public_challenges(region, 10)
    with django_assert_max_num_queries(7) as small:
        xml = _sitemap(client)
    assert len(_locs(xml) & {f"{HOST}/sv/challenges/bulk-{i}/" for i in range(10)}) == 10
    bulk_public_challenges(region, 490, start=10)
    with django_assert_max_num_queries(7) as large:
        xml = _sitemap(client)
    assert f"{HOST}/en/challenges/bulk-499/" in xml
    assert len(large.captured_queries) == len(small.captured_queries)


def test_robots_txt_points_to_the_sitemap_and_keeps_private_areas_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert f"Sitemap: {HOST}/sitemap.xml" in body.splitlines()
    rules = {line.split(":", 1)[1].strip() for line in body.splitlines() if line.startswith("Disallow:")}
    for rule in [
        "/*/challenges/workspace/",
        "/*/search/",
        "/*/accounts/",
        "/admin/",
        "/api/",
        "/*.csv",
        "/*.xlsx",
        "/*/notifications/",
        "/*/alerts/",
        "/*/evaluation/",
        "/*/signals/",
        "/*/backlog/",
    ]:
        assert rule in rules, rule
    # The public Atom feeds stay readable; the saved-search feeds (a personal token) do not.
    assert "Allow: /*/alerts/feeds/themes/" in body and "feeds/searches" not in body
