"""The second factor: required for platform admins, city staff and evaluators who sign in with a password; an
authenticator app (TOTP) with recovery codes works without JavaScript; passkeys count as a second factor."""

import json
import re
from binascii import unhexlify
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from haastemoottori.accounts.testing import pass_second_factor
from haastemoottori.accounts.views_security import TOTP_KEY_SESSION_KEY
from haastemoottori.audit.models import AuditEvent

PASSWORD = "test-password-123"  # conftest.make_user
WORKSPACE = "/fi/challenges/workspace/"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mfa_required")]


@pytest.fixture
def mfa_required(settings):
    settings.HAASTEMOOTTORI_MFA_REQUIRED = True


def _code(key: str, at=None) -> str:
    with time_machine.travel(at or timezone.now(), tick=False):
        return f"{totp(unhexlify(key)):06d}"


@pytest.mark.parametrize("who", ["platform_admin", "espoo_owner", "espoo_evaluator", "espoo_member"])
def test_staff_without_a_device_are_sent_to_set_one_up_before_anything_else(client, region, who):
    client.force_login(region.people[who])
    response = client.get(WORKSPACE)
    assert response.status_code == 302
    assert response["Location"].startswith("/fi/accounts/security/?next=")
    assert client.get("/admin/").status_code == 302
    api = client.get("/api/v1/challenges")
    assert api.status_code == 403 and "toisella vaiheella" in api.json()["detail"]
    page = client.get("/fi/accounts/security/")
    assert page.status_code == 200 and "Kaksivaiheinen tunnistautuminen" in page.content.decode()


def test_a_company_member_is_not_asked(client, region):
    client.force_login(region.people["company_admin"])
    assert client.get(WORKSPACE).status_code == 200


def test_the_setting_turns_it_off(client, region, settings):
    settings.HAASTEMOOTTORI_MFA_REQUIRED = False
    client.force_login(region.people["platform_admin"])
    assert client.get(WORKSPACE).status_code == 200


