"""Login throttling (django-axes): failures lock the account and the address, with a message saying until when."""

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from haastemoottori.accounts.models import User
from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.client_address import client_address

LOGIN = "/{lang}/accounts/login/"
PASSWORD = "oikea-salasana-123"


def _login(client, email, password, *, address="10.0.0.1", lang="fi", **extra):
    return client.post(LOGIN.format(lang=lang), {"username": email, "password": password}, REMOTE_ADDR=address, **extra)


@pytest.fixture
def people(db):
    return (
        User.objects.create_user("liisa@example.test", PASSWORD, preferred_language="fi"),
        User.objects.create_user("matti@example.test", PASSWORD, preferred_language="fi"),
    )


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=5)
def test_failures_lock_the_account_then_the_right_password_is_refused_until_the_lock_ends(client, people):
    liisa, matti = people
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(4):
            assert _login(client, liisa.email, "väärä-salasana").status_code == 400
        locked = _login(client, liisa.email, "väärä-salasana")
        assert locked.status_code == 429
        assert "Liian monta epäonnistunutta kirjautumisyritystä" in locked.content.decode()
        assert int(locked["Retry-After"]) == 15 * 60

        # The right password from another address is refused too: the account is locked.
        refused = _login(client, liisa.email, PASSWORD, address="10.0.0.2", lang="sv")
        assert refused.status_code == 429
        page = refused.content.decode()
        until = timezone.localtime(start + timedelta(minutes=15)).strftime("%H:%M")
        assert "För många misslyckade inloggningsförsök" in page and until in page
        assert "_auth_user_id" not in client.session

        # Another account from the locked address is refused (the address is locked) ...
        assert _login(client, matti.email, PASSWORD, address="10.0.0.1", lang="en").status_code == 429
        # ... and from another address it signs in.
        assert _login(client, matti.email, PASSWORD, address="10.0.0.3").status_code == 302
        client.logout()

        traveller.shift(timedelta(minutes=16))
        assert _login(client, liisa.email, PASSWORD, address="10.0.0.1").status_code == 302
    # One audit event for the lock, not one for each refused attempt during it.
    assert AuditEvent.objects.filter(action="login_locked_out", target_id=str(liisa.pk)).count() == 1


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_account_name_is_counted_without_regard_to_case(client, people):
    liisa, _ = people
    for index, email in enumerate(["Liisa@Example.test", "LIISA@example.test", "liisa@example.test"]):
        response = _login(client, email, "väärä", address=f"10.0.1.{index}")
    assert response.status_code == 429
    assert _login(client, liisa.email, PASSWORD, address="10.0.1.9", lang="en").status_code == 429


@pytest.mark.django_db
def test_a_successful_sign_in_resets_the_count(client, people):
    liisa, _ = people
    with override_settings(AXES_FAILURE_LIMIT=3):
        for _ in range(2):
            _login(client, liisa.email, "väärä")
        assert _login(client, liisa.email, PASSWORD).status_code == 302
        client.logout()
        for _ in range(2):
            assert _login(client, liisa.email, "väärä").status_code == 400
        assert _login(client, liisa.email, PASSWORD).status_code == 302


class _Request:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "198.51.100.1", "203.0.113.5"),  # no proxy: the header is the client's own words
        (1, "10.0.0.2", "198.51.100.1", "198.51.100.1"),
        (1, "10.0.0.2", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # a forged first entry is ignored
        (2, "10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (2, "10.0.0.2", "198.51.100.1", "10.0.0.2"),  # fewer hops than proxies: the nearest peer
        (1, "10.0.0.2", "not-an-address", "10.0.0.2"),
        (1, "10.0.0.2", None, "10.0.0.2"),
    ],
)
def test_client_address_behind_a_configured_number_of_proxies(proxies, remote, forwarded, expected):
    with override_settings(HAASTEMOOTTORI_TRUSTED_PROXY_COUNT=proxies):
        assert client_address(_Request(remote, forwarded)) == expected


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=3, HAASTEMOOTTORI_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_address_is_locked_not_the_proxy(client, people):
    liisa, matti = people
    for _ in range(3):
        _login(client, f"nobody{_}@example.test", "väärä", address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert (
        _login(client, matti.email, PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code
        == 429
    )
    assert (
        _login(client, liisa.email, PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.8").status_code
        == 302
    )


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_admin_sign_in_is_throttled_too(client, people):
    liisa, _ = people
    liisa.is_staff = True
    liisa.save()
    for _ in range(3):
        client.post("/admin/login/", {"username": liisa.email, "password": "väärä"}, REMOTE_ADDR="10.0.2.1")
    refused = client.post(
        "/admin/login/",
        {"username": liisa.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.2.2",
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert refused.status_code == 429 and "Kirjautuminen on keskeytetty" in refused.content.decode()
    assert "_auth_user_id" not in client.session
