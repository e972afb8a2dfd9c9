"""The second factor of a person's own account: the security page, setting up an authenticator app, verifying,
recovery codes and removing a device. TOTP and recovery codes work without JavaScript; passkeys need it
(the browser's WebAuthn API)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error

from . import services_mfa
from .forms_mfa import TotpConfirmForm, VerifyForm
from .second_factor import (
    devices_overview,
    has_any_device,
    has_second_factor,
    mark_verified,
    session_needs_second_factor,
    verified_recently,
)
from .staff_roles import request_holds_staff_role

TOTP_KEY_SESSION_KEY = "accounts_totp_new_key"


def _next_url(request, default: str = "") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default or resolve_url(settings.LOGIN_REDIRECT_URL)


def _ask_for_fresh_factor(request):
    messages.info(request, _("Confirm with your second factor first."))
    return redirect(f"{reverse('accounts:security_verify')}?{urlencode({'next': reverse('accounts:security')})}")


@login_required
def security(request):
    user = request.user
    return render(
        request,
        "accounts/security/security.html",
        {
            **devices_overview(user),
            "enrolled": has_second_factor(user),
            "required": request_holds_staff_role(request),
            "needs_second_factor": session_needs_second_factor(request),
            "next": _next_url(request, reverse("accounts:security")),
        },
    )


@login_required
def security_totp(request):
    user = request.user
    if has_any_device(user) and not user.is_verified():
        return _ask_for_fresh_factor(request)
    key = request.session.get(TOTP_KEY_SESSION_KEY)
    if not isinstance(key, str):
        key = services_mfa.totp_new_key()
        request.session[TOTP_KEY_SESSION_KEY] = key
    form = TotpConfirmForm(request.POST if request.method == "POST" else None)
    next_url = _next_url(request, reverse("accounts:security"))
    if request.method == "POST" and form.is_valid():
        try:
            device = services_mfa.totp_device_add(actor=user, key=key, code=form.cleaned_data["code"])
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            del request.session[TOTP_KEY_SESSION_KEY]
            if not user.is_verified():
                otp_login(request, device)
            mark_verified(request)
            if not devices_overview(user)["has_recovery_codes"]:
                codes = services_mfa.recovery_codes_create(actor=user)
                return render(
                    request, "accounts/security/recovery_codes.html", {"codes": codes, "next": next_url, "new": True}
                )
            messages.success(request, _("The authenticator app is set up."))
            return redirect(next_url)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "accounts/security/totp.html",
        {"form": form, "provisioning": services_mfa.totp_provisioning(user=user, key=key), "next": next_url},
        status=status,
    )


@login_required
def security_verify(request):
    """The second step of signing in, and a fresh confirmation before removing a device."""
    user = request.user
    next_url = _next_url(request)
    if not has_any_device(user):
        return redirect(f"{reverse('accounts:security')}?{urlencode({'next': next_url})}")
    form = VerifyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services_mfa.second_factor_verify(actor=user, code=form.cleaned_data["code"])
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            otp_login(request, device)
            mark_verified(request)
            return redirect(next_url)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "accounts/security/verify.html",
        {"form": form, "next": next_url, "has_passkey": bool(devices_overview(user)["passkeys"])},
        status=status,
    )


@login_required
@require_POST
def security_recovery_codes(request):
    if not verified_recently(request):
        return _ask_for_fresh_factor(request)
    if not has_second_factor(request.user):
        return redirect("accounts:security")
    codes = services_mfa.recovery_codes_create(actor=request.user)
    return render(
        request,
        "accounts/security/recovery_codes.html",
        {"codes": codes, "next": reverse("accounts:security"), "new": False},
    )


@login_required
@require_POST
def security_remove(request):
    if not verified_recently(request):
        return _ask_for_fresh_factor(request)
    try:
        services_mfa.device_remove(actor=request.user, persistent_id=request.POST.get("device", ""))
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The device is removed."))
    return redirect("accounts:security")
