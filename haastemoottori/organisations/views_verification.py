"""The platform staff's verification queue: organisations to verify or reject, and ownership claims.
Thin views over services_verification; the permission is ``organisations.review_verification``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.errors import ServiceError

from . import services_verification
from .forms import DisputeDecisionForm, VerificationDecisionForm
from .models import Organisation, VerificationDispute
from .selectors import verification_queue


def _check(request) -> None:
    if not request.user.has_perm("organisations.review_verification"):
        raise PermissionDenied


@login_required
def queue(request):
    _check(request)
    return render(
        request,
        "organisations/verification_queue.html",
        {**verification_queue(), "form": VerificationDecisionForm(), "dispute_form": DisputeDecisionForm()},
    )


@login_required
@require_POST
def decide(request, slug: str):
    _check(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    form = VerificationDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose verify or reject."))
        return redirect("organisations:verification")
    reason = form.cleaned_data["reason"]
    try:
        if form.cleaned_data["decision"] == "verify":
            services_verification.organisation_verify(
                actor=request.user,
                organisation=organisation,
                method=Organisation.VerificationMethod.ADMIN,
                note=reason,
            )
            messages.success(request, _("%(organisation)s is verified.") % {"organisation": organisation})
        else:
            services_verification.organisation_reject(actor=request.user, organisation=organisation, reason=reason)
            messages.success(request, _("Verification of %(organisation)s rejected.") % {"organisation": organisation})
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("organisations:verification")


@login_required
@require_POST
def dispute_decide(request, pk: int):
    _check(request)
    dispute = get_object_or_404(VerificationDispute, pk=pk)
    form = DisputeDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose uphold or dismiss."))
        return redirect("organisations:verification")
    try:
        services_verification.dispute_decide(
            actor=request.user,
            dispute=dispute,
            uphold=form.cleaned_data["decision"] == "uphold",
            resolution=form.cleaned_data["reason"],
        )
        messages.success(request, _("The claim is decided."))
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("organisations:verification")