def test_an_identity_provider_backend_listed_as_exempt_is_not_asked_again(client, region, settings):
    settings.HAASTEMOOTTORI_MFA_EXEMPT_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
    client.force_login(region.people["espoo_owner"], backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(WORKSPACE).status_code == 200


def test_a_verified_session_from_the_test_helper_passes(client, region):
    client.force_login(region.people["espoo_owner"])
    pass_second_factor(client, region.people["espoo_owner"])
    assert client.get(WORKSPACE).status_code == 200


def _set_up_totp(client):
    page = client.get("/en/accounts/security/authenticator-app/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "otpauth" not in html.split("<svg")[0][-200:]
    key = client.session[TOTP_KEY_SESSION_KEY]
    wrong = client.post(
        "/en/accounts/security/authenticator-app/", {"code": "000000" if _code(key) != "000000" else "111111"}
    )
    assert wrong.status_code == 400 and "The code is not right" in wrong.content.decode()
    done = client.post("/en/accounts/security/authenticator-app/", {"code": _code(key), "next": WORKSPACE})
    assert done.status_code == 200
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", done.content.decode())
    assert len(codes) == 10
    return key, codes


def test_totp_set_up_then_sign_in_with_password_and_code(client, region):
    owner = region.people["espoo_owner"]
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client.post("/en/accounts/login/", {"username": owner.email, "password": PASSWORD})
        assert client.get(WORKSPACE)["Location"].startswith("/fi/accounts/security/")
        key, codes = _set_up_totp(client)
        assert client.get(WORKSPACE).status_code == 200  # the session that set it up is verified
        device = TOTPDevice.objects.get(user=owner)
        assert device.confirmed and device.key == key
        assert AuditEvent.objects.filter(action="mfa_totp_added", target_id=str(owner.pk)).count() == 1
        assert AuditEvent.objects.filter(action="mfa_recovery_codes_created", target_id=str(owner.pk)).count() == 1
        # Nothing of the codes is stored in clear.
        stored = set(device.user.staticdevice_set.get().token_set.values_list("token", flat=True))
        assert len(stored) == 10 and not stored & {c.replace("-", "") for c in codes} and not stored & set(codes)

        client.post("/en/accounts/logout/")
        traveller.shift(timedelta(seconds=60))
        response = client.post("/en/accounts/login/", {"username": owner.email, "password": PASSWORD})
        assert response.status_code == 302
        to_verify = client.get(WORKSPACE)
        assert to_verify["Location"] == f"/fi/accounts/security/verify/?next={WORKSPACE.replace('/', '%2F')}"
        assert client.get("/fi/accounts/security/").status_code == 302  # no adding devices before verifying
        assert client.post("/webauthn/registration/begin/").status_code in (302, 403)
        wrong = client.post("/sv/accounts/security/verify/", {"code": "12345", "next": WORKSPACE})
        assert wrong.status_code == 400 and "Koden är fel" in wrong.content.decode()
        assert client.get(WORKSPACE).status_code == 302
        ok = client.post("/sv/accounts/security/verify/", {"code": _code(key), "next": WORKSPACE})
        assert ok.status_code == 302 and ok["Location"] == WORKSPACE
        assert client.get(WORKSPACE).status_code == 200


def test_a_recovery_code_works_once(client, region):
    admin = region.people["platform_admin"]
    client.force_login(admin)
    _key, codes = _set_up_totp(client)
    client.logout()
    client.force_login(admin)
    ok = client.post("/en/accounts/security/verify/", {"code": codes[3].upper(), "next": "/admin/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(action="mfa_recovery_code_used", target_id=str(admin.pk)).count() == 1
    client.logout()
    client.force_login(admin)
    again = client.post("/en/accounts/security/verify/", {"code": codes[3]})
    assert again.status_code == 400
    assert client.get("/admin/").status_code == 302
    assert client.post("/en/accounts/security/verify/", {"code": codes[4]}).status_code == 302


def test_removing_a_device_needs_a_fresh_second_factor(client, region):
    owner = region.people["espoo_owner"]
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client.force_login(owner)
        key, _codes = _set_up_totp(client)
        device = TOTPDevice.objects.get(user=owner)
        traveller.shift(timedelta(minutes=11))
        stale = client.post("/en/accounts/security/remove/", {"device": device.persistent_id})
        assert stale.status_code == 302 and "/security/verify/" in stale["Location"]
        assert TOTPDevice.objects.filter(pk=device.pk).exists()
        assert client.post("/en/accounts/security/verify/", {"code": _code(key)}).status_code == 302
        someone_elses = TOTPDevice.objects.create(user=region.people["vantaa_owner"], name="x", confirmed=True)
        client.post("/en/accounts/security/remove/", {"device": someone_elses.persistent_id})
        assert TOTPDevice.objects.filter(pk=someone_elses.pk).exists()
        removed = client.post("/en/accounts/security/remove/", {"device": device.persistent_id})
        assert removed.status_code == 302
        assert not TOTPDevice.objects.filter(pk=device.pk).exists()
        assert not owner.staticdevice_set.exists()  # recovery codes go with the last device
        assert AuditEvent.objects.filter(action="mfa_device_removed", target_id=str(owner.pk)).count() == 1


def _passkey(user):
    return WebAuthnCredential.objects.create(
        user=user, name="Kannettava", confirmed=True, credential_id=b"\x01\x02\x03", public_key=b"\x04"
    )


def test_a_passkey_counts_as_a_second_factor(client, region):
    owner = region.people["espoo_owner"]
    _passkey(owner)
    client.force_login(owner)
    response = client.get(WORKSPACE)
    assert response["Location"].startswith("/fi/accounts/security/verify/")
    page = client.get(response["Location"]).content.decode()
    assert 'id="passkey-verification-placeholder"' in page and "otp_webauthn_auth.js" in page
    options = client.post("/webauthn/authentication/begin/")
    assert options.status_code == 200
    body = options.json()
    assert body["challenge"] and body["allowCredentials"][0]["id"]


def test_passkey_registration_options_for_staff_setting_up(client, region, settings):
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    owner = region.people["espoo_owner"]
    client.force_login(owner)
    options = client.post("/webauthn/registration/begin/")
    assert options.status_code == 200
    body = options.json()
    assert body["rp"]["id"] == "localhost" and body["user"]["name"] == owner.email and body["challenge"]
    complete = client.post("/webauthn/registration/complete/", data="{}", content_type="application/json")
    assert complete.status_code in (400, 422) and not WebAuthnCredential.objects.exists()


def test_admins_see_devices_but_never_the_totp_secret(client, region):
    admin = region.people["platform_admin"]
    client.force_login(admin)
    pass_second_factor(client, admin)
    device = TOTPDevice.objects.create(user=region.people["espoo_owner"], name="Puhelin", confirmed=True)
    listing = client.get("/admin/otp_totp/totpdevice/")
    assert listing.status_code == 200 and "owner@espoo.test" in listing.content.decode()
    page = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/", follow=True)
    assert page.status_code == 200 and device.key not in page.content.decode()
    qr = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/qrcode/", follow=True)
    assert device.key not in qr.content.decode() and "otpauth:" not in qr.content.decode()
    deleted = client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302 and not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert AuditEvent.objects.filter(action="deleted", target_type="otp_totp.totpdevice").exists()


@pytest.mark.parametrize(("language", "text"), [("fi", "Pääsyavain lisätty!"), ("sv", "Nyckeln är tillagd!")])
def test_the_passkey_scripts_speak_the_page_language(client, language, text):
    catalog = client.get("/webauthn/jsi18n/", HTTP_ACCEPT_LANGUAGE=language)
    assert catalog.status_code == 200 and json.dumps(text)[1:-1] in catalog.content.decode()
