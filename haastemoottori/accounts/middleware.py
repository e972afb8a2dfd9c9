"""Sessions of people who hold a staff role (staff_roles.py): an idle timeout, and the second factor before
anything else."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .second_factor import has_second_factor, session_needs_second_factor
from .staff_roles import request_holds_staff_role

LAST_ACTIVITY_SESSION_KEY = "accounts_last_activity"
_ACTIVITY_WRITE_EVERY_SECONDS = 30  # do not write the session on every request


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _login_redirect(request, **query):
    params = {"next": request.get_full_path(), **query} if request.method == "GET" else query
    url = reverse("accounts:login")
    return redirect(f"{url}?{urlencode(params)}" if params else url)


class StaffIdleTimeoutMiddleware:
    """Signs out a person with a staff role after HAASTEMOOTTORI_STAFF_IDLE_MINUTES without a request and sends
    them to the sign-in page, which says why. Others keep Django's session age."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        minutes = settings.HAASTEMOOTTORI_STAFF_IDLE_MINUTES
        if minutes > 0 and request.user.is_authenticated and request_holds_staff_role(request):
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_SESSION_KEY)
            if isinstance(last, int) and now - last > minutes * 60:
                logout(request)
                messages.warning(
                    request,
                    _("You were signed out after %(minutes)s minutes without activity. Sign in again.")
                    % {"minutes": minutes},
                )
                if _is_api(request):
                    return JsonResponse({"detail": _("Signed out after inactivity.")}, status=401)
                return _login_redirect(request)
            if not isinstance(last, int) or now - last >= _ACTIVITY_WRITE_EVERY_SECONDS:
                request.session[LAST_ACTIVITY_SESSION_KEY] = now
        return self.get_response(request)


# Pages a person who still owes a second factor may open: verifying it, signing out, the language switch.
_ALWAYS_OPEN = {
    ("accounts", "logout"),
    ("accounts", "security_verify"),
    ("otp_webauthn", "credential-authentication-begin"),
    ("otp_webauthn", "credential-authentication-complete"),
    ("otp_webauthn", "js-i18n-catalog"),
    ("", "set_language"),
}
# ... and, while they have no device yet, setting one up.
_OPEN_FOR_SETUP = {
    ("accounts", "security"),
    ("accounts", "security_totp"),
    ("otp_webauthn", "credential-registration-begin"),
    ("otp_webauthn", "credential-registration-complete"),
}


class SecondFactorMiddleware:
    """A platform admin, city staff member or evaluator who signed in with a password (second_factor.py) passes a
    second factor before any other page, the Django admin and the API included: to the verification page if they
    have a device, to the security page to set one up if not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not session_needs_second_factor(request):
            return None
        match = request.resolver_match
        name = (match.namespace, match.url_name) if match else ("", "")
        if name in _ALWAYS_OPEN:
            return None
        enrolled = has_second_factor(request.user)
        if not enrolled and name in _OPEN_FOR_SETUP:
            return None
        if _is_api(request):
            return JsonResponse({"detail": _("Confirm your sign-in with your second factor first.")}, status=403)
        target = reverse("accounts:security_verify" if enrolled else "accounts:security")
        next_url = request.get_full_path() if request.method == "GET" else ""
        return redirect(f"{target}?{urlencode({'next': next_url})}" if next_url else target)
