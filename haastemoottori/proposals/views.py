"""Proposal pages under /proposals/: mine, a proposal (by its UUID), editing, consortium and attachments."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error

from . import services
from .forms import AttachmentForm, PartnerForm, ProposalForm
from .models import CallQuestion, ProposalAttachment, ProposalPartner
from .rules import is_confirmed_partner_member, is_lead_member
from .selectors import (
    communicated_decision,
    partner_invitations_for_user,
    pending_invitations_on,
    proposal_detail,
    proposal_get,
    proposals_for_user,
)
from .views_call import call_context


def _visible(request, pk, perm="proposals.view_proposal"):
    proposal = proposal_get(pk=pk)
    if proposal is None or not request.user.has_perm(perm, proposal):
        raise Http404
    return proposal


@login_required
def my_proposals(request):
    proposals = list(proposals_for_user(user=request.user))
    for p in proposals:
        p.sent_decision = communicated_decision(p)
    return render(
        request,
        "proposals/mine.html",
        {
            "proposals": proposals,
            "invitations": list(partner_invitations_for_user(user=request.user)),
        },
    )


def _file_questions(proposal):
    return [q for q in proposal.call.questions.all() if q.kind == CallQuestion.Kind.FILE]


def _invited_page(request, pk):
    """For a member of an invited partner that has not answered yet: what they are invited to and where to
    answer (the admins confirm), nothing confidential; anyone else gets the 404 of an unknown proposal."""
    proposal = proposal_get(pk=pk)
    invitations = pending_invitations_on(proposal=proposal, user=request.user) if proposal else []
    if not invitations:
        raise Http404
    return render(
        request,
        "proposals/invited.html",
        {
            **call_context(proposal.call.challenge),
            "proposal": proposal,
            "invitation": invitations[0],
            "can_respond": rules.has_perm("proposals.respond_partner", request.user, proposal),
        },
    )


@login_required
def proposal_detail_view(request, pk, *, partner_form=None, attachment_form=None, status=200):
    try:
        proposal = _visible(request, pk)
    except Http404:
        return _invited_page(request, pk)
    confidential = request.user.has_perm("proposals.view_confidential", proposal)
    can_change = rules.has_perm("proposals.change_proposal", request.user, proposal)
    files = _file_questions(proposal)
    decision = communicated_decision(proposal)
    return render(
        request,
        "proposals/detail.html",
        {
            "decision": decision,
            "decision_feedback": decision is not None and _sees_feedback(request.user, proposal),
            **call_context(proposal.call.challenge),
            "proposal": proposal,
            **proposal_detail(proposal=proposal, confidential=confidential),
            "can_change": can_change,
            "editable": can_change and proposal.status != "submitted",
            "not_editable_reason": "" if can_change else _why_not_editable(request.user, proposal),
            "partners": list(proposal.partners.all()),
            "partner_form": partner_form or PartnerForm(),
            "attachment_form": attachment_form or (AttachmentForm(questions=files) if files else None),
        },
        status=status,
    )


def _sees_feedback(user, proposal) -> bool:
    """The owners' feedback on the decision: the applicant consortium and the challenge's owners."""
    return (
        is_lead_member(user, proposal)
        or is_confirmed_partner_member(user, proposal)
        or user.has_perm("evaluation.view_results", proposal.call.challenge)
    )


@login_required
def proposal_edit(request, pk):
    proposal = _visible(request, pk)
    refusal = _why_not_editable(request.user, proposal)
    if refusal:
        messages.error(request, refusal)
        return redirect("proposals:detail", proposal.pk)
    questions = list(proposal.call.questions.all())
    answers = {a.question_id: a for a in proposal.answers.all()}
    form = ProposalForm(
        request.POST if request.method == "POST" else None, questions=questions, proposal=proposal, answers=answers
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.proposal_save(
                    actor=request.user,
                    proposal=proposal,
                    version=form.cleaned_data["version"],
                    title=form.cleaned_data["title"],
                    answers=form.answers(),
                )
            except ServiceError as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("The draft was saved."))
                return redirect("proposals:detail", proposal.pk)
    return render(
        request,
        "proposals/edit.html",
        {**call_context(proposal.call.challenge), "proposal": proposal, "form": form},
        status=status,
    )


def _why_not_editable(user, proposal) -> str:
    """The actual reason the user cannot edit the answers now, or "" when they can."""
    if not is_lead_member(user, proposal):
        return _(
            "Only the lead organisation, %(lead)s, edits the answers; partners read them. "
            "Ask the lead to make the change."
        ) % {"lead": proposal.lead}
    if not rules.has_perm("proposals.change_proposal", user, proposal):
        return _("The deadline has passed: the proposal can no longer be changed.")
    if proposal.status == "submitted":
        return _("The proposal has been submitted. Withdraw it first to change the answers, then submit it again.")
    return ""


def _act(request, pk, action, success):
    proposal = _visible(request, pk)
    try:
        action(proposal)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, success)
    return redirect("proposals:detail", proposal.pk)


def _version(request):
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@login_required
@require_POST
def proposal_submit(request, pk):
    return _act(
        request,
        pk,
        lambda p: services.proposal_submit(actor=request.user, proposal=p, version=_version(request)),
        _("The proposal was submitted. A receipt was sent to you by e-mail."),
    )


@login_required
@require_POST
def proposal_withdraw(request, pk):
    return _act(
        request,
        pk,
        lambda p: services.proposal_withdraw(actor=request.user, proposal=p),
        _("The proposal was withdrawn. You can submit it again before the deadline."),
    )


@login_required
@require_POST
def partner_add(request, pk):
    proposal = _visible(request, pk)
    form = PartnerForm(request.POST)
    if form.is_valid():
        try:
            services.partner_invite(actor=request.user, proposal=proposal, business_id=form.cleaned_data["business_id"])
        except ServiceError as exc:
            add_service_error(form, exc)
            return proposal_detail_view(request, pk, partner_form=form, status=exc.status)
        messages.success(request, _("The partner was invited. Their admins confirm or decline."))
        return redirect("proposals:detail", proposal.pk)
    return proposal_detail_view(request, pk, partner_form=form, status=400)


@login_required
@require_POST
def partner_remove(request, pk, partner_id: int):
    proposal = _visible(request, pk)
    partner = get_object_or_404(ProposalPartner, pk=partner_id, proposal=proposal)
    return _act(
        request,
        pk,
        lambda p: services.partner_remove(actor=request.user, partner=partner),
        _("The partner was removed."),
    )


@login_required
def partner_respond(request, pk, partner_id: int):
    """The partner's admins see what they are asked to join and confirm or decline."""
    proposal = proposal_get(pk=pk)
    if proposal is None or not rules.has_perm("proposals.respond_partner", request.user, proposal):
        raise Http404
    partner = get_object_or_404(
        ProposalPartner.objects.select_related("organisation"), pk=partner_id, proposal=proposal
    )
    if request.method == "POST":
        try:
            partner = services.partner_respond(
                actor=request.user, partner=partner, confirm=request.POST.get("answer") == "confirm"
            )
        except ServiceError as exc:
            messages.error(request, str(exc.message))
        else:
            if partner.status == "confirmed":
                messages.success(request, _("You joined the consortium. Here is the proposal."))
                return redirect("proposals:detail", proposal.pk)
            messages.success(request, _("Your answer was recorded: you declined."))
        return redirect("proposals:partner", proposal.pk, partner.pk)
    return render(
        request,
        "proposals/partner.html",
        {
            **call_context(proposal.call.challenge),
            "proposal": proposal,
            "partner": partner,
            **proposal_detail(proposal=proposal, confidential=False),
        },
    )


