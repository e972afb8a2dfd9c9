"""Login throttling with django-axes: how a sign-in attempt is named and what a locked-out person sees.

Failures count per account (the e-mail address as typed, lower-cased) and per client address
(core/client_address.py), each on its own (settings: AXES_*). The login view shows the lockout on the sign-in
page itself, in the page language, with the time the lock ends (views.LoginView.form_invalid).
"""

from __future__ import annotations

from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def attempted_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The account an attempt names: e-mail addresses are case-insensitive here (the user model lower-cases)."""
    username = (credentials or {}).get("username")
    if username is None:
        username = request.POST.get("username")
    return username.strip().lower() if isinstance(username, str) else None


def locked_until(request: HttpRequest, username: str | None) -> datetime:
    """When the lock on this account or this address ends (the later of the two, to be safe)."""
    address = getattr(request, "axes_ip_address", None)
    filters = [q for q in (Q(ip_address=address) if address else None, Q(username=username) if username else None) if q]
    last = None
    if filters:
        last = AccessAttempt.objects.filter(reduce(or_, filters)).aggregate(last=Max("attempt_time"))["last"]
    cool_off = get_cool_off(request)
    return (last or timezone.now()) + cool_off if cool_off else timezone.now()


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE. The login view already answered with the lockout on its page (status 429): keep
    that; any other sign-in form (the admin's) gets the plain lockout page."""
    if original_response is not None and original_response.status_code == 429:
        return original_response
    until = locked_until(request, attempted_username(request, credentials))
    response = render(request, "accounts/locked_out.html", {"locked_until": until}, status=429)
    response["Retry-After"] = str(max(0, int((until - timezone.now()).total_seconds())))
    return response


def on_user_locked_out(sender: Any, request: HttpRequest | None = None, username: str | None = None, **kwargs: Any):
    """axes' user_locked_out signal (connected in AccountsConfig.ready): audit the lockout."""
    from .services_mfa import login_locked_out_record

    login_locked_out_record(
        username=username, address=kwargs.get("ip_address"), within=get_cool_off(request) if request else None
    )
