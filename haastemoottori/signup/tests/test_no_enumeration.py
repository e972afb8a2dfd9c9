"""Sign-up and password reset tell nobody which addresses have accounts, e-mail links start with the configured
site address whatever Host header the request had, and both are limited per address and per client."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings

from haastemoottori.accounts.models import User
from haastemoottori.organisations.models import Organisation

SITE = "https://haastemoottori.example.fi"
SIGNUP = {
    "kind": "company",
    "company_name": "Lumityö Oy",
    "business_id": "2345670-5",
    "full_name": "Liisa Lumi",
    "email": "liisa@lumityo.test",
    "password": "pitkä-lumi-salaisuus-123",
    "language": "fi",
}
LIMITS = {
    "signup": {"per_address": 2, "per_client": 4, "window": 3600},
    "password_reset": {"per_address": 2, "per_client": 3, "window": 3600},
}


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def _links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def _main(response) -> str:
    """The page's main content without the parts that differ by request (the CSRF token, the e-mail typed)."""
    text = response.content.decode()
    main = text[text.index("<main") : text.index("</main>")]
    return re.sub(r'value="[^"]*"', "", main)


@override_settings(SITE_URL=SITE)
def test_signup_with_a_registered_address_answers_as_for_a_new_one(client, region, django_capture_on_commit_callbacks):
    taken = region.people["espoo_owner"].email
    with django_capture_on_commit_callbacks(execute=True):
        new = client.post("/fi/accounts/signup/", {**SIGNUP, "email": "uusi@lumityo.test"})
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(
            "/fi/accounts/signup/", {**SIGNUP, "email": taken, "business_id": "2345671-3", "company_name": "Toinen"}
        )
    assert new.status_code == again.status_code == 200
    assert _main(new).replace("uusi@lumityo.test", "@") == _main(again).replace(taken, "@")
    # Nothing was created for the registered address; its owner got an e-mail that says the rest.
    assert User.objects.filter(email=taken).count() == 1
    assert not Organisation.objects.filter(identifiers__identifier="2345671-3", kind="company").exists()
    to_taken = [m for m in mail.outbox if m.to == [taken]]
    assert len(to_taken) == 1
    body = to_taken[0].body
    assert "jo tili" in to_taken[0].subject or "already" in to_taken[0].subject
    assert f"{SITE}/fi/accounts/login/" in body and f"{SITE}/fi/accounts/password-reset/" in body


def test_a_form_error_is_the_same_for_a_registered_and_a_new_address(client, region):
    taken = region.people["espoo_owner"].email
    bad = {**SIGNUP, "business_id": "2345670-6"}  # wrong check digit
    first = client.post("/fi/accounts/signup/", {**bad, "email": "uusi@lumityo.test"})
    second = client.post("/fi/accounts/signup/", {**bad, "email": taken})
    assert first.status_code == second.status_code == 400
    assert _main(first) == _main(second)


def test_password_reset_answers_the_same_for_any_address(client, region):
    known = client.post("/fi/accounts/password-reset/", {"email": region.people["espoo_owner"].email}, follow=True)
    unknown = client.post("/fi/accounts/password-reset/", {"email": "nobody@nowhere.test"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain and _main(known) == _main(unknown)
    assert len(mail.outbox) == 1


@override_settings(SITE_URL=SITE)
def test_email_links_use_the_site_url_not_the_host_header(client, region, django_capture_on_commit_callbacks):
    client.post(
        "/fi/accounts/password-reset/", {"email": region.people["espoo_owner"].email}, HTTP_HOST="localhost:8091"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fi/accounts/signup/", SIGNUP, HTTP_HOST="localhost:8091")
    client.force_login(region.people["espoo_admin"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/fi/organisations/espoo/team/invite/",
            {"email": "kutsuttu@example.test", "role": "member", "language": "fi"},
            HTTP_HOST="localhost:8091",
        )
    assert len(mail.outbox) == 3, [m.subject for m in mail.outbox]
    for message in mail.outbox:
        links = _links(message)
        assert links and all(link.startswith(SITE + "/") for link in links), links
        assert "localhost:8091" not in message.body


@override_settings(HAASTEMOOTTORI_RATE_LIMITS=LIMITS)
def test_signup_is_limited_per_address_and_per_client(client, db, django_capture_on_commit_callbacks):
    answers = []
    for number in range(3):
        data = {**SIGNUP, "business_id": ["2345672-1", "2345674-8", "2345675-6"][number]}
        answers.append(client.post("/fi/accounts/signup/", data).status_code)
    assert answers == [200, 200, 429]  # the third sign-up with the same address
    allowed = client.post(
        "/fi/accounts/signup/", {**SIGNUP, "email": "toinen@lumityo.test", "business_id": "2345676-4"}
    )
    assert allowed.status_code == 200  # a new address: the 4th request from this client, still allowed
    over = client.post("/fi/accounts/signup/", {**SIGNUP, "email": "kolmas@lumityo.test", "business_id": "2345677-2"})
    assert over.status_code == 429 and "Liian monta" in over.content.decode()
    assert not User.objects.filter(email="kolmas@lumityo.test").exists()
    other_client = client.post(
        "/fi/accounts/signup/",
        {**SIGNUP, "email": "neljas@lumityo.test", "business_id": "2345678-0"},
        REMOTE_ADDR="10.9.9.9",
    )
    assert other_client.status_code == 200


@override_settings(HAASTEMOOTTORI_RATE_LIMITS=LIMITS)
def test_password_reset_is_limited_per_address_and_per_client(client, region):
    email = region.people["espoo_owner"].email
    codes = [client.post("/fi/accounts/password-reset/", {"email": email}).status_code for _ in range(3)]
    assert codes == [302, 302, 429] and len(mail.outbox) == 2
    page = client.post("/fi/accounts/password-reset/", {"email": email}).content.decode()
    assert "Liian monta" in page
    # The same limit for an address without an account: the limit reveals nothing either.
    unknown = [
        client.post("/fi/accounts/password-reset/", {"email": "x@nowhere.test"}, REMOTE_ADDR="10.1.1.1").status_code
        for _ in range(3)
    ]
    assert unknown == [302, 302, 429]


@override_settings(HAASTEMOOTTORI_CLIENT_IP_HEADER="HTTP_X_REAL_IP")
def test_the_client_address_comes_from_the_proxy_header_when_configured(rf):
    from haastemoottori.core.ratelimit import client_address

    assert client_address(rf.get("/", HTTP_X_REAL_IP="203.0.113.7")) == "203.0.113.7"
    assert client_address(rf.get("/")) == "127.0.0.1"
