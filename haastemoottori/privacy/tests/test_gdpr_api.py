"""The profile service's GDPR API against a local issuer over a real socket: its discovery document and key
set served by an HTTP server in the test, tokens signed with a key generated here."""

import json
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache
from django.test import override_settings

from haastemoottori.accounts.models import User
from haastemoottori.audit.models import AuditEvent
from haastemoottori.privacy.audit_actions import AuditAction
from haastemoottori.privacy.models import ProfileLink
from haastemoottori.privacy.services_links import profile_link_set

pytestmark = pytest.mark.django_db

AUDIENCE = "https://api.hel.fi/auth/haastemoottori"
QUERY, DELETE = "haastemoottori.gdprquery", "haastemoottori.gdprdelete"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
FORGER = rsa.generate_private_key(public_exponent=65537, key_size=2048)


class Issuer(BaseHTTPRequestHandler):
    mode = "ok"  # ok | error | slow | garbage

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_port}"
        if self.mode == "slow":
            time.sleep(1.5)
        if self.mode == "error":
            self.send_response(500)
            self.end_headers()
            return
        if self.path == "/.well-known/openid-configuration":
            body = {"issuer": base, "jwks_uri": f"{base}/jwks"}
        elif self.path == "/jwks":
            public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key()))
            body = {"keys": [{**public, "kid": "k1", "use": "sig", "alg": "RS256"}]}
        else:
            self.send_response(404)
            self.end_headers()
            return
        data = b"not json" if self.mode == "garbage" else json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def issuer():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Issuer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    cache.clear()
    Issuer.mode = "ok"
    with override_settings(
        GDPR_API_ENABLED=True, GDPR_API_ISSUERS=[url], GDPR_API_AUDIENCE=[AUDIENCE], GDPR_API_HTTP_TIMEOUT=0.5
    ):
        yield url
    server.shutdown()
    server.server_close()
    cache.clear()


@pytest.fixture
def linked(person):
    subject = uuid.uuid4()
    profile_link_set(user=person.user, subject=subject)
    person.subject = subject
    return person


def token(issuer, sub, *, scopes=(QUERY, DELETE), aud=AUDIENCE, key=KEY, expires_in=300, iss=None):
    now = datetime.now(UTC)
    claims = {
        "iss": iss or issuer,
        "sub": str(sub),
        "aud": aud,
        "iat": now,
        "exp": now + timedelta(seconds=expires_in),
        "https://api.hel.fi/auth": list(scopes),
    }
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "k1"})


def call(client, method, subject, bearer=None, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {bearer}"} if bearer else {}
    return getattr(client, method)(f"/gdpr-api/v1/profiles/{subject}", **headers, **extra)


def test_get_returns_the_persons_data_in_the_documented_tree(client, issuer, linked):
    response = call(client, "get", linked.subject, token(issuer, linked.subject))
    assert response.status_code == 200
    tree = response.json()
    assert tree["key"] == "USER"
    keys = {child["key"] for child in tree["children"]}
    assert {"ACCOUNTS_USER", "PROPOSALS_PROPOSAL", "COMMENTS_COMMENT"} <= keys
    user_node = next(c for c in tree["children"] if c["key"] == "ACCOUNTS_USER")["children"][0]
    assert {"key": "EMAIL", "value": "zorblax.marker@quimby.test"} in user_node["children"]
    assert AuditEvent.objects.filter(action=AuditAction.GDPR_API_QUERIED, target_id=str(linked.user.pk)).exists()


@pytest.mark.parametrize(
    "make",
    [
        lambda issuer, sub: None,
        lambda issuer, sub: "not-a-jwt",
        lambda issuer, sub: token(issuer, sub, aud="another-api"),
        lambda issuer, sub: token(issuer, sub, expires_in=-60),
        lambda issuer, sub: token(issuer, sub, key=FORGER),
        lambda issuer, sub: token(issuer, sub, iss="https://evil.example"),
    ],
    ids=["no-token", "garbage", "wrong-audience", "expired", "forged-signature", "unknown-issuer"],
)
def test_a_missing_or_bad_token_is_refused_with_401(client, issuer, linked, make):
    response = call(client, "get", linked.subject, make(issuer, linked.subject))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    response = call(client, "delete", linked.subject, make(issuer, linked.subject))
    assert response.status_code == 401
    assert User.objects.get(pk=linked.user.pk).is_active


def test_the_scope_and_the_person_must_match(client, issuer, linked):
    assert call(client, "get", linked.subject, token(issuer, linked.subject, scopes=[DELETE])).status_code == 403
    assert call(client, "delete", linked.subject, token(issuer, linked.subject, scopes=[QUERY])).status_code == 403
    other = uuid.uuid4()
    assert call(client, "get", linked.subject, token(issuer, other)).status_code == 403
    assert User.objects.get(pk=linked.user.pk).is_active


def test_an_unknown_person_is_204(client, issuer, linked):
    other = uuid.uuid4()
    assert call(client, "get", other, token(issuer, other)).status_code == 204
    assert call(client, "delete", other, token(issuer, other)).status_code == 204


def test_a_dry_run_deletes_nothing_then_delete_erases(client, issuer, linked):
    bearer = token(issuer, linked.subject)
    assert call(client, "delete", linked.subject, bearer, QUERY_STRING="dry_run=true").status_code == 204
    assert User.objects.get(pk=linked.user.pk).email == "zorblax.marker@quimby.test"
    response = client.generic(
        "DELETE",
        f"/gdpr-api/v1/profiles/{linked.subject}",
        json.dumps({"dry_run": True}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {bearer}",
    )
    assert response.status_code == 204
    assert User.objects.get(pk=linked.user.pk).is_active
    assert call(client, "delete", linked.subject, bearer).status_code == 204
    user = User.objects.get(pk=linked.user.pk)
    assert not user.is_active and "zorblax" not in user.email
    assert not ProfileLink.objects.filter(subject=linked.subject).exists()
    event = AuditEvent.objects.get(action=AuditAction.ACCOUNT_ERASED)
    assert event.data["reason"] == "profile_service"


def test_a_refusal_uses_the_documented_error_shape(client, issuer, linked):
    User.objects.filter(pk=linked.user.pk).update(is_superuser=True)
    response = call(client, "delete", linked.subject, token(issuer, linked.subject), QUERY_STRING="dry_run=1")
    assert response.status_code == 403
    error = response.json()["errors"][0]
    assert error["code"] == "platform_admin" and set(error["message"]) == {"fi", "sv", "en"}
    assert User.objects.get(pk=linked.user.pk).is_active


@pytest.mark.parametrize("mode", ["error", "slow", "garbage"])
def test_an_issuer_that_fails_gives_503_not_500(client, issuer, linked, mode):
    Issuer.mode = mode
    response = call(client, "get", linked.subject, token(issuer, linked.subject))
    assert response.status_code == 503
    assert response.json()["errors"][0]["code"] == "keys_unavailable"


def test_the_api_is_off_by_default(client, linked):
    assert call(client, "get", linked.subject, "x").status_code == 404
