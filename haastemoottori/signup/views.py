"""Sign-up and the e-mail confirmation."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from haastemoottori.accounts.errors import ErrorCode
from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.core.i18n import current_language
from haastemoottori.core.links import site_url
from haastemoottori.core.ratelimit import limit_exceeded, limit_message
from haastemoottori.organisations.models import Membership, Organisation, VerificationDispute

from . import services
from .forms import CompanySignupForm


def _base_url(request) -> str:
    return site_url()


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
        if limit_exceeded("signup", request=request, address=data["email"]):
            form.add_error(None, limit_message("signup"))
            return render(request, "signup/signup.html", {"form": form, "existing": None}, status=429)
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
            elif exc.code == ErrorCode.EMAIL_TAKEN:
                # The same page as for a new address; the e-mail to the address says it already has an account.
                services.existing_account_notify(email=data["email"], base_url=_base_url(request))
                organisation = services.registered_organisation(business_id=data["business_id"]) if joining else None
                return render(
                    request, "signup/signup_done.html", {"email": data["email"], "organisation": organisation}
                )
            else:
                add_service_error(form, exc)
        else:
            return render(
                request,
                "signup/signup_done.html",
                {
                    "email": data["email"],
                    "organisation": join_request.organisation if joining else None,
                    "claim": joining and isinstance(join_request, VerificationDispute),
                },
            )
    if joining and existing is None:
        existing = services.registered_organisation(business_id=request.POST.get("business_id", ""))
    if form.is_bound and form.errors:
        status = 400
    return render(request, "signup/signup.html", {"form": form, "existing": existing}, status=status)


def verify(request, token: str):
    try:
        user = services.email_verify(token=token, base_url=_base_url(request))
    except ServiceError as exc:
        return render(request, "signup/verify_failed.html", {"message": exc.message}, status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    # The admin of a company or research organisation that just signed up goes on to its profile: what it does
    # is what lets cities and the matcher find it.
    company = (
        Organisation.objects.filter(
            memberships__user=user,
            memberships__role=Membership.Role.ADMIN,
            kind__in=(Organisation.Kind.COMPANY, Organisation.Kind.RESEARCH),
        )
        .order_by("pk")
        .first()
    )
    if company is not None:
        messages.success(
            request,
            _("Your e-mail address is confirmed. Welcome! Next, tell cities what %(organisation)s does.")
            % {"organisation": company},
        )
        return redirect("organisations:profile", company.slug)
    messages.success(request, _("Your e-mail address is confirmed. Welcome!"))
    return redirect("accounts:profile")
