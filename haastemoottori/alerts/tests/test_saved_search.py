"""Saved searches: normalised through the list's filter form, saved once, sign-in required, audited."""

from urllib.parse import quote

import pytest
from django.utils import translation

from haastemoottori.alerts import services
from haastemoottori.alerts.models import Follow, SavedSearch
from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceValidationError


def test_normalise_keeps_only_known_filters_in_a_fixed_order(region):
    query = services.saved_search_normalise(
        params="sort=closing&theme=sdg-11&q=  Lämpö   pumppu &page=3&bogus=1&city=&stage=open_call"
    )
    assert query == "q=L%C3%A4mp%C3%B6+pumppu&stage=open_call&theme=sdg-11"
    assert services.saved_search_normalise(params="stage=open_call&theme=sdg-11&q=L%C3%A4mp%C3%B6%20pumppu") == query


@pytest.mark.parametrize(
    "params", ["", "sort=closing&page=2", "theme=no-such-theme", "deadline=5", "q=" + "x" * 300, "city=testiyritys"]
)
def test_empty_or_invalid_searches_are_refused_and_nothing_is_saved(region, params):
    with pytest.raises(ServiceValidationError):
        services.saved_search_create(actor=region.people["outsider"], params=params)
    assert (
        not SavedSearch.objects.exists()
        and not Follow.objects.exists()
        and not AuditEvent.objects.filter(action="followed").exists()
    )


def test_saving_the_same_search_twice_keeps_one(region):
    user = region.people["outsider"]
    with translation.override("en"):  # named after its filters in the active language
        first, created = services.saved_search_create(actor=user, params="theme=sdg-11&q=heat")
    assert created and first.name == "“heat”, Theme: Sustainable cities"
    again, created = services.saved_search_create(actor=user, params="q=heat&sort=newest&theme=sdg-11", name="X")
    assert not created and again == first
    assert Follow.objects.get(user=user).saved_search == first
    assert len(first.feed_token) >= 32 and SavedSearch.objects.count() == 1
    other, _created = services.saved_search_create(actor=region.people["company_admin"], params="theme=sdg-11&q=heat")
    assert other.feed_token != first.feed_token
    event = AuditEvent.objects.for_object(first).get()
    assert (event.action, event.data["query"], event.is_public) == ("followed", "q=heat&theme=sdg-11", False)


def test_anonymous_cannot_save_a_search_and_is_sent_to_sign_in(client, region):
    url = "/en/alerts/searches/save/?theme=sdg-11&q=heat"
    for response in (client.post(url), client.get(url)):
        assert response.status_code == 302
        assert response["Location"] == "/en/accounts/login/?next=" + quote(url, safe="/")
    assert not SavedSearch.objects.exists()


def test_save_from_the_list_page_and_back(client, region):
    user = region.people["company_admin"]
    client.force_login(user)
    page = client.get("/en/alerts/searches/save/?city=vantaa&sort=closing").content.decode()
    assert "City or owner: City of Vantaa" in page and "Save search" in page
    response = client.post(
        "/en/alerts/searches/save/?city=vantaa&sort=closing",
        {"name": "  Vantaa   things ", "next": "/en/challenges/?city=vantaa&sort=closing"},
    )
    assert response.status_code == 302 and response["Location"] == "/en/challenges/?city=vantaa&sort=closing"
    search = SavedSearch.objects.get(user=user)
    assert (search.name, search.query) == ("Vantaa things", "city=vantaa")
    assert "You have already saved this search." in client.get("/en/alerts/searches/save/?city=vantaa").content.decode()


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/en/alerts/searches/save/?theme=nope", {}),
        ("/en/alerts/searches/save/", {}),
        ("/en/alerts/searches/save/?q=heat", {"name": "n" * 201}),
    ],
)
def test_bad_input_gives_a_400_page_and_saves_nothing(client, region, url, data):
    client.force_login(region.people["company_admin"])
    response = client.post(url, data)
    assert response.status_code == 400
    assert not SavedSearch.objects.exists()


def test_at_most_fifty_searches(region, monkeypatch):
    from haastemoottori.alerts.services import searches

    monkeypatch.setattr(searches, "MAX_SAVED_SEARCHES", 2)
    user = region.people["outsider"]
    services.saved_search_create(actor=user, params="q=a")
    services.saved_search_create(actor=user, params="q=b")
    with pytest.raises(ServiceValidationError, match="enintään 2"):
        services.saved_search_create(actor=user, params="q=c")
    assert SavedSearch.objects.count() == 2
