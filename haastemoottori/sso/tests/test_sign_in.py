"""City sign-in end to end against real OpenID Connect providers on real sockets (conftest.py): accounts made
just in time in the right city, roles following the directory, and every kind of bad token refused."""

import socket

import pytest

from haastemoottori.accounts.models import User
from haastemoottori.audit.models import AuditEvent
from haastemoottori.organisations.models import Membership
from haastemoottori.sso.models import OidcIdentity

from .conftest import ESPOO_PEOPLE, sign_in_via


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def actions(*values):
    return list(AuditEvent.objects.filter(action__in=values).values_list("action", flat=True).order_by("id"))


def test_the_login_page_shows_one_button_per_enabled_city(client, cities):
    cities["vantaa"].config.is_enabled = False
    cities["vantaa"].config.save()
    page = client.get("/en/accounts/login/?next=/en/challenges/").content.decode()
    assert "Sign in with your city account: City of Espoo" in page
    assert "/en/accounts/sso/espoo/?next=%2Fen%2Fchallenges%2F" in page
    assert "City of Vantaa" not in page
    assert 'name="password"' in page  # the password form stays


def test_a_new_city_employee_gets_an_account_and_the_mapped_role_in_their_city(client, cities):
    response = sign_in_via(client, "espoo", "eeva")
    user = signed_in_user(client)
    assert user is not None and user.email == "eeva.espoolainen@espoo.test" and user.full_name == "Eeva Espoolainen"
    assert not user.has_usable_password()
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role, membership.department) == (
        cities["espoo"].org,
        "challenge_owner",  # the strongest of the two mapped groups
        cities["innovation"],
    )
    assert response.redirect_chain[-1][0].startswith("/en/challenges/")
    assert OidcIdentity.objects.get(user=user).subject == "espoo-0001"
    assert client.session["sso_provider"] == "espoo"
    assert actions("sso_account_created", "sso_role_granted") == ["sso_account_created", "sso_role_granted"]
    # Authorization code flow with PKCE: the token request carried the verifier and no secret in the body.
    token_request = cities["espoo"].idp.token_requests[-1]
    assert token_request["grant_type"] == "authorization_code" and len(token_request["code_verifier"]) >= 43
    assert "client_secret" not in token_request


def test_roles_follow_the_directory_at_each_sign_in_and_are_lost_when_the_group_is(client, cities):
    sign_in_via(client, "espoo", "eeva")
    user = signed_in_user(client)
    client.logout()
    ESPOO_PEOPLE["eeva"]["groups"] = ["g-espoo-staff"]
    try:
        sign_in_via(client, "espoo", "eeva")
        membership = Membership.objects.get(user=user)
        assert (membership.role, membership.department) == ("member", None)
        changed = AuditEvent.objects.get(action="sso_role_changed")
        assert changed.changes["role"] == {"old": "challenge_owner", "new": "member"}
        client.logout()
        ESPOO_PEOPLE["eeva"]["groups"] = []  # left the city's group (or the directory)
        response = sign_in_via(client, "espoo", "eeva")
    finally:
        ESPOO_PEOPLE["eeva"]["groups"] = ["g-espoo-staff", "g-espoo-innovation"]
    assert not Membership.objects.filter(user=user).exists()
    assert signed_in_user(client) is None
    assert "gives you no role on this platform" in response.content.decode()
    revoked = AuditEvent.objects.get(action="sso_role_revoked")
    assert revoked.changes["role"] == {"old": "member", "new": None}
    assert User.objects.filter(pk=user.pk).exists()  # the account stays, without the city's rights


def test_a_person_without_a_mapped_group_gets_no_account(client, cities):
    users_before = User.objects.count()
    response = sign_in_via(client, "espoo", "nobody", language="fi")
    assert User.objects.count() == users_before and not OidcIdentity.objects.exists()
    assert signed_in_user(client) is None
    assert "ei anna sinulle roolia" in response.content.decode()
    assert AuditEvent.objects.get(action="sso_sign_in_refused").data["reason"] == "no_role"


