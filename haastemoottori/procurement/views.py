"""Pages under /challenges/<slug>/procurement/: the public path, its OCDS export and the owners' forms."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.core.i18n import current_language
from haastemoottori.core.page_cache import cache_public_page

from . import hilma, services
from .forms import AwardForm, ContractForm, HilmaForm, NoticeForm, NoticeUploadForm, PathForm
from .ocds import ocds_release_package
from .selectors import (
    award_choices,
    challenge_for_procurement,
    path_for_challenge,
    path_for_export,
    proposal_suppliers,
    selected_proposals,
)


def _challenge(request, slug: str):
    challenge = challenge_for_procurement(slug=slug, user=request.user)
    if challenge is None:
        raise Http404
    return challenge


def _editable_challenge(request, slug: str):
    challenge = _challenge(request, slug)
    if not request.user.has_perm("procurement.change_procurement", challenge):
        raise PermissionDenied
    return challenge


@cache_public_page
def procurement_detail(request, slug: str):
    challenge = _challenge(request, slug)
    path = path_for_challenge(challenge=challenge)
    return render(
        request,
        "procurement/detail.html",
        {
            "challenge": challenge,
            "path": path,
            "can_edit": request.user.has_perm("procurement.change_procurement", challenge),
        },
    )


def ocds_package_for(request, slug: str) -> dict | None:
    """The OCDS release package of a public challenge's path, or None (not public, or no path recorded)."""
    path = path_for_export(slug=slug)
    if path is None:
        return None
    challenge = path.challenge
    base_url = request.build_absolute_uri("/")[:-1]
    uri = request.build_absolute_uri(request.path)
    return ocds_release_package(challenge=challenge, path=path, uri=uri, base_url=base_url, language=current_language())


@cache_public_page
def ocds_export(request, slug: str):
    package = ocds_package_for(request, slug)
    if package is None:
        raise Http404
    return HttpResponse(json.dumps(package, ensure_ascii=False, indent=2), content_type="application/json")


def _edit_page(request, challenge, *, status: int = 200, **forms):
    path = path_for_challenge(challenge=challenge)
    proposals = selected_proposals(challenge=challenge)
    context = {
        "challenge": challenge,
        "path": path,
        "path_form": forms.get("path_form") or PathForm(path=path, challenge=challenge),
        "notice_form": forms.get("notice_form") or NoticeForm(),
        "upload_form": forms.get("upload_form") or NoticeUploadForm(),
        "hilma_form": forms.get("hilma_form") or HilmaForm(),
        "hilma_on": hilma.is_configured(),
        "award_form": forms.get("award_form")
        or AwardForm(proposals=proposals, suppliers=proposal_suppliers(proposals=proposals)),
        "contract_form": forms.get("contract_form") or ContractForm(awards=award_choices(path=path)),
        "can_award": challenge.stage in services.AWARD_STAGES,
    }
    return render(request, "procurement/edit.html", context, status=status)


@login_required
def procurement_edit(request, slug: str):
    challenge = _editable_challenge(request, slug)
    if request.method != "POST":
        return _edit_page(request, challenge)
    path = path_for_challenge(challenge=challenge)
    form = PathForm(request.POST, path=path, challenge=challenge)
    if form.is_valid():
        try:
            services.path_update(
                actor=request.user,
                challenge=challenge,
                route=form.cleaned_data["route"],
                description=form.description(),
                cpv_codes=form.cpv_codes(),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The procurement path was saved."))
            return redirect("procurement:edit", slug)
    return _edit_page(request, challenge, status=400, path_form=form)


@login_required
@require_POST
def notice_add_view(request, slug: str):
    challenge = _editable_challenge(request, slug)
    form = NoticeForm(request.POST)
    if form.is_valid():
        try:
            services.notice_add(actor=request.user, challenge=challenge, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The notice was added."))
            return redirect("procurement:edit", slug)
    return _edit_page(request, challenge, status=400, notice_form=form)


@login_required
@require_POST
def award_add_view(request, slug: str):
    challenge = _editable_challenge(request, slug)
    proposals = selected_proposals(challenge=challenge)
    form = AwardForm(request.POST, proposals=proposals, suppliers=proposal_suppliers(proposals=proposals))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.award_add(
                actor=request.user,
                challenge=challenge,
                supplier=data["supplier"],
                proposal=data["proposal"],
                value=data["value"],
                date=data["date"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The award was recorded."))
            return redirect("procurement:edit", slug)
    return _edit_page(request, challenge, status=400, award_form=form)


@login_required
@require_POST
def contract_add_view(request, slug: str):
    challenge = _editable_challenge(request, slug)
    form = ContractForm(request.POST, awards=award_choices(path=path_for_challenge(challenge=challenge)))
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.contract_add(actor=request.user, **data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The contract was recorded."))
            return redirect("procurement:edit", slug)
    return _edit_page(request, challenge, status=400, contract_form=form)


def _import_message(request, result) -> None:
    messages.success(
        request,
        {
            "created": _("Notice %(id)s was read: %(title)s."),
            "updated": _("Notice %(id)s was updated to version %(version)s: %(title)s."),
            "unchanged": _("Notice %(id)s version %(version)s was already recorded; nothing changed."),
        }[result.status]
        % {"id": result.parsed.notice_id, "version": result.parsed.version, "title": result.parsed.display_title()},
    )
    for note in result.notes:
        messages.info(request, note)


@login_required
@require_POST
def notice_import_view(request, slug: str):
    """Upload an eForms notice file (staff of an owner city, platform admins)."""
    challenge = _editable_challenge(request, slug)
    form = NoticeUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.notice_import(
                actor=request.user,
                challenge=challenge,
                data=upload.read(),
                url=form.cleaned_data["url"] or "",
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            _import_message(request, result)
            return redirect("procurement:edit", slug)
    return _edit_page(request, challenge, status=400, upload_form=form)


@login_required
@require_POST
def notice_hilma_view(request, slug: str):
    """Fetch a notice from Hilma by its ID and read it (when the Hilma API is configured)."""
    challenge = _editable_challenge(request, slug)
    form = HilmaForm(request.POST)
    if form.is_valid():
        try:
            data = hilma.fetch_notice(form.cleaned_data["notice_id"])
            result = services.notice_import(
                actor=request.user,
                challenge=challenge,
                data=data,
                source="hilma",
                url=form.cleaned_data["url"] or "",
            )
        except hilma.HilmaError as exc:
            form.add_error("notice_id", str(exc))
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            _import_message(request, result)
            return redirect("procurement:edit", slug)
    return _edit_page(request, challenge, status=400, hilma_form=form)
