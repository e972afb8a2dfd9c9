"""Keys, rotation, the JWKS, signing and every verification outcome on a bare credential."""

import io
import json
from datetime import timedelta

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceError
from haastemoottori.credentials import keys
from haastemoottori.credentials.models import SigningKey, StatusList
from haastemoottori.credentials.services import (
    credential_sign,
    signing_key_retire,
    signing_key_rotate,
    status_entry_allocate,
    status_set,
)
from haastemoottori.credentials.verification import ENVELOPE_PREFIX, Outcome, verify_presented

pytestmark = pytest.mark.django_db


def credential(**extra):
    now = timezone.now().replace(microsecond=0)
    payload = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "urn:uuid:00000000-0000-0000-0000-0000000000aa",
        "type": ["VerifiableCredential"],
        "issuer": "http://127.0.0.1:8000/",
        "validFrom": now.isoformat(),
        "credentialSubject": {"id": "http://127.0.0.1:8000/fi/organisations/x/"},
    }
    payload.update(extra)
    return payload


def test_the_private_key_is_stored_encrypted_and_opens_only_with_the_secret():
    _token, key = credential_sign(credential())
    assert "ENCRYPTED PRIVATE KEY" in key.private_key
    assert keys.load_private(key.private_key)  # opens with the configured secret
    with (
        override_settings(HAASTEMOOTTORI_SIGNING_KEYS_SECRET="another-secret"),
        pytest.raises(keys.SigningNotConfigured),
    ):
        keys.load_private(key.private_key)
    with override_settings(HAASTEMOOTTORI_SIGNING_KEYS_SECRET=""), pytest.raises(ServiceError) as caught:
        credential_sign(credential())
    assert caught.value.code == "signing_not_configured"


def test_valid_then_verifies_after_rotation_and_fails_after_one_changed_byte(client):
    token, old = credential_sign(credential())
    assert verify_presented(token).outcome == Outcome.VALID
    call_command("rotate_signing_key", stdout=io.StringIO())
    new = SigningKey.objects.get(status=SigningKey.Status.ACTIVE)
    assert new.kid != old.kid
    old.refresh_from_db()
    assert old.status == SigningKey.Status.VERIFY_ONLY
    # The old key is still published and still verifies what it signed; new signatures use the new key.
    published = {k["kid"] for k in client.get("/.well-known/jwks.json").json()["keys"]}
    assert published == {old.kid, new.kid}
    assert verify_presented(token).outcome == Outcome.VALID
    assert jwt.get_unverified_header(credential_sign(credential())[0])["kid"] == new.kid
    # One changed byte anywhere in the payload or the signature: not valid.
    head, body, signature = token.split(".")
    for part in ("body", "signature"):
        text = body if part == "body" else signature
        i = len(text) // 2
        changed = text[:i] + ("A" if text[i] != "A" else "B") + text[i + 1 :]
        forged = f"{head}.{changed}.{signature}" if part == "body" else f"{head}.{body}.{changed}"
        assert verify_presented(forged).outcome == Outcome.TAMPERED, part
    assert AuditEvent.objects.filter(action="signing_key_rotated_out", target_id=str(old.pk)).exists()


def test_a_retired_key_is_unpublished_wiped_and_no_longer_verifies(client):
    token, old = credential_sign(credential())
    with pytest.raises(ServiceError):
        signing_key_retire(kid=old.kid)  # the active key cannot be retired
    signing_key_rotate()
    signing_key_retire(kid=old.kid)
    old.refresh_from_db()
    assert old.private_key == ""
    assert old.kid not in {k["kid"] for k in client.get("/.well-known/jwks.json").json()["keys"]}
    assert verify_presented(token).outcome == Outcome.RETIRED_KEY


