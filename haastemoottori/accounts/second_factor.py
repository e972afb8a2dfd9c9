"""Reads about a person's second factor: whether this session needs one, has passed one, and how recently.

The requirement: a person who holds a staff role (staff_roles.py) and signed in with a password must pass a second
factor before anything else, when ``HAASTEMOOTTORI_MFA_REQUIRED`` is on. A sign-in through a backend listed in
``HAASTEMOOTTORI_MFA_EXEMPT_BACKENDS`` (a city's identity provider, which asks for its own second factor) is not
asked again. django-otp marks the session verified (``request.user.is_verified()``); this module also keeps the
time of the last verification, so that removing a device can ask for a fresh one.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpRequest
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from .staff_roles import request_holds_staff_role

VERIFIED_AT_SESSION_KEY = "accounts_mfa_verified_at"
# Set at a password sign-in of a person who has a device: whoever set one up is asked for it, whatever their role.
ENROLLED_SESSION_KEY = "accounts_mfa_enrolled"
RECOVERY_DEVICE_NAME = "recovery"


def session_needs_second_factor(request: HttpRequest) -> bool:
    """True when this signed-in session must pass a second factor and has not yet."""
    if not settings.HAASTEMOOTTORI_MFA_REQUIRED or not request.user.is_authenticated:
        return False
    if request.user.is_verified():  # type: ignore[attr-defined]  # django-otp adds is_verified
        return False
    if request.session.get(BACKEND_SESSION_KEY) in settings.HAASTEMOOTTORI_MFA_EXEMPT_BACKENDS:
        return False
    return bool(request.session.get(ENROLLED_SESSION_KEY)) or request_holds_staff_role(request)


def has_second_factor(user: Any) -> bool:
    """Whether the person has a confirmed authenticator app or passkey (recovery codes alone do not count)."""
    return any(not isinstance(device, StaticDevice) for device in devices_for_user(user, confirmed=True))


def has_any_device(user: Any) -> bool:
    return user_has_device(user, confirmed=True)


def mark_verified(request: HttpRequest) -> None:
    request.session[VERIFIED_AT_SESSION_KEY] = int(time.time())


def verified_recently(request: HttpRequest) -> bool:
    """A second factor given within HAASTEMOOTTORI_MFA_FRESH_MINUTES in this session."""
    if not request.user.is_authenticated or not request.user.is_verified():  # type: ignore[attr-defined]  # django-otp adds is_verified
        return False
    verified_at = request.session.get(VERIFIED_AT_SESSION_KEY)
    if not isinstance(verified_at, int):
        return False
    return time.time() - verified_at <= settings.HAASTEMOOTTORI_MFA_FRESH_MINUTES * 60


def devices_overview(user: Any) -> dict[str, Any]:
    """What the security page lists: authenticator apps, passkeys and how many recovery codes remain."""
    recovery = StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True).first()
    return {
        "totp_devices": list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk")),
        "passkeys": list(WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("pk")),
        "recovery_codes_left": recovery.token_set.count() if recovery else 0,
        "has_recovery_codes": recovery is not None,
    }
