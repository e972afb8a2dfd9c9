from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy, translate_url
from django.utils import translation
from django.utils.translation import gettext as _

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.core.i18n import current_language, language_codes

from . import services
from .errors import ErrorCode
from .forms import CompanySignupForm, EmailAuthenticationForm, ProfileForm


class LoginView(auth_views.LoginView):
    """Sign in with an e-mail address. A failed attempt answers 400 with the errors in the page language."""

    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().preferred_language
        if language in language_codes() and language != translation.get_language():
            # Remember the preference for pages opened without a language prefix.
            response.set_cookie("django_language", language, samesite="Lax")
        return response


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def signup(request):
    """Self-service sign-up: a company or research organisation, its first admin and an e-mail confirmation.

    When the Business ID is already registered the page says so and offers to send a join request instead
    (the "join" button of the same form), so nothing needs JavaScript."""
    joining = request.method == "POST" and "join" in request.POST
    form = CompanySignupForm(
        request.POST if request.method == "POST" else None,
        initial={"language": current_language(), "kind": "company"},
        joining=joining,
    )
    existing, status = None, 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = {k: data[k] for k in ("email", "full_name", "password", "business_id", "language")}
        try:
            if joining:
                join_request = services.join_signup(**person, message=data["message"], base_url=_base_url(request))
            else:
                services.company_signup(
                    **person, company_name=data["company_name"], kind=data["kind"], base_url=_base_url(request)
                )
        except ServiceError as exc:
            if exc.code == ErrorCode.COMPANY_EXISTS:
                existing, status = services.registered_organisation(business_id=data["business_id"]), exc.status
            else:
                add_service_error(form, exc)
        else:
            return render(
                request,
                "accounts/signup_done.html",
                {"email": data["email"], "organisation": join_request.organisation if joining else None},
            )
    if joining and existing is None:
        existing = services.registered_organisation(business_id=request.POST.get("business_id", ""))
    if form.is_bound and form.errors:
        status = 400
    return render(request, "accounts/signup.html", {"form": form, "existing": existing}, status=status)


def verify(request, token: str):
    try:
        user = services.email_verify(token=token, base_url=_base_url(request))
    except ServiceError as exc:
        return render(request, "accounts/verify_failed.html", {"message": exc.message}, status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your e-mail address is confirmed. Welcome!"))
    return redirect("accounts:profile")


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


password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset_form.html",
    email_template_name="accounts/email/password_reset.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html", success_url=reverse_lazy("accounts:password_reset_complete")
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
