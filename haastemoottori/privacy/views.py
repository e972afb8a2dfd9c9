"""The account page's personal data pages: download everything (GDPR articles 15 and 20) and delete the
account (article 17). Thin: the services do the work and the auditing."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error

from .forms import DeleteAccountForm
from .selectors import erasure_preview
from .services_erasure import account_erase
from .services_export import personal_data_export


@login_required
@require_http_methods(["GET", "POST"])
def my_data(request):
    if request.method == "POST":
        content = personal_data_export(actor=request.user)
        response = HttpResponse(content, content_type="application/zip")
        name = f"my-data-{timezone.localdate():%Y-%m-%d}.zip"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "privacy/my_data.html")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    has_password = user.has_usable_password()
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, has_password=has_password)
    if request.method == "POST" and form.is_valid():
        try:
            account_erase(actor=user, password=form.cleaned_data.get("password", ""))
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted and your personal data erased."))
            return redirect("site:home")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "privacy/delete_account.html",
        {"form": form, "preview": erasure_preview(user), "has_password": has_password},
        status=status,
    )