@login_required
@require_POST
def attachment_upload(request, pk):
    proposal = _visible(request, pk)
    files = _file_questions(proposal)
    form = AttachmentForm(request.POST, request.FILES, questions=files)
    if form.is_valid():
        question = next(q for q in files if q.pk == form.cleaned_data["question"])
        try:
            services.attachment_upload(
                actor=request.user, proposal=proposal, question=question, uploaded_file=form.cleaned_data["file"]
            )
        except ServiceError as exc:
            form.add_error("file" if exc.field == "file" else None, str(exc.message))
            return proposal_detail_view(request, pk, attachment_form=form, status=exc.status)
        messages.success(request, _("The file was uploaded."))
        return redirect("proposals:detail", proposal.pk)
    return proposal_detail_view(request, pk, attachment_form=form, status=400)


@login_required
@require_POST
def attachment_delete(request, pk, attachment_id):
    proposal = _visible(request, pk)
    attachment = get_object_or_404(ProposalAttachment, pk=attachment_id, proposal=proposal)
    return _act(
        request,
        pk,
        lambda p: services.attachment_delete(actor=request.user, attachment=attachment),
        _("The file was removed."),
    )


@login_required
def attachment_download(request, pk, attachment_id):
    proposal = _visible(request, pk)
    attachment = get_object_or_404(
        ProposalAttachment.objects.select_related("question"), pk=attachment_id, proposal=proposal
    )
    if attachment.question.confidential and not request.user.has_perm("proposals.view_confidential", proposal):
        raise Http404
    services.attachment_download_record(actor=request.user, attachment=attachment, ip=request.META.get("REMOTE_ADDR"))
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox"
    return response
