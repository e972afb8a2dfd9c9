"""For tests of other apps that run with the second factor required (``HAASTEMOOTTORI_MFA_REQUIRED``; off in
config/settings_test.py): give a person an authenticator app and mark the test client's session as having passed
it, as the verification page would."""

from __future__ import annotations

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from .second_factor import VERIFIED_AT_SESSION_KEY


def pass_second_factor(client, user) -> TOTPDevice:
    """``client.force_login(user)`` first. Returns the device the session is verified with."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[VERIFIED_AT_SESSION_KEY] = int(time.time())
    session.save()
    return device