def test_a_user_of_another_city_gets_rights_only_in_their_own_city(client, cities):
    # Ville's token carries Espoo's group ID too; Vantaa's provider can give roles only in Vantaa.
    sign_in_via(client, "vantaa", "ville")
    user = signed_in_user(client)
    assert list(Membership.objects.filter(user=user).values_list("organisation__slug", "role")) == [
        ("vantaa", "challenge_owner")
    ]
    client.logout()
    users_before = User.objects.count()
    response = sign_in_via(client, "vantaa", "stray")  # only Espoo's group: nothing in Vantaa, nothing in Espoo
    assert signed_in_user(client) is None and User.objects.count() == users_before
    assert "no role on this platform" in response.content.decode()


def test_an_answer_of_one_citys_provider_is_refused_at_another_citys_callback(client, cities):
    users_before = User.objects.count()
    response = sign_in_via(client, "vantaa", "ville", callback_slug="espoo")
    assert signed_in_user(client) is None and User.objects.count() == users_before
    assert "could not be verified" in response.content.decode()
    refused = AuditEvent.objects.get(action="sso_sign_in_refused")
    assert refused.data == {"provider": "espoo", "reason": "state_mismatch"}


@pytest.mark.parametrize(
    ("fault", "reason", "language", "message"),
    [
        ("wrong_aud", "wrong_audience", "en", "could not be verified"),
        ("expired", "token_expired", "fi", "Kirjautuminen vanheni"),
        ("forged", "token_invalid", "sv", "kunde inte verifieras"),
        ("wrong_nonce", "nonce_mismatch", "en", "could not be verified"),
        ("wrong_issuer", "wrong_issuer", "en", "could not be verified"),
        ("no_id_token", "token_invalid", "en", "could not be verified"),
    ],
)
def test_a_bad_id_token_is_refused_and_nothing_is_created(client, cities, fault, reason, language, message):
    cities["espoo"].idp.fault = fault
    users_before = User.objects.count()
    response = sign_in_via(client, "espoo", "eeva", language=language)
    assert response.status_code == 200
    assert signed_in_user(client) is None
    assert User.objects.count() == users_before and not Membership.objects.exists()
    assert not OidcIdentity.objects.exists()
    assert message in response.content.decode()
    assert AuditEvent.objects.get(action="sso_sign_in_refused").data["reason"] == reason


def test_a_replayed_or_made_up_callback_is_refused(client, cities):
    start = client.get("/en/accounts/sso/espoo/")
    from .conftest import at_provider

    back = at_provider(start["Location"], "eeva").replace("http://testserver", "")
    client.get(back)
    assert signed_in_user(client) is not None
    client.logout()
    replay = client.get(back, follow=True, headers={"accept-language": "en"})
    assert signed_in_user(client) is None and "could not be verified" in replay.content.decode()
    made_up = client.get("/sso/espoo/callback/?code=abc&state=xyz", follow=True, headers={"accept-language": "en"})
    assert made_up.status_code == 200 and "could not be verified" in made_up.content.decode()
    nothing = client.get("/sso/espoo/callback/", follow=True, headers={"accept-language": "sv"})
    assert nothing.status_code == 200 and "kunde inte verifieras" in nothing.content.decode()


