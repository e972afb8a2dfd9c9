"""Challenge cards from the fragment cache: fresh after every edit, per language, never a draft, never a person's."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from conftest import publishable
from haastemoottori.challenges import services
from haastemoottori.challenges.models import Challenge
from haastemoottori.challenges.tests.test_pages import bulk_public_challenges
from haastemoottori.core import fragments
from haastemoottori.organisations.services_profile import organisation_update_profile

pytestmark = [pytest.mark.usefixtures("clear_cache"), pytest.mark.django_db]

FRAGMENTS_ON = override_settings(FRAGMENT_CACHE_SECONDS=600)


@pytest.fixture
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def published(region, make_challenge, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        challenge = publishable(make_challenge(), region)
        return services.challenge_transition(
            actor=region.people["espoo_owner"], challenge=challenge, target="co_definition"
        )


def _card_key(challenge: Challenge, lang: str) -> str:
    challenge.refresh_from_db()
    return fragments.fragment_key(
        "challenge-card",
        challenge.pk,
        challenge.updated_at.timestamp(),
        generation=fragments.public_generation(),
        language=lang,
    )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@FRAGMENTS_ON
def test_second_render_takes_the_card_from_the_cache(client, published):
    first = _queries(client, "/fi/challenges/")
    assert cache.get(_card_key(published, "fi")) is not None
    second = _queries(client, "/fi/challenges/")
    # The page query reads ids only; the card columns, owners and themes are not loaded for a cached card,
    # nor the filters' owners, themes and platforms.
    assert second == first - 6
    assert "Hiilineutraali lämmitys" in client.get("/fi/challenges/").content.decode()


@FRAGMENTS_ON
def test_a_cached_card_shows_the_new_title_right_after_an_edit(
    client, region, published, django_capture_on_commit_callbacks
):
    assert "Hiilineutraali lämmitys" in client.get("/fi/challenges/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.challenge_update(
            actor=region.people["espoo_owner"],
            challenge=published,
            title={"fi": "Uusi otsikko", "sv": "Klimatneutral uppvärmning", "en": "Carbon-neutral heating"},
        )
    for url in ("/fi/challenges/", "/fi/"):
        page = client.get(url).content.decode()
        assert "Uusi otsikko" in page and "Hiilineutraali lämmitys" not in page


@FRAGMENTS_ON
def test_an_owners_new_name_reaches_the_cached_cards(client, region, published, django_capture_on_commit_callbacks):
    assert "Espoon kaupunki" in client.get("/fi/challenges/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        organisation_update_profile(
            actor=region.people["espoo_admin"],
            organisation=region.espoo,
            name={"fi": "Espoon kaupunki uusi", "sv": "Esbo stad", "en": "City of Espoo"},
        )
    assert "Espoon kaupunki uusi" in client.get("/fi/challenges/").content.decode()


@FRAGMENTS_ON
def test_finnish_and_swedish_cards_differ(client, published):
    fi = client.get("/fi/challenges/").content.decode()
    sv = client.get("/sv/challenges/").content.decode()
    assert "Hiilineutraali lämmitys" in fi and "Klimatneutral uppvärmning" not in fi
    assert "Klimatneutral uppvärmning" in sv and "Hiilineutraali lämmitys" not in sv
    assert cache.get(_card_key(published, "fi")).html != cache.get(_card_key(published, "sv")).html
    # Served again from the cache, each language keeps its own card.
    assert "Klimatneutral uppvärmning" in client.get("/sv/challenges/").content.decode()
    assert "Hiilineutraali lämmitys" in client.get("/fi/challenges/").content.decode()


@FRAGMENTS_ON
def test_a_draft_card_is_never_cached(client, region, make_challenge):
    draft = make_challenge(title={"fi": "Luonnos salainen"})
    client.force_login(region.people["espoo_owner"])
    assert "Luonnos salainen" in client.get("/fi/challenges/workspace/").content.decode()
    with translation.override("fi"):
        from haastemoottori.challenges.cards import challenge_cards

        cards = challenge_cards(None, [draft])
    assert "Luonnos salainen" in cards[0]
    assert cache.get(_card_key(draft, "fi")) is None
    assert "Luonnos salainen" not in client.get("/fi/challenges/").content.decode()


@FRAGMENTS_ON
def test_the_person_is_rendered_around_cached_cards(client, region, published):
    client.force_login(region.people["espoo_owner"])
    first = client.get("/fi/challenges/").content.decode()
    client.force_login(region.people["vantaa_owner"])
    second = client.get("/fi/challenges/").content.decode()
    assert "owner@espoo.test" in first and "owner@vantaa.test" not in first
    assert "owner@vantaa.test" in second and "owner@espoo.test" not in second
    card = cache.get(_card_key(published, "fi")).html
    assert "Hiilineutraali lämmitys" in card
    for private in ("owner@espoo.test", "owner@vantaa.test", "logout"):
        assert private not in card


@FRAGMENTS_ON
def test_brand_colours_of_a_cached_card_reach_the_page_style_block(client, region, published):
    region.espoo.brand_colour = "#0050b4"
    region.espoo.save()
    cache.clear()
    assert 'data-owner-colour="0050b4"' in client.get("/fi/challenges/").content.decode()
    page = client.get("/fi/challenges/").content.decode()  # the card from the cache
    assert '[data-owner-colour="0050b4"]{--owner-colour:#0050b4}' in page


@FRAGMENTS_ON
@pytest.mark.parametrize("url", ["/fi/challenges/", "/fi/", "/api/v1/challenges"])
def test_cached_pages_run_a_constant_number_of_queries(client, region, url):
    bulk_public_challenges(region, 10)
    client.get(url)
    small = _queries(client, url)
    bulk_public_challenges(region, 190, start=10)
    cold = _queries(client, url)  # new challenges on the first page: their cards are rendered
    warm = _queries(client, url)
    assert small == warm
    assert cold <= warm + 6
    assert warm <= 4


def _page_key(challenge: Challenge, lang: str) -> str:
    challenge.refresh_from_db()
    return fragments.fragment_key(
        "challenge-page",
        challenge.pk,
        challenge.updated_at.timestamp(),
        "http",
        "testserver",
        generation=fragments.public_generation(),
        language=lang,
    )


@FRAGMENTS_ON
def test_a_challenge_page_shows_its_new_canvas_right_after_an_edit(
    client, region, published, django_capture_on_commit_callbacks
):
    url = f"/fi/challenges/{published.slug}/"
    first = _queries(client, url)
    assert cache.get(_page_key(published, "fi")) is not None
    assert _queries(client, url) <= first - 2  # themes and indicators are not loaded for the cached parts
    assert "Ongelma kuvattuna." in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.challenge_update(
            actor=region.people["espoo_owner"], challenge=published, problem={"fi": "Uusi ongelma."}
        )
    page = client.get(url).content.decode()
    assert "Uusi ongelma." in page and "Ongelma kuvattuna." not in page
    assert "Sammanfattning" in client.get(f"/sv/challenges/{published.slug}/").content.decode()
    assert "Sammanfattning" not in client.get(url).content.decode()


@FRAGMENTS_ON
def test_an_unpublished_challenge_page_is_never_cached(client, region, make_challenge):
    draft = make_challenge(problem={"fi": "Salainen ongelma."})
    client.force_login(region.people["espoo_owner"])
    assert "Salainen ongelma." in client.get(f"/fi/challenges/{draft.slug}/").content.decode()
    assert cache.get(_page_key(draft, "fi")) is None
    client.logout()
    assert client.get(f"/fi/challenges/{draft.slug}/").status_code == 404


@FRAGMENTS_ON
def test_each_person_sees_their_own_follow_state_on_a_cached_challenge_page(client, region, published):
    url = f"/fi/challenges/{published.slug}/"
    follower, other = region.people["outsider"], region.people["vantaa_member"]
    client.force_login(follower)
    assert 'name="follow" value="1"' in client.get(url).content.decode()
    assert client.post(f"/fi/alerts/challenges/{published.slug}/follow/", {"follow": "1"}).status_code == 302
    assert 'name="follow" value="0"' in client.get(url).content.decode()  # parts from the cache, state live
    client.force_login(other)
    page = client.get(url).content.decode()
    assert 'name="follow" value="1"' in page and 'name="follow" value="0"' not in page
    assert cache.get(_page_key(published, "fi")) is not None


def test_the_api_list_is_the_same_from_cached_entries(client, region, published):
    bulk_public_challenges(region, 5)
    url = "/api/v1/challenges?page_size=4"
    plain = client.get(url).json()
    with FRAGMENTS_ON:
        cold, warm = client.get(url).json(), client.get(url).json()
    assert plain == cold == warm
    assert len(plain["results"]) == 4 and plain["count"] == 6
