"""Ed25519 key pairs with ``cryptography``: generate, encrypt the private key at rest, the public key as a JWK.

The private key is kept as an encrypted PKCS#8 PEM (``BestAvailableEncryption``) whose passphrase is
``settings.HAASTEMOOTTORI_SIGNING_KEYS_SECRET`` (from the environment, never in the repository or the
database). Without it nothing can be signed (``SigningNotConfigured``); verifying needs only the public keys.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings


class SigningNotConfigured(Exception):
    """HAASTEMOOTTORI_SIGNING_KEYS_SECRET is not set (or does not open the stored key)."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _passphrase() -> bytes:
    secret = getattr(settings, "HAASTEMOOTTORI_SIGNING_KEYS_SECRET", "")
    if not secret:
        raise SigningNotConfigured("Set HAASTEMOOTTORI_SIGNING_KEYS_SECRET to sign credentials.")
    return str(secret).encode("utf-8")


@dataclass(frozen=True)
class NewKey:
    kid: str
    public_jwk: dict[str, str]
    encrypted_private_pem: str


def public_jwk(public_key: Ed25519PublicKey) -> dict[str, str]:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"kty": "OKP", "crv": "Ed25519", "x": b64url(raw)}


def thumbprint(jwk: dict[str, str]) -> str:
    """The JWK's RFC 7638 thumbprint (SHA-256), used as the key id."""
    canonical = json.dumps({k: jwk[k] for k in ("crv", "kty", "x")}, separators=(",", ":"), sort_keys=True)
    return b64url(hashlib.sha256(canonical.encode("utf-8")).digest())


def generate() -> NewKey:
    private = Ed25519PrivateKey.generate()
    jwk = public_jwk(private.public_key())
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_passphrase()),
    ).decode("ascii")
    return NewKey(kid=thumbprint(jwk), public_jwk=jwk, encrypted_private_pem=pem)


def load_private(encrypted_pem: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(encrypted_pem.encode("ascii"), password=_passphrase())
    except (ValueError, TypeError) as exc:
        raise SigningNotConfigured("HAASTEMOOTTORI_SIGNING_KEYS_SECRET does not open the signing key.") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningNotConfigured("The stored signing key is not an Ed25519 key.")
    return key


def load_public(jwk: dict[str, str]) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