def test_a_cancelled_sign_in_says_so(client, cities):
    start = client.get("/en/accounts/sso/espoo/")
    state = start["Location"].split("state=")[1].split("&")[0]
    response = client.get(f"/sso/espoo/callback/?error=access_denied&state={state}", follow=True)
    assert "cancelled or refused" in response.content.decode() and signed_in_user(client) is None


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("how", ["down", "unreachable", "slow"])
def test_a_provider_that_is_down_gives_a_clear_error_and_the_password_still_works(client, cities, how, settings):
    config, idp = cities["espoo"].config, cities["espoo"].idp
    if how == "down":
        idp.down = True
    elif how == "slow":
        settings.HAASTEMOOTTORI_OIDC_TIMEOUT_SECONDS = 0.3
        idp.fault = "slow"
    else:
        config.discovery_url = f"http://127.0.0.1:{closed_port()}/.well-known/openid-configuration"
        config.save()
    response = client.get("/fi/accounts/sso/espoo/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/fi/accounts/login/"
    assert "ei tavoiteta" in response.content.decode()
    User.objects.create_user("staff@espoo.test", "test-password-123")
    login = client.post("/fi/accounts/login/", {"username": "staff@espoo.test", "password": "test-password-123"})
    assert login.status_code == 302 and signed_in_user(client).email == "staff@espoo.test"


def test_a_misconfigured_provider_gives_a_clear_error(client, cities, monkeypatch):
    monkeypatch.delenv("HAASTEMOOTTORI_OIDC_ESPOO_SECRET")
    response = client.get("/sv/accounts/sso/espoo/", follow=True)
    assert "inte korrekt konfigurerad" in response.content.decode()
    monkeypatch.setenv("HAASTEMOOTTORI_OIDC_ESPOO_SECRET", "espoo-secret-from-env")
    config = cities["espoo"].config
    config.issuer = "https://login.example.test/espoo"  # the discovery document names another issuer
    config.discovery_url = cities["espoo"].idp.issuer + "/.well-known/openid-configuration"
    config.save()
    response = client.get("/en/accounts/sso/espoo/", follow=True)
    assert "not configured correctly" in response.content.decode()


def test_a_discovery_document_or_jwks_that_is_not_one(client, cities):
    idp = cities["espoo"].idp
    idp.fault = "garbage_discovery"
    response = client.get("/en/accounts/sso/espoo/", follow=True)
    assert response.status_code == 200 and "not configured correctly" in response.content.decode()
    idp.fault = None
    start = client.get("/en/accounts/sso/espoo/")
    idp.fault = "garbage_jwks"
    from .conftest import at_provider

    back = at_provider(start["Location"], "eeva").replace("http://testserver", "")
    response = client.get(back, follow=True)
    assert response.status_code == 200 and "could not be verified" in response.content.decode()
    assert signed_in_user(client) is None and not OidcIdentity.objects.exists()


def test_a_wrong_client_secret_is_refused_by_the_provider(client, cities, monkeypatch):
    monkeypatch.setenv("HAASTEMOOTTORI_OIDC_ESPOO_SECRET", "not-the-secret")
    response = sign_in_via(client, "espoo", "eeva")
    assert signed_in_user(client) is None and "could not be verified" in response.content.decode()


def test_an_unknown_or_disabled_provider(client, cities):
    cities["espoo"].config.is_enabled = False
    cities["espoo"].config.save()
    for path in ("/en/accounts/sso/espoo/", "/en/accounts/sso/nowhere/", "/sso/espoo/callback/?code=a&state=b"):
        response = client.get(path, follow=True, headers={"accept-language": "en"})
        assert response.status_code == 200 and "sign-in is not in use" in response.content.decode()


def test_an_existing_account_is_linked_only_within_the_citys_domains(client, cities):
    existing = User.objects.create_user("eeva.espoolainen@espoo.test", "test-password-123")
    cities["espoo"].config.email_domains = ""
    cities["espoo"].config.save()
    response = sign_in_via(client, "espoo", "eeva")
    assert signed_in_user(client) is None and "exists already" in response.content.decode()
    assert not OidcIdentity.objects.exists() and not Membership.objects.exists()
    cities["espoo"].config.email_domains = "espoo.test"
    cities["espoo"].config.save()
    sign_in_via(client, "espoo", "eeva")
    assert signed_in_user(client) == existing
    assert OidcIdentity.objects.get().user == existing
    assert actions("sso_account_linked") == ["sso_account_linked"]


def test_the_next_page_is_kept_and_outside_addresses_are_not_followed(client, cities):
    start = client.get("/en/accounts/sso/espoo/?next=/en/challenges/")
    from .conftest import at_provider

    back = at_provider(start["Location"], "eeva").replace("http://testserver", "")
    assert client.get(back)["Location"] == "/en/challenges/"
    client.logout()
    start = client.get("/en/accounts/sso/espoo/?next=https://evil.example/")
    back = at_provider(start["Location"], "eeva").replace("http://testserver", "")
    assert client.get(back)["Location"] != "https://evil.example/"
