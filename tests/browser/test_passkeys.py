"""A city owner who signs in with a password is sent to set up a second factor, adds a passkey with Chromium's
virtual authenticator (CDP WebAuthn domain), and confirms the next sign-in with it."""

import base64
import shutil

import pytest
from django_otp.oath import totp
from django_otp_webauthn.models import WebAuthnCredential

from conftest import make_org, make_user
from haastemoottori.audit.models import AuditEvent
from haastemoottori.organisations.models import Membership

from .conftest import AXE, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "test-password-123"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def chromium_page(page):
    """The shared browser's page (one Playwright per test worker: a second sync Playwright in the same process
    fails inside the first one's event loop)."""
    return page


def _accessible(page):
    if AXE.exists():
        violations = axe_violations(page)
        assert violations == [], f"{page.url}: {violations}"


def _sign_in(page, base):
    page.goto(f"{base}/en/accounts/login/?next=/en/challenges/workspace/")
    page.fill("#id_username", "owner@espoo.test")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def test_passkey_is_added_and_then_confirms_the_sign_in(live_server, chromium_page, settings):
    base = live_server.url.replace("127.0.0.1", "localhost")
    settings.HAASTEMOOTTORI_MFA_REQUIRED = True
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [base]
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    espoo = make_org("espoo", name={"fi": "Espoon kaupunki", "en": "City of Espoo"})
    owner = make_user("owner@espoo.test", espoo, Membership.Role.CHALLENGE_OWNER)

    page = chromium_page
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )

    _sign_in(page, base)
    assert "/en/accounts/security/" in page.url  # nothing else before a second factor
    assert "Your role sees confidential material" in page.locator("main").inner_text()
    _accessible(page)
    page.click("#passkey-register-button")
    # Locators, not wait_for_function strings: the Content-Security-Policy forbids evaluating strings.
    page.locator("#passkey-register-status-message", has_text="successful").wait_for()
    assert WebAuthnCredential.objects.filter(user=owner, confirmed=True).count() == 1
    assert AuditEvent.objects.filter(action="mfa_passkey_added", target_id=str(owner.pk)).exists()
    page.goto(f"{base}/en/challenges/workspace/")
    assert page.url.endswith("/en/challenges/workspace/")  # the session that added it is verified

    page.click(".account-menu summary")  # "Sign out" is in the header's menu of one's own pages
    page.click("header form[action$='/logout/'] button")
    _sign_in(page, base)
    assert "/en/accounts/security/verify/" in page.url
    _accessible(page)
    with page.expect_navigation(url="**/en/challenges/workspace/"):
        page.click("#passkey-verification-button")
    assert page.url.endswith("/en/challenges/workspace/")

    # An authenticator app next to it, from the QR page's key: the recovery codes follow (both pages axe-clean).
    page.goto(f"{base}/en/accounts/security/authenticator-app/")
    assert page.locator("figure.qr-code svg").count() == 1
    _accessible(page)
    secret = page.locator("figure.qr-code code").inner_text().strip()
    page.fill("#id_code", f"{totp(base64.b32decode(secret + '=' * (-len(secret) % 8))):06d}")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("ul.recovery-codes li").count() == 10
    _accessible(page)
