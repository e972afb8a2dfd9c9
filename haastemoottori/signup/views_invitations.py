"""The link in an invitation e-mail: create an account or sign in, and join. Every dead end says why."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from haastemoottori.accounts.models import User
from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.organisations import errors as organisation_errors
from haastemoottori.organisations import services_members

from . import services
from .forms import InvitationSignupForm


def invitation(request, token: str):
    try:
        invitation = services_members.invitation_get(token=token)
    except ServiceError as exc:
        status = 404 if exc.code == organisation_errors.ErrorCode.INVITATION_INVALID else exc.status
        return render(request, "signup/invitation_unavailable.html", {"message": exc.message}, status=status)
    context = {"invitation": invitation, "organisation": invitation.organisation}
    user = request.user
    if user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            return render(request, "signup/invitation.html", {**context, "state": "other_account"}, status=403)
        if request.method == "POST":
            try:
                services_members.invitation_accept(actor=user, token=token)
            except ServiceError as exc:
                messages.error(request, str(exc.message))
            else:
                messages.success(request, _("Welcome to %(organisation)s!") % {"organisation": invitation.organisation})
                return redirect("organisations:team", invitation.organisation.slug)
        return render(request, "signup/invitation.html", {**context, "state": "accept"})
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        state = "sign_in" if existing.is_active else "unconfirmed"
        return render(request, "signup/invitation.html", {**context, "state": state})
    form = InvitationSignupForm(
        request.POST if request.method == "POST" else None, initial={"language": invitation.language}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_signup(token=token, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to %(organisation)s!") % {"organisation": invitation.organisation})
            return redirect("organisations:team", invitation.organisation.slug)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "signup/invitation.html", {**context, "state": "sign_up", "form": form}, status=status)
