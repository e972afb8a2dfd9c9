"""Verify a credential presented to this installation: what was pasted or uploaded, read and checked step by
step, each failure with its own outcome and a plain message in the page's language.

Accepted forms: a compact JWS (``application/vc+jwt``), or JSON holding one: an
``EnvelopedVerifiableCredential`` (``"id": "data:application/vc+jwt,<token>"``, what the download gives) or
``{"credential": "<token>"}``. The signature is checked with the installation's published keys (by ``kid``),
then the dates (``validFrom``, ``validUntil``), then the status list entry (revocation).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

import jwt
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import keys
from .models import SigningKey
from .selectors import signing_key_get
from .services import status_entry_of

COMPACT_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
ENVELOPE_PREFIX = "data:application/vc+jwt,"
# Clock skew allowed for validFrom (seconds).
LEEWAY = 60


class Outcome(StrEnum):
    VALID = "valid"
    TAMPERED = "tampered"
    UNKNOWN_KEY = "unknown_key"
    RETIRED_KEY = "retired_key"
    REVOKED = "revoked"
    NOT_JSON = "not_json"
    TOO_LARGE = "too_large"
    EMPTY = "empty"
    NOT_SIGNED = "not_signed"
    NOT_A_CREDENTIAL = "not_a_credential"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"


MESSAGES = {
    Outcome.VALID: _("Valid: signed by this installation, unchanged, and not revoked."),
    Outcome.TAMPERED: _("Not valid: the content has been changed after it was signed (the signature does not match)."),
    Outcome.UNKNOWN_KEY: _("Not valid: it is not signed with any key this installation has published."),
    Outcome.RETIRED_KEY: _(
        "Not valid: it is signed with a key this installation has retired and no longer vouches for."
    ),
    Outcome.REVOKED: _("Revoked: the signature is genuine, but the issuer has withdrawn this reference."),
    Outcome.NOT_JSON: _("This cannot be read: it is neither JSON nor a signed token."),
    Outcome.TOO_LARGE: _("This is too large to be a reference (at most %(limit)s kB)."),
    Outcome.EMPTY: _("Paste a reference or choose its file."),
    Outcome.NOT_SIGNED: _("This JSON carries no signature, so it proves nothing. Use the signed file you downloaded."),
    Outcome.NOT_A_CREDENTIAL: _("Not valid: the signature is genuine, but the content is not a verifiable credential."),
    Outcome.EXPIRED: _("Not valid any more: the reference expired on %(date)s."),
    Outcome.NOT_YET_VALID: _("Not valid yet: the reference is dated in the future (%(date)s)."),
}


def max_bytes() -> int:
    return int(getattr(settings, "HAASTEMOOTTORI_CREDENTIAL_MAX_BYTES", 64 * 1024))


@dataclass
class Verification:
    outcome: Outcome
    payload: dict[str, Any] = field(default_factory=dict)
    header: dict[str, Any] = field(default_factory=dict)
    key: SigningKey | None = None
    token: str = ""
    date: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == Outcome.VALID

    @property
    def signature_ok(self) -> bool:
        """The signature is genuine (the content can be shown as what was signed)."""
        return self.outcome in (Outcome.VALID, Outcome.REVOKED, Outcome.EXPIRED, Outcome.NOT_YET_VALID)

    @property
    def message(self) -> str:
        text = str(MESSAGES[self.outcome])
        if self.outcome == Outcome.TOO_LARGE:
            return text % {"limit": max_bytes() // 1024}
        if self.outcome in (Outcome.EXPIRED, Outcome.NOT_YET_VALID):
            shown = timezone.localtime(self.date).strftime("%Y-%m-%d %H:%M") if self.date else "?"
            return text % {"date": shown}
        return text


def token_from(presented: bytes | str) -> str | Verification:
    """The compact JWS in what was presented, or the Verification that says why there is none."""
    raw = presented.encode("utf-8") if isinstance(presented, str) else presented
    if len(raw) > max_bytes():
        return Verification(Outcome.TOO_LARGE)
    try:
        text = raw.decode("utf-8").strip().lstrip("\ufeff")
    except UnicodeDecodeError:
        return Verification(Outcome.NOT_JSON)
    if not text:
        return Verification(Outcome.EMPTY)
    if COMPACT_JWS.fullmatch(text):
        return text
    try:
        data = json.loads(text)
    except ValueError:
        return Verification(Outcome.NOT_JSON)
    candidate = ""
    if isinstance(data, dict):
        enveloped = data.get("id")
        if isinstance(enveloped, str) and enveloped.startswith(ENVELOPE_PREFIX):
            candidate = enveloped[len(ENVELOPE_PREFIX) :]
        elif isinstance(data.get("credential"), str):
            candidate = data["credential"]
    elif isinstance(data, str):
        candidate = data
    candidate = candidate.strip()
    if not candidate:
        return Verification(Outcome.NOT_SIGNED)
    if not COMPACT_JWS.fullmatch(candidate):
        return Verification(Outcome.TAMPERED)
    return candidate


def _date(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def verify_token(token: str, *, now: datetime | None = None) -> Verification:
    """Check a compact JWS: the key, the signature, that it is a credential, its dates and its status."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        return Verification(Outcome.TAMPERED, token=token)
    kid = header.get("kid")
    key = signing_key_get(kid) if isinstance(kid, str) and header.get("alg") == "EdDSA" else None
    if key is None:
        return Verification(Outcome.UNKNOWN_KEY, header=header, token=token)
    if key.status == SigningKey.Status.RETIRED:
        return Verification(Outcome.RETIRED_KEY, header=header, key=key, token=token)
    try:
        payload = jwt.decode(
            token,
            keys.load_public(key.public_jwk),
            algorithms=["EdDSA"],
            options={"verify_exp": False, "verify_nbf": False, "verify_iat": False, "verify_aud": False},
        )
    except jwt.PyJWTError:
        return Verification(Outcome.TAMPERED, header=header, key=key, token=token)
    result = Verification(Outcome.VALID, payload=payload, header=header, key=key, token=token)
    types = payload.get("type")
    valid_from = _date(payload.get("validFrom"))
    if not isinstance(types, list) or "VerifiableCredential" not in types or valid_from is None:
        result.outcome = Outcome.NOT_A_CREDENTIAL
        return result
    now = now or timezone.now()
    if valid_from > now + timedelta(seconds=LEEWAY):
        result.outcome, result.date = Outcome.NOT_YET_VALID, valid_from
        return result
    valid_until = _date(payload.get("validUntil"))
    if "validUntil" in payload and valid_until is None:
        result.outcome = Outcome.NOT_A_CREDENTIAL
        return result
    if valid_until is not None and valid_until < now:
        result.outcome, result.date = Outcome.EXPIRED, valid_until
        return result
    statuses = payload.get("credentialStatus") or []
    for entry in statuses if isinstance(statuses, list) else [statuses]:
        found = status_entry_of(entry) if isinstance(entry, dict) else None
        if found is not None and entry.get("statusPurpose") == "revocation" and found[0].is_set(found[1]):
            result.outcome = Outcome.REVOKED
            return result
    return result


def verify_presented(presented: bytes | str, *, now: datetime | None = None) -> Verification:
    """Verify what someone pasted or uploaded."""
    token = token_from(presented)
    if isinstance(token, Verification):
        return token
    return verify_token(token, now=now)
