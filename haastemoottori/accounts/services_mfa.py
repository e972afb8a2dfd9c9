"""Writes for a person's second factor: an authenticator app (TOTP), recovery codes, removing a device, and the
verification itself. Passkeys are created by django-otp-webauthn's ceremony views (urls_webauthn.py), which call
``passkey_added`` here to audit them.

Recovery codes are shown once and stored only as hashes (django-otp's static tokens hold the hash), so a copy of
the database does not give them away. TOTP keys are stored as django-otp stores them: the server needs the shared
secret to compute the codes (docs/adr/0013-second-factor-and-login-throttling.md).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from binascii import unhexlify
from datetime import timedelta
from typing import Any

import segno
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from django_otp_webauthn.models import WebAuthnCredential

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import ServiceValidationError

from .audit_actions import AuditAction
from .errors import ErrorCode
from .models import User
from .second_factor import RECOVERY_DEVICE_NAME

RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
_TOTP_TOLERANCE = 1  # one 30-second step either way for a phone's clock


def totp_new_key() -> str:
    """A new 160-bit TOTP secret as hex (django-otp's format); kept in the session until confirmed."""
    return str(random_hex(20))


def totp_provisioning(*, user: User, key: str) -> dict[str, str]:
    """The otpauth:// address, its QR code as inline SVG, and the secret in base32 for typing in by hand."""
    device = TOTPDevice(user=user, key=key, name=_("Authenticator app"))
    url = device.config_url
    secret = re.search(r"secret=([A-Z2-7]+)", url)
    svg = segno.make(url, error="m").svg_inline(scale=4, dark="#000", light="#fff", omitsize=False)
    return {"url": url, "svg": svg, "secret": secret.group(1) if secret else ""}


def _code_invalid() -> ServiceValidationError:
    return ServiceValidationError(
        ErrorCode.CODE_INVALID, _("The code is not right or has expired. Try the newest code."), field="code"
    )


@transaction.atomic
def totp_device_add(*, actor: User, key: str, code: str) -> TOTPDevice:
    """Confirm a new authenticator app with a code it shows now, and keep it."""
    if not re.fullmatch(r"[0-9a-f]{40}", key or ""):
        raise _code_invalid()
    digits = re.sub(r"\s", "", code or "")
    if not re.fullmatch(r"\d{6}", digits):
        raise _code_invalid()
    totp = TOTP(unhexlify(key), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time()
    if not totp.verify(int(digits), tolerance=_TOTP_TOLERANCE):
        raise _code_invalid()
    device = TOTPDevice.objects.create(
        user=actor,
        key=key,
        name=_("Authenticator app"),
        confirmed=True,
        tolerance=_TOTP_TOLERANCE,
        last_t=totp.t(),  # the code just used cannot be used again to sign in
        drift=totp.drift,
    )
    audit_record(actor=actor, action=AuditAction.MFA_TOTP_ADDED, target=actor, data={"device": device.persistent_id})
    return device


def _normalise_recovery_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def _recovery_hash(code: str) -> str:
    """What is stored of a recovery code (django-otp's token column holds 16 characters)."""
    return hashlib.sha256(f"haastemoottori-recovery:{_normalise_recovery_code(code)}".encode()).hexdigest()[:16]


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


@transaction.atomic
def recovery_codes_create(*, actor: User) -> list[str]:
    """New recovery codes, replacing any earlier ones. The codes are returned to be shown once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=actor, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=_recovery_hash(code)) for code in codes])
    audit_record(actor=actor, action=AuditAction.MFA_RECOVERY_CODES_CREATED, target=actor, data={"count": len(codes)})
    return codes


@transaction.atomic
def second_factor_verify(*, actor: User, code: str) -> Device:
    """The device that accepts ``code``: an authenticator app's six digits, or a recovery code (used up).
    django-otp throttles repeated failures per device. The caller marks the session (django_otp.login)."""
    digits = re.sub(r"\s", "", code or "")
    if re.fullmatch(r"\d{6}", digits):
        for totp_device in TOTPDevice.objects.filter(user=actor, confirmed=True):
            if totp_device.verify_token(digits):
                return totp_device
        raise _code_invalid()
    normalised = _normalise_recovery_code(code)
    if len(normalised) == 10:
        recovery = StaticDevice.objects.filter(user=actor, name=RECOVERY_DEVICE_NAME, confirmed=True).first()
        if recovery is not None and recovery.verify_token(_recovery_hash(normalised)):
            audit_record(
                actor=actor,
                action=AuditAction.MFA_RECOVERY_CODE_USED,
                target=actor,
                data={"left": recovery.token_set.count()},
            )
            return recovery
    raise _code_invalid()


def passkey_added(*, actor: User, device: Any) -> None:
    audit_record(actor=actor, action=AuditAction.MFA_PASSKEY_ADDED, target=actor, data={"device": device.persistent_id})


@transaction.atomic
def device_remove(*, actor: User, persistent_id: str) -> None:
    """Remove one of the person's own authenticator apps or passkeys (the caller has asked for a fresh second
    factor)."""
    device = next(
        (
            d
            for d in devices_for_user(actor, confirmed=None)
            if isinstance(d, (TOTPDevice, WebAuthnCredential)) and d.persistent_id == persistent_id
        ),
        None,
    )
    if device is None:
        raise ServiceValidationError(ErrorCode.DEVICE_NOT_FOUND, _("That device is not one of yours."))
    label = str(device)
    device.delete()
    if (
        not TOTPDevice.objects.filter(user=actor).exists()
        and not WebAuthnCredential.objects.filter(user=actor).exists()
    ):
        # Recovery codes stand in for a device; with none left they would be a second password.
        StaticDevice.objects.filter(user=actor, name=RECOVERY_DEVICE_NAME).delete()
    audit_record(
        actor=actor,
        action=AuditAction.MFA_DEVICE_REMOVED,
        target=actor,
        data={"device": persistent_id, "label": label},
    )


def login_locked_out_record(*, username: str | None, address: str | None, within: timedelta | None) -> None:
    """Audit a lockout on the account it names, when there is one (an unknown address is only logged by axes);
    once per lock, not for every refused attempt during it (``within``: the lock's length)."""
    user = User.objects.filter(email=(username or "").strip().lower()).first() if username else None
    if user is None:
        return
    recent = AuditEvent.objects.filter(
        action=AuditAction.LOGIN_LOCKED_OUT.value,
        target_type=User._meta.label_lower,
        target_id=str(user.pk),
        created_at__gte=timezone.now() - (within or timedelta(0)),
    )
    if not recent.exists():
        audit_record(actor=None, action=AuditAction.LOGIN_LOCKED_OUT, target=user, data={"address": address or ""})
