"""One-click unsubscribe: a signed link; GET only asks (mail scanners prefetch links), POST unsubscribes."""

import pytest
from django.core import signing
from django.test import Client

from haastemoottori.alerts import services
from haastemoottori.audit.models import AuditEvent
from haastemoottori.notifications.models import AlertPreference


@pytest.fixture
def subscriber(region):
    user = region.people["company_admin"]
    services.theme_follow(actor=user, theme=region.themes[0], follow=True)
    return user


def frequency(user) -> str:
    return AlertPreference.objects.get(user=user).frequency


def test_get_only_asks_and_changes_nothing(client, subscriber):
    url = f"/en/alerts/unsubscribe/{services.unsubscribe_token(subscriber)}/"
    page = client.get(url).content.decode()
    assert "Stop sending digest e-mails to admin@company.test?" in page
    assert '<form method="post">' in page and "Unsubscribe" in page
    assert client.head(url).status_code == 200
    assert frequency(subscriber) == "weekly"
    assert not AuditEvent.objects.filter(action="updated").exists()


def test_post_unsubscribes_at_once_says_so_and_is_audited(client, subscriber):
    response = client.post(f"/sv/alerts/unsubscribe/{services.unsubscribe_token(subscriber)}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="sv">' in page and "admin@company.test" in page
    assert frequency(subscriber) == "off"
    preference = AlertPreference.objects.get(user=subscriber)
    event = AuditEvent.objects.for_object(preference).get()
    assert (event.actor, event.data, event.is_public) == (subscriber, {"via": "unsubscribe_link"}, False)
    assert subscriber.follows.count() == 1  # what they follow is kept
    assert client.post(f"/sv/alerts/unsubscribe/{services.unsubscribe_token(subscriber)}/").status_code == 200


def test_one_click_post_from_a_mail_client_needs_no_csrf_token_or_session(subscriber):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/fi/alerts/unsubscribe/{services.unsubscribe_token(subscriber)}/",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert frequency(subscriber) == "off"


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        "eyJ1Ijo4fQ:1xX96J:forgedsignature",
        signing.dumps({"u": 1}, salt="haastemoottori.accounts.verify-email"),  # signed, but for something else
        signing.dumps({"u": 999999}, salt="haastemoottori.alerts.unsubscribe"),  # nobody
        signing.dumps(["u", 1], salt="haastemoottori.alerts.unsubscribe"),
    ],
    ids=["garbage", "forged", "other-purpose", "nobody", "wrong-shape"],
)  # stable ids: the tokens hold a timestamp
def test_bad_links_give_a_400_page_and_change_nothing(client, subscriber, token):
    for response in (client.get(f"/en/alerts/unsubscribe/{token}/"), client.post(f"/en/alerts/unsubscribe/{token}/")):
        assert response.status_code == 400
        assert "The unsubscribe link is not valid." in response.content.decode()
    assert frequency(subscriber) == "weekly"


def test_token_of_one_person_does_not_unsubscribe_another(client, region, subscriber):
    other = region.people["outsider"]
    services.theme_follow(actor=other, theme=region.themes[0], follow=True)
    client.post(f"/en/alerts/unsubscribe/{services.unsubscribe_token(other)}/")
    assert (frequency(subscriber), frequency(other)) == ("weekly", "off")
