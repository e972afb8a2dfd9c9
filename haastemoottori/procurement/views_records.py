"""Correcting the procurement path: edit or delete an award or a contract, remove a notice.

A delete or removal is asked first (GET: a confirmation page with a POST form) and done on POST; a refusal
(an award that still has contracts) answers 409 with the reason. Editors only, like the other owner pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error

from . import services
from .formatting import money, short_date
from .forms import AwardForm, ContractForm, award_label
from .models import ProcurementNotice
from .selectors import award_for_edit, contract_for_edit, proposal_suppliers, selected_proposals
from .views import _editable_challenge


def _confirm(
    request, challenge, *, heading: str, explanation: str, submit_label: str, refusal: str = "", status: int = 200
):
    return render(
        request,
        "procurement/confirm_delete.html",
        {
            "challenge": challenge,
            "heading": heading,
            "explanation": explanation,
            "submit_label": submit_label,
            "refusal": refusal,
        },
        status=status,
    )


def _award(request, challenge, pk: int):
    award = award_for_edit(challenge=challenge, pk=pk)
    if award is None:
        raise Http404
    return award


def _contract(request, challenge, pk: int):
    contract = contract_for_edit(challenge=challenge, pk=pk)
    if contract is None:
        raise Http404
    return contract


@login_required
def notice_remove_view(request, slug: str, pk: int):
    challenge = _editable_challenge(request, slug)
    notice = get_object_or_404(
        ProcurementNotice.objects.select_related("path__challenge"), pk=pk, path__challenge=challenge
    )
    label = f"{notice.get_kind_display()} {notice.notice_id}"
    status, refusal = 200, ""
    if request.method == "POST":
        try:
            services.notice_remove(actor=request.user, notice=notice)
        except ServiceError as exc:
            status, refusal = exc.status, str(exc.message)
        else:
            messages.success(request, _("The notice was removed."))
            return redirect("procurement:edit", slug)
    return _confirm(
        request,
        challenge,
        heading=_("Remove the notice “%(notice)s”?") % {"notice": label},
        explanation=_(
            "The notice is removed from the procurement path and the open contracting data. "
            "The removal is recorded in the public history."
        ),
        submit_label=_("Remove the notice “%(notice)s”") % {"notice": label},
        refusal=refusal,
        status=status,
    )


@login_required
def award_edit(request, slug: str, pk: int):
    challenge = _editable_challenge(request, slug)
    award = _award(request, challenge, pk)
    proposals = selected_proposals(challenge=challenge)
    form = AwardForm(
        request.POST or None, proposals=proposals, suppliers=proposal_suppliers(proposals=proposals), award=award
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.award_update(
                    actor=request.user,
                    award=award,
                    supplier=data["supplier"],
                    proposal=data["proposal"],
                    value=data["value"],
                    date=data["date"],
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The award was saved."))
                return redirect("procurement:edit", slug)
        status = 400
    return render(
        request,
        "procurement/record_form.html",
        {
            "challenge": challenge,
            "form": form,
            "heading": _("Edit the award to %(supplier)s") % {"supplier": award.supplier_name},
            "submit_label": _("Save the award"),
        },
        status=status,
    )


@login_required
def award_delete(request, slug: str, pk: int):
    challenge = _editable_challenge(request, slug)
    award = _award(request, challenge, pk)
    label = award_label(award)
    status, refusal = 200, services.award_delete_refusal(award)
    if refusal and request.method == "POST":
        status = 409
    elif request.method == "POST":
        try:
            services.award_delete(actor=request.user, award=award)
        except ServiceError as exc:
            status, refusal = exc.status, str(exc.message)
        else:
            messages.success(request, _("The award was deleted."))
            return redirect("procurement:edit", slug)
    return _confirm(
        request,
        challenge,
        heading=_("Delete the award “%(award)s”?") % {"award": label},
        explanation=_(
            "The award is removed from the procurement path and the open contracting data. "
            "The deletion is recorded in the public history."
        ),
        submit_label=_("Delete the award “%(award)s”") % {"award": label},
        refusal=refusal,
        status=status,
    )


@login_required
def contract_edit(request, slug: str, pk: int):
    challenge = _editable_challenge(request, slug)
    contract = _contract(request, challenge, pk)
    form = ContractForm(request.POST or None, contract=contract)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.contract_update(actor=request.user, contract=contract, **form.cleaned_data)
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The contract was saved."))
                return redirect("procurement:edit", slug)
        status = 400
    award = contract.award
    return render(
        request,
        "procurement/record_form.html",
        {
            "challenge": challenge,
            "form": form,
            "heading": _("Edit the contract with %(supplier)s") % {"supplier": award.supplier_name},
            "intro": _("Award: %(award)s") % {"award": award_label(award)},
            "submit_label": _("Save the contract"),
        },
        status=status,
    )


@login_required
def contract_delete(request, slug: str, pk: int):
    challenge = _editable_challenge(request, slug)
    contract = _contract(request, challenge, pk)
    label = (
        f"{contract.award.supplier_name}, {money(contract.value, contract.currency)}, {short_date(contract.signed_on)}"
    )
    status, refusal = 200, ""
    if request.method == "POST":
        try:
            services.contract_delete(actor=request.user, contract=contract)
        except ServiceError as exc:
            status, refusal = exc.status, str(exc.message)
        else:
            messages.success(request, _("The contract was deleted."))
            return redirect("procurement:edit", slug)
    return _confirm(
        request,
        challenge,
        heading=_("Delete the contract “%(contract)s”?") % {"contract": label},
        explanation=_(
            "The contract is removed from the procurement path and the open contracting data. "
            "The deletion is recorded in the public history."
        ),
        submit_label=_("Delete the contract “%(contract)s”") % {"contract": label},
        refusal=refusal,
        status=status,
    )
