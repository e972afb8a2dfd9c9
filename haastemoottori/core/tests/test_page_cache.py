"""Anonymous public pages come from the cache until a service changes public content."""

import pytest
from django.test import override_settings

from conftest import publishable
from haastemoottori.challenges import services

pytestmark = pytest.mark.usefixtures("clear_cache")


@pytest.fixture
def clear_cache():
    from django.core.cache import cache

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


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=60)
def test_second_visit_is_served_from_the_cache_without_queries(client, published, django_assert_num_queries):
    url = f"/fi/challenges/{published.slug}/"
    assert client.get(url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit" and "Hiilineutraali" in response.content.decode()
    assert client.get(f"/sv/challenges/{published.slug}/")["X-Page-Cache"] == "miss"  # per language


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=60)
def test_a_public_edit_invalidates_the_cache(client, region, published, django_capture_on_commit_callbacks):
    url = "/fi/challenges/"
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        services.challenge_update(
            actor=region.people["espoo_owner"], challenge=published, title={"fi": "Uusi julkinen otsikko"}
        )
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "Uusi julkinen otsikko" in response.content.decode()


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=60)
def test_signed_in_users_and_errors_are_never_cached(client, region, published, make_challenge):
    client.get("/fi/challenges/?stage=bogus")
    assert client.get("/fi/challenges/?stage=bogus").status_code == 400
    assert "X-Page-Cache" not in client.get("/fi/challenges/?stage=bogus")
    draft = make_challenge(title={"fi": "Luonnos"})
    client.force_login(region.people["espoo_member"])
    for _ in range(2):
        response = client.get(f"/fi/challenges/{draft.slug}/")
        assert response.status_code == 200 and "X-Page-Cache" not in response
    client.logout()
    assert client.get(f"/fi/challenges/{draft.slug}/").status_code == 404
