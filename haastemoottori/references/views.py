"""Pages of pilot references: issue (the lead city), the reference (its holder and issuer, or anyone once shown),
downloads, the printable page, revoke, show on the profile, and the public verify page. No JavaScript needed."""

from __future__ import annotations

import json
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.credentials.services import absolute
from haastemoottori.credentials.verification import Outcome, Verification, max_bytes, verify_presented, verify_token
from haastemoottori.organisations.models import Organisation
from haastemoottori.pilots.selectors import pilot_get_visible

from . import services
from .forms import IssueForm, RevokeForm, VerifyForm
from .qr import qr_svg
from .selectors import (
    issuable_organisations,
    reference_by_credential_id,
    reference_get,
    reference_get_visible,
    references_of_pilot,
)
from .summary import summarise


def _reference(request, pk: UUID, perm: str | None = None):
    reference = reference_get_visible(pk=pk, user=request.user)
    if reference is None:
        raise Http404
    if perm and not request.user.has_perm(perm, reference):
        raise PermissionDenied
    return reference


@login_required
def issue(request, pk: int):
    pilot = pilot_get_visible(pk=pk, user=request.user)
    if pilot is None:
        raise Http404
    if not request.user.has_perm("references.issue_reference", pilot):
        raise PermissionDenied
    eligible = [o.pk for o in issuable_organisations(pilot)]
    existing = references_of_pilot(pilot=pilot)
    valid_holders = {r.organisation_id for r in existing if not r.is_revoked}
    choices = Organisation.objects.filter(pk__in=[pk for pk in eligible if pk not in valid_holders])
    form = IssueForm(request.POST or None, organisations=choices)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                issued = services.reference_issue(
                    actor=request.user,
                    pilot=pilot,
                    organisations=list(form.cleaned_data["organisations"]),
                    statement=form.cleaned_data["statement"],
                    signer_role=form.cleaned_data["signer_role"],
                    language=request.LANGUAGE_CODE,
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                count = len(issued)
                text = ngettext("%(n)s reference was signed and sent.", "%(n)s references were signed and sent.", count)
                messages.success(request, text % {"n": count})
                return redirect("references:issue", pilot.pk)
        status = 400
    context = {
        "pilot": pilot,
        "form": form,
        "existing": existing,
        "finished": pilot.status == "finished" and any(v.strip() for v in pilot.results.values()),
    }
    return render(request, "references/issue.html", context, status=status)


def detail(request, pk: UUID):
    reference = _reference(request, pk)
    context = {
        "reference": reference,
        "summary": summarise(reference.credential),
        "can_revoke": request.user.has_perm("references.revoke_reference", reference),
        "can_show": request.user.has_perm("references.show_reference", reference),
        "languages": ["fi", "sv", "en"],
    }
    return render(request, "references/detail.html", context)


def download_jwt(request, pk: UUID):
    reference = _reference(request, pk)
    response = HttpResponse(reference.token, content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="reference-{reference.pk}.jwt"'
    return response


def download_json(request, pk: UUID):
    """The reference as a W3C EnvelopedVerifiableCredential: the signed token in a data: URL."""
    reference = _reference(request, pk)
    body = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": f"data:application/vc+jwt,{reference.token}",
        "type": "EnvelopedVerifiableCredential",
    }
    response = HttpResponse(json.dumps(body, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="reference-{reference.pk}.json"'
    return response


def printable(request, pk: UUID):
    reference = _reference(request, pk)
    verify_url = absolute(reverse("references:verify-reference", args=[reference.pk]))
    context = {
        "reference": reference,
        "summary": summarise(reference.credential),
        "verify_url": verify_url,
        "qr": qr_svg(verify_url),
    }
    return render(request, "references/print.html", context)


@login_required
def revoke(request, pk: UUID):
    reference = _reference(request, pk, "references.revoke_reference")
    if reference.is_revoked:
        messages.info(request, _("This reference has already been revoked."))
        return redirect("references:detail", reference.pk)
    form = RevokeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.reference_revoke(actor=request.user, reference=reference, reason=form.cleaned_data["reason"])
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The reference was revoked and the organisation was told."))
                return redirect("references:detail", reference.pk)
        status = 400
    return render(request, "references/revoke.html", {"reference": reference, "form": form}, status=status)


@login_required
@require_POST
def visibility(request, pk: UUID):
    reference = _reference(request, pk, "references.show_reference")
    shown = request.POST.get("is_public") == "1"
    try:
        services.reference_set_public(actor=request.user, reference=reference, is_public=shown)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        if shown:
            messages.success(request, _("The reference is now shown on your organisation's public profile."))
        else:
            messages.success(request, _("The reference is no longer shown on your organisation's profile."))
    return redirect("references:detail", reference.pk)


def _result_context(result: Verification) -> dict:
    reference = reference_by_credential_id(result.payload.get("id")) if result.signature_ok else None
    return {
        "result": result,
        "summary": summarise(result.payload) if result.signature_ok else None,
        "revocation_reason": reference.revocation_reason
        if reference is not None and result.outcome == Outcome.REVOKED
        else "",
    }


def _read_upload(upload) -> bytes:
    """At most one byte over the limit (enough to say it is too large), never the whole of a huge file."""
    return upload.read(max_bytes() + 1)


def verify(request):
    form = VerifyForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form}
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        presented: bytes | str = _read_upload(upload) if upload else form.cleaned_data.get("reference") or ""
        result = verify_presented(presented)
        context.update(_result_context(result))
        if result.outcome in (Outcome.EMPTY, Outcome.TOO_LARGE, Outcome.NOT_JSON, Outcome.NOT_SIGNED):
            status = 400
    elif request.method == "POST":
        status = 400
    return render(request, "references/verify.html", context, status=status)


def verify_reference(request, pk: UUID):
    """The page the printed QR code opens: this installation's reference verified as anyone would."""
    reference = reference_get(pk=pk)
    if reference is None:
        raise Http404
    result = verify_token(reference.token)
    context = {"form": None, "verified_reference": reference, **_result_context(result)}
    return render(request, "references/verify.html", context)
