"""Writes of the signing keys and status lists, and signing: every change audited, in a transaction.

``credential_sign`` signs a JSON payload as a compact JWS (EdDSA over Ed25519, RFC 8037) with the active key,
whose id (the JWK thumbprint) is in the header's ``kid``; the first signature creates the first key.
"""

from __future__ import annotations

import gzip
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jwt
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import ServiceConflict, ServiceValidationError

from . import keys
from .audit_actions import AuditAction
from .errors import ErrorCode
from .models import SigningKey, StatusList

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser | None

# The media types of VC-JOSE-COSE (a credential secured as a JWT) and the W3C credentials context.
VC_JWT_TYP = "vc+jwt"
VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"


def _not_configured(exc: Exception) -> ServiceConflict:
    return ServiceConflict(
        ErrorCode.NOT_CONFIGURED,
        _("Signing is not set up on this installation (HAASTEMOOTTORI_SIGNING_KEYS_SECRET). Ask the platform admin."),
    )


def issuer_id() -> str:
    """The installation as an issuer: its public address."""
    return str(settings.SITE_URL).rstrip("/") + "/"


def absolute(path: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + path


@transaction.atomic
def signing_key_rotate(*, actor: Actor = None) -> SigningKey:
    """A new active key; the one that was active keeps verifying what it signed (still in the JWKS)."""
    try:
        new = keys.generate()
    except keys.SigningNotConfigured as exc:
        raise _not_configured(exc) from exc
    now = timezone.now()
    for old in SigningKey.objects.select_for_update().filter(status=SigningKey.Status.ACTIVE):
        old.status = SigningKey.Status.VERIFY_ONLY
        old.rotated_out_at = now
        old.save(update_fields=["status", "rotated_out_at"])
        audit_record(actor=actor, action=AuditAction.KEY_ROTATED_OUT, target=old, data={"kid": old.kid})
    key = SigningKey.objects.create(
        kid=new.kid, public_jwk=new.public_jwk, private_key=new.encrypted_private_pem, status=SigningKey.Status.ACTIVE
    )
    audit_record(actor=actor, action=AuditAction.KEY_CREATED, target=key, data={"kid": key.kid})
    return key


@transaction.atomic
def signing_key_retire(*, actor: Actor = None, kid: str) -> SigningKey:
    """Stop vouching for a key: out of the JWKS, its private key wiped; what it signed no longer verifies."""
    key = SigningKey.objects.select_for_update().filter(kid=kid).first()
    if key is None:
        raise ServiceValidationError(ErrorCode.NO_SUCH_KEY, _("There is no signing key with that id."), field="kid")
    if key.status == SigningKey.Status.ACTIVE:
        raise ServiceConflict(ErrorCode.ACTIVE_KEY, _("Rotate the keys first: the active key cannot be retired."))
    if key.status == SigningKey.Status.RETIRED:
        return key
    key.status = SigningKey.Status.RETIRED
    key.retired_at = timezone.now()
    key.private_key = ""
    key.save(update_fields=["status", "retired_at", "private_key"])
    audit_record(actor=actor, action=AuditAction.KEY_RETIRED, target=key, data={"kid": key.kid})
    return key


def _active_key() -> SigningKey:
    key = SigningKey.objects.filter(status=SigningKey.Status.ACTIVE).first()
    if key is not None:
        return key
    try:
        with transaction.atomic():
            return signing_key_rotate()
    except IntegrityError:  # another process created the first key at the same moment
        return SigningKey.objects.get(status=SigningKey.Status.ACTIVE)


def credential_sign(payload: dict[str, Any], *, typ: str = VC_JWT_TYP) -> tuple[str, SigningKey]:
    """The payload signed as a compact JWS with the active key, and that key."""
    key = _active_key()
    try:
        private = keys.load_private(key.private_key)
    except keys.SigningNotConfigured as exc:
        raise _not_configured(exc) from exc
    token = jwt.encode(payload, private, algorithm="EdDSA", headers={"kid": key.kid, "typ": typ})
    return token, key


# --- status lists (W3C Bitstring Status List v1.0) -------------------------------------------------------------


def status_list_url(status_list: StatusList) -> str:
    return absolute(reverse("credentials:status-list", args=[status_list.slug]))


@transaction.atomic
def status_entry_allocate(*, purpose: str = StatusList.Purpose.REVOCATION) -> dict[str, Any]:
    """The next free entry of a status list for ``purpose`` (a new list when the current one is full), as the
    ``credentialStatus`` object a credential carries."""
    status_list = StatusList.objects.select_for_update().filter(purpose=purpose).order_by(
        "-id"
    ).first() or StatusList.objects.create(slug=f"{purpose}-1", purpose=purpose)
    if status_list.next_index >= status_list.size:
        number = StatusList.objects.filter(purpose=purpose).count() + 1
        status_list = StatusList.objects.create(slug=f"{purpose}-{number}", purpose=purpose)
    index = status_list.next_index
    StatusList.objects.filter(pk=status_list.pk).update(next_index=index + 1)
    url = status_list_url(status_list)
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


def status_entry_of(entry: dict[str, Any]) -> tuple[StatusList, int] | None:
    """This installation's list and index named by a ``credentialStatus`` entry (None: not ours or malformed)."""
    try:
        path = urlsplit(str(entry.get("statusListCredential", ""))).path
        match = resolve(path)
        index = int(str(entry.get("statusListIndex", "")))
    except (Resolver404, ValueError):
        return None
    if match.view_name != "credentials:status-list":
        return None
    status_list = StatusList.objects.filter(slug=match.kwargs.get("slug", "")).first()
    if status_list is None or not 0 <= index < status_list.size:
        return None
    return status_list, index


@transaction.atomic
def status_set(*, actor: Actor, entry: dict[str, Any], value: bool, target: Any = None) -> None:
    """Set (revoke) or clear one entry; audited on ``target`` (the credential's record) or the list."""
    found = status_entry_of(entry)
    if found is None:
        raise ServiceValidationError(ErrorCode.NO_SUCH_KEY, _("The credential names no status list of ours."))
    status_list, index = found
    status_list = StatusList.objects.select_for_update().get(pk=status_list.pk)
    data = bytearray(bytes(status_list.bits))
    mask = 0x80 >> (index % 8)
    old = bool(data[index // 8] & mask)
    if old == value:
        return
    data[index // 8] = data[index // 8] | mask if value else data[index // 8] & ~mask
    status_list.bits = bytes(data)
    status_list.save(update_fields=["bits", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.STATUS_SET,
        target=target if target is not None else status_list,
        changes={"status": (old, value)},
        data={"list": status_list.slug, "index": index},
    )


def encoded_list(status_list: StatusList) -> str:
    """The list's bits GZIP-compressed and multibase base64url-encoded (``u`` prefix), as the spec says."""
    return "u" + keys.b64url(gzip.compress(bytes(status_list.bits), mtime=0))


def status_list_credential(status_list: StatusList) -> str:
    """The list as a signed BitstringStatusListCredential (VC-JOSE-COSE, ``application/vc+jwt``)."""
    url = status_list_url(status_list)
    payload = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": timezone.now().replace(microsecond=0).isoformat(),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": status_list.purpose,
            "encodedList": encoded_list(status_list),
        },
    }
    token, _key = credential_sign(payload)
    return token
