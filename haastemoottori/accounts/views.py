import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy, translate_url
from django.utils import timezone, translation
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.core.i18n import current_language, language_codes
from haastemoottori.core.links import site_url
from haastemoottori.core.ratelimit import limit_exceeded, limit_message

from . import services
from .forms import EmailAuthenticationForm, ProfileForm
from .lockout import attempted_username, locked_until
from .second_factor import ENROLLED_SESSION_KEY, has_any_device
from .sign_in_options import sign_in_options


class LoginView(auth_views.LoginView):
    """Sign in with an e-mail address. A failed attempt answers 400 with the errors in the page language."""

    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm

    def get_context_data(self, **kwargs):
        # Sign-in through a city's identity provider (registered by the sso app) below the password form.
        return super().get_context_data(**kwargs) | {"sign_in_options": sign_in_options(self.request)}

    def form_invalid(self, form):
        status = 400
        if getattr(self.request, "axes_locked_out", False):
            # Too many failures for this account or from this address (lockout.py): say until when, nothing more.
            until = locked_until(self.request, attempted_username(self.request, None))
            minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
            form.errors.clear()
            form.add_error(
                None,
                _(
                    "Too many failed sign-in attempts. Signing in is paused for this account and from this address. "
                    "Try again at %(time)s (in %(minutes)s min)."
                )
                % {"time": time_format(timezone.localtime(until), "H:i"), "minutes": minutes},
            )
            status = 429
        response = self.render_to_response(self.get_context_data(form=form), status=status)
        if status == 429:
            response["Retry-After"] = str(minutes * 60)
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        if has_any_device(form.get_user()):
            # Whoever set up a second factor is asked for it, whatever their role (second_factor.py).
            self.request.session[ENROLLED_SESSION_KEY] = True
        language = form.get_user().preferred_language
        if language in language_codes() and language != translation.get_language():
            # Remember the preference for pages opened without a language prefix.
            response.set_cookie("django_language", language, samesite="Lax")
        return response


@login_required
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        initial={"full_name": user.full_name, "preferred_language": user.preferred_language or current_language()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_profile(actor=user, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            language = form.cleaned_data["preferred_language"]
            with translation.override(language):
                messages.success(request, _("Profile saved."))
            response = redirect(translate_url(request.path, language))
            response.set_cookie("django_language", language, samesite="Lax")
            return response
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "memberships": user.memberships.select_related("organisation")},
        status=status,
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset: the same answer whether or not the address has an account; the link starts with the
    configured site address (not the request's host); limited per address and per client."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        if limit_exceeded("password_reset", request=self.request, address=form.cleaned_data["email"]):
            form.add_error(None, limit_message("password_reset"))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        self.extra_email_context = {"site_url": site_url(), "site_name": settings.SITE_NAME}
        return super().form_valid(form)


password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html", success_url=reverse_lazy("accounts:password_reset_complete")
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