def test_a_key_of_somebody_else_is_an_unknown_key():
    stranger = Ed25519PrivateKey.generate()
    token = jwt.encode(credential(), stranger, algorithm="EdDSA", headers={"kid": "not-ours", "typ": "vc+jwt"})
    assert verify_presented(token).outcome == Outcome.UNKNOWN_KEY
    # Even with our key id in the header, a signature by another key does not verify.
    _token, ours = credential_sign(credential())
    token = jwt.encode(credential(), stranger, algorithm="EdDSA", headers={"kid": ours.kid})
    assert verify_presented(token).outcome == Outcome.TAMPERED
    token = jwt.encode(credential(), "shared-secret-hmac-key-32-bytes!!", algorithm="HS256", headers={"kid": ours.kid})
    assert verify_presented(token).outcome == Outcome.UNKNOWN_KEY


def test_dates_expired_and_future():
    now = timezone.now().replace(microsecond=0)
    expired, _k = credential_sign(credential(validUntil=(now - timedelta(days=1)).isoformat()))
    future, _k = credential_sign(credential(validFrom=(now + timedelta(days=2)).isoformat()))
    assert verify_presented(expired).outcome == Outcome.EXPIRED
    result = verify_presented(future)
    assert result.outcome == Outcome.NOT_YET_VALID and result.date is not None
    assert str((now + timedelta(days=2)).year) in result.message
    undated, _k = credential_sign(credential(validFrom="yesterday"))
    assert verify_presented(undated).outcome == Outcome.NOT_A_CREDENTIAL


@pytest.mark.parametrize(
    ("presented", "outcome"),
    [
        ("", Outcome.EMPTY),
        ("   ", Outcome.EMPTY),
        ("tämä ei ole JSONia", Outcome.NOT_JSON),
        (b"\xff\xfe\x00binary", Outcome.NOT_JSON),
        ('{"@context": [], "type": ["VerifiableCredential"]}', Outcome.NOT_SIGNED),
        ("[1, 2, 3]", Outcome.NOT_SIGNED),
        ('{"id": "data:application/vc+jwt,not a token"}', Outcome.TAMPERED),
        ("a" * 70_000, Outcome.TOO_LARGE),
        ("eyJhbGciOiJFZERTQSJ9.e30.c2ln", Outcome.UNKNOWN_KEY),
        ("bm90LWpzb24.e30.c2ln", Outcome.TAMPERED),
    ],
)
def test_bad_input_is_named(presented, outcome):
    result = verify_presented(presented)
    assert result.outcome == outcome
    assert result.message


def test_the_enveloped_json_and_a_status_list_revocation():
    entry = status_entry_allocate()
    token, _key = credential_sign(credential(credentialStatus=entry))
    envelope = json.dumps({"id": ENVELOPE_PREFIX + token, "type": "EnvelopedVerifiableCredential"})
    assert verify_presented(envelope).outcome == Outcome.VALID
    status_set(actor=None, entry=entry, value=True)
    assert verify_presented(envelope).outcome == Outcome.REVOKED
    status_list = StatusList.objects.get()
    assert status_list.is_set(int(entry["statusListIndex"]))


def test_the_status_list_is_published_signed_and_decodes(client):
    import base64
    import gzip

    first = status_entry_allocate()
    second = status_entry_allocate()
    assert (first["statusListIndex"], second["statusListIndex"]) == ("0", "1")
    status_set(actor=None, entry=second, value=True)
    response = client.get(first["statusListCredential"].removeprefix("http://127.0.0.1:8000"))
    assert response.status_code == 200 and response["Content-Type"] == "application/vc+jwt"
    verified = verify_presented(response.content)
    assert verified.outcome == Outcome.VALID
    subject = verified.payload["credentialSubject"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == "revocation"
    encoded = subject["encodedList"]
    assert encoded.startswith("u")
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(bits) == 131_072 // 8
    assert bits[0] == 0b0100_0000  # entry 1 is set, entry 0 is not
    assert client.get("/credentials/status/no-such-list/").status_code == 404
