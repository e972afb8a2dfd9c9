"""Following a theme and a city, the alerts settings page, and the follow buttons on the list and city pages."""

import pytest
from django.test import override_settings

from haastemoottori.alerts import services
from haastemoottori.alerts.models import Follow
from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceValidationError
from haastemoottori.notifications.models import AlertPreference


@pytest.fixture
def user(region):
    return region.people["company_admin"]


def test_follow_and_stop_following_a_theme(client, region, user):
    theme = region.themes[0]
    client.force_login(user)
    url = f"/en/alerts/themes/{theme.slug}/follow/"
    response = client.post(url, {"follow": "1", "next": "/en/challenges/?theme=sdg-11"})
    assert response.status_code == 302 and response["Location"] == "/en/challenges/?theme=sdg-11"
    client.post(url, {"follow": "1"})
    follow = Follow.objects.get(user=user)
    assert (follow.kind, follow.theme) == ("theme", theme)
    assert AlertPreference.objects.get(user=user).frequency == "weekly"  # the first follow turns on a weekly digest
    assert "Sustainable cities" in client.get("/en/alerts/").content.decode()
    response = client.post(url, {"follow": "0", "next": "https://evil.example/"})
    assert response["Location"] == "/en/challenges/?theme=sdg-11"  # an outside address is not followed
    assert not Follow.objects.exists()
    assert list(AuditEvent.objects.for_object(theme).values_list("action", "data__kind", "is_public")) == [
        ("unfollowed", "theme", False),
        ("followed", "theme", False),
    ]


def test_follow_a_city_but_not_a_company(client, region, user):
    client.force_login(user)
    assert client.post("/en/alerts/organisations/vantaa/follow/", {"follow": "1"}).status_code == 302
    assert Follow.objects.get(user=user).organisation == region.vantaa
    assert client.post("/en/alerts/organisations/testiyritys/follow/", {"follow": "1"}).status_code == 404
    with pytest.raises(ServiceValidationError):
        services.organisation_follow(actor=user, organisation=region.company, follow=True)
    assert Follow.objects.count() == 1
    assert AuditEvent.objects.for_object(region.vantaa).get().action == "followed"


@pytest.mark.parametrize(
    "url",
    [
        "/en/alerts/themes/no-such-theme/follow/",
        "/en/alerts/organisations/nowhere/follow/",
        "/en/alerts/follows/999/unfollow/",
    ],
)
def test_unknown_targets_are_404(client, user, url):
    client.force_login(user)
    assert client.post(url, {"follow": "1"}).status_code == 404
    assert not Follow.objects.exists()


def test_anonymous_is_sent_to_sign_in_and_get_is_refused(client, region):
    response = client.post("/en/alerts/themes/sdg-11/follow/", {"follow": "1"})
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/?next=")
    assert client.get("/en/alerts/").status_code == 302
    client.force_login(region.people["outsider"])
    assert client.get("/en/alerts/themes/sdg-11/follow/").status_code == 405
    assert not Follow.objects.exists()


def test_settings_lists_every_kind_and_unfollows_only_ones_own(client, region, user, publish):
    challenge = publish()
    services.challenge_follow(actor=user, challenge=challenge, follow=True)
    services.theme_follow(actor=user, theme=region.themes[1], follow=True)
    services.organisation_follow(actor=user, organisation=region.espoo, follow=True)
    search, _created = services.saved_search_create(actor=user, params="q=lämpö")
    other = region.people["outsider"]
    services.theme_follow(actor=other, theme=region.themes[1], follow=True)
    client.force_login(user)
    page = client.get("/sv/alerts/").content.decode()
    for text in (
        "Klimatneutral uppvärmning",
        "Klimatneutralitet",
        "Esbo stad",
        search.name,
        f"/sv/alerts/feeds/searches/{search.feed_token}.atom",
        "/sv/alerts/feeds/themes/carbon-neutrality.atom",
        "/sv/alerts/feeds/cities/espoo.atom",
        'rel="alternate" type="application/atom+xml"',
    ):
        assert text in page, text
    theirs = Follow.objects.get(user=other)
    assert client.post(f"/sv/alerts/follows/{theirs.pk}/unfollow/").status_code == 404
    mine = Follow.objects.get(user=user, kind="search")
    assert client.post(f"/sv/alerts/follows/{mine.pk}/unfollow/").status_code == 302
    assert not search.__class__.objects.filter(pk=search.pk).exists()  # removing the follow removes the search
    assert Follow.objects.filter(user=user).count() == 3 and Follow.objects.filter(user=other).count() == 1


def test_frequency_is_saved_audited_and_bad_input_changes_nothing(client, user):
    client.force_login(user)
    assert "Weekly" in client.get("/en/alerts/").content.decode()
    assert client.post("/en/alerts/", {"frequency": "daily"}).status_code == 302
    preference = AlertPreference.objects.get(user=user)
    assert preference.frequency == "daily"
    event = AuditEvent.objects.for_object(preference).get()
    assert event.changes == {"frequency": {"old": "weekly", "new": "daily"}} and not event.is_public
    response = client.post("/en/alerts/", {"frequency": "hourly"})
    assert response.status_code == 400 and "Please correct the following" in response.content.decode()
    assert AlertPreference.objects.get(user=user).frequency == "daily"


def test_list_page_offers_follow_save_and_feed_only_when_filtered(client, region, user):
    page = client.get("/en/challenges/").content.decode()
    assert "Save this search" not in page and "application/atom+xml" not in page
    page = client.get("/en/challenges/?theme=sdg-11&sort=closing").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="/en/alerts/feeds/themes/sdg-11.atom"' in page
    assert "Sign in to follow the theme Sustainable cities" in page
    assert "/en/alerts/searches/save/?theme=sdg-11" in page
    assert "csrfmiddlewaretoken" not in page  # the anonymous page stays cacheable
    assert "feeds/themes" not in client.get("/en/challenges/?q=heat").content.decode()
    client.force_login(user)
    page = client.get("/en/challenges/?theme=sdg-11").content.decode()
    assert "Follow the theme Sustainable cities" in page and "Save this search" in page
    services.theme_follow(actor=user, theme=region.themes[0], follow=True)
    services.saved_search_create(actor=user, params="theme=sdg-11")
    page = client.get("/en/challenges/?theme=sdg-11").content.decode()
    assert "Stop following the theme Sustainable cities" in page and "You have saved this search." in page
    assert client.get("/en/challenges/?theme=bogus").status_code == 400  # no actions for invalid filters


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=60)
def test_anonymous_filtered_list_and_city_page_stay_cacheable(client, region):
    from django.core.cache import cache

    cache.clear()
    for url in ("/fi/challenges/?theme=sdg-11", "/fi/organisations/espoo/"):
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"
    cache.clear()


def test_city_page_has_follow_button_and_feed_link(client, region, user):
    page = client.get("/en/organisations/espoo/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="/en/alerts/feeds/cities/espoo.atom"' in page
    assert "Sign in to follow City of Espoo" in page
    assert "feeds/cities" not in client.get("/en/organisations/testiyritys/").content.decode()
    client.force_login(user)
    assert "Follow City of Espoo" in client.get("/en/organisations/espoo/").content.decode()
    client.post("/en/alerts/organisations/espoo/follow/", {"follow": "1"})
    assert "Stop following City of Espoo" in client.get("/en/organisations/espoo/").content.decode()
