import pytest
from django.test import override_settings

from conftest import publishable
from haastemoottori.alerts.models import Follow
from haastemoottori.audit.models import AuditEvent
from haastemoottori.challenges import services


@pytest.fixture
def published(region, make_challenge):
    challenge = publishable(make_challenge(), region)
    return services.challenge_transition(
        actor=region.people["espoo_owner"], challenge=challenge, target="co_definition"
    )


def test_follow_and_stop_following(client, region, published):
    user = region.people["company_admin"]
    client.force_login(user)
    url = f"/en/alerts/challenges/{published.slug}/follow/"
    assert client.post(url, {"follow": "1"}).status_code == 302
    assert client.post(url, {"follow": "1"}).status_code == 302  # twice is still one follow
    assert Follow.objects.filter(user=user, challenge=published).count() == 1
    page = client.get(f"/en/challenges/{published.slug}/").content.decode()
    assert "Stop following" in page
    assert published.slug in client.get("/en/challenges/workspace/").content.decode()
    client.post(url, {"follow": "0"})
    assert not Follow.objects.exists()
    assert list(
        AuditEvent.objects.for_object(published)
        .filter(action__in=["followed", "unfollowed"])
        .values_list("action", flat=True)
    ) == ["unfollowed", "followed"]


def test_drafts_cannot_be_followed_and_anonymous_is_asked_to_sign_in(client, region, make_challenge, published):
    draft = make_challenge(title={"fi": "Luonnos"})
    client.force_login(region.people["company_admin"])
    assert client.post(f"/en/alerts/challenges/{draft.slug}/follow/", {"follow": "1"}).status_code == 404
    assert client.get(f"/en/alerts/challenges/{draft.slug}/follow/").status_code == 405
    client.logout()
    response = client.post(f"/en/alerts/challenges/{published.slug}/follow/", {"follow": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Follow.objects.exists()


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=60)
def test_anonymous_detail_page_stays_cacheable(client, published):
    from django.core.cache import cache

    cache.clear()
    first = client.get(f"/en/challenges/{published.slug}/")
    assert "Sign in to follow this challenge" in first.content.decode()
    assert client.get(f"/en/challenges/{published.slug}/")["X-Page-Cache"] == "hit"
    cache.clear()
