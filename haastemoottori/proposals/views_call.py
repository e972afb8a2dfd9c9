"""The call pages under /challenges/<slug>/call/: public call page, configuration, owners' list, summaries."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.csv_export import csv_download
from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error

from . import services
from .deadline import call_is_open, deadline_passed, remaining_text
from .forms import CallForm, CriterionForm, EvaluatorForm, ProposalStartForm, QuestionForm, translated_value
from .models import CallCriterion, CallQuestion, Proposal
from .rules import solver_organisation_ids
from .selectors import (
    active_proposals_for_call,
    answer_display,
    call_for_challenge,
    challenge_for_call,
    public_summaries,
    submitted_proposals,
    submitted_proposals_listed,
)


def _challenge(request, slug):
    challenge = challenge_for_call(slug=slug, user=request.user)
    if challenge is None:
        raise Http404
    return challenge


def call_context(challenge, now=None) -> dict:
    now = now or timezone.now()
    return {
        "challenge": challenge,
        "is_open": call_is_open(challenge, now),
        "deadline_passed": deadline_passed(challenge, now),
        "remaining": remaining_text(challenge.call_deadline, now) if challenge.call_deadline else "",
    }


def call_detail(request, slug: str):
    challenge = _challenge(request, slug)
    call = call_for_challenge(challenge=challenge)
    return render(
        request,
        "proposals/call_detail.html",
        {
            **call_context(challenge),
            "call": call,
            "can_configure": request.user.has_perm("proposals.configure_call", challenge),
            "can_start": rules.has_perm("proposals.start_proposal", request.user, challenge),
            "own_proposals": active_proposals_for_call(challenge=challenge, user=request.user)
            if request.user.is_authenticated
            else [],
            "can_list": request.user.has_perm("proposals.view_proposal_list", challenge),
        },
    )


@login_required
def call_configure(request, slug: str):
    challenge = _challenge(request, slug)
    if not request.user.has_perm("proposals.configure_call", challenge):
        raise PermissionDenied
    call = call_for_challenge(challenge=challenge)
    form = CallForm(request.POST if request.method == "POST" else None, call=call)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.call_update(
                    actor=request.user,
                    challenge=challenge,
                    eligibility=translated_value(data, "eligibility"),
                    instructions=translated_value(data, "instructions"),
                    max_file_size=data["max_file_size_mb"] * 1024 * 1024,
                    max_files=data["max_files"],
                )
            except ServiceError as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("The call was saved."))
                return redirect("calls:configure", challenge.slug)
        else:
            status = 400
    return _configure_page(request, challenge, call, form=form, status=status)


def _configure_page(request, challenge, call, *, form=None, criterion_form=None, question_form=None, status=200):
    lang = challenge.original_language
    return render(
        request,
        "proposals/call_configure.html",
        {
            **call_context(challenge),
            "call": call,
            "form": form or CallForm(call=call),
            "criterion_form": criterion_form or CriterionForm(original_language=lang),
            "question_form": question_form or QuestionForm(original_language=lang),
            "locked": bool(call and call.proposals.filter(submitted_at__isnull=False).exists()),
        },
        status=status,
    )


def _configure_submit(request, challenge, form, *, form_name: str, action, success: str):
    """Run a call-configuration form through its service: redirect on success, else the page with errors."""
    status = 400
    if form.is_valid():
        try:
            action(form)
        except ServiceError as exc:
            add_service_error(form, exc)
            status = exc.status
        else:
            messages.success(request, success)
            return redirect("calls:configure", challenge.slug)
    return _configure_page(
        request, challenge, call_for_challenge(challenge=challenge), status=status, **{form_name: form}
    )


def _configure_delete(request, challenge, *, action, success: str):
    try:
        action()
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, success)
    return redirect("calls:configure", challenge.slug)


def _configurable_challenge(request, slug: str):
    challenge = _challenge(request, slug)
    if not request.user.has_perm("proposals.configure_call", challenge):
        raise PermissionDenied
    return challenge


@login_required
@require_POST
def criterion_add(request, slug: str):
    challenge = _configurable_challenge(request, slug)
    return _configure_submit(
        request,
        challenge,
        CriterionForm(request.POST, original_language=challenge.original_language),
        form_name="criterion_form",
        success=_("The criterion was added."),
        action=lambda form: services.criterion_add(
            actor=request.user,
            challenge=challenge,
            name=translated_value(form.cleaned_data, "name"),
            description=translated_value(form.cleaned_data, "description"),
            weight=form.cleaned_data["weight"],
            order=form.cleaned_data.get("order") or 0,
        ),
    )


@login_required
@require_POST
def criterion_delete(request, slug: str, pk: int):
    challenge = _challenge(request, slug)
    criterion = get_object_or_404(CallCriterion, pk=pk, call__challenge=challenge)
    return _configure_delete(
        request,
        challenge,
        success=_("The criterion was removed."),
        action=lambda: services.criterion_delete(actor=request.user, criterion=criterion),
    )


@login_required
@require_POST
def question_add(request, slug: str):
    challenge = _configurable_challenge(request, slug)
    return _configure_submit(
        request,
        challenge,
        QuestionForm(request.POST, original_language=challenge.original_language),
        form_name="question_form",
        success=_("The question was added."),
        action=lambda form: services.question_add(actor=request.user, challenge=challenge, values=form.values()),
    )


@login_required
@require_POST
def question_delete(request, slug: str, pk: int):
    challenge = _challenge(request, slug)
    question = get_object_or_404(CallQuestion, pk=pk, call__challenge=challenge)
    return _configure_delete(
        request,
        challenge,
        success=_("The question was removed."),
        action=lambda: services.question_delete(actor=request.user, question=question),
    )


@login_required
def proposal_start(request, slug: str):
    challenge = _challenge(request, slug)
    if not rules.has_perm("proposals.start_proposal", request.user, challenge):
        if not call_is_open(challenge):
            messages.error(request, _("This call is not open for proposals."))
            return redirect("calls:detail", challenge.slug)
        raise PermissionDenied
    from haastemoottori.organisations.models import Organisation

    organisations = Organisation.objects.filter(pk__in=solver_organisation_ids(request.user))
    own = active_proposals_for_call(challenge=challenge, user=request.user)
    form = ProposalStartForm(
        request.POST if request.method == "POST" else None, organisations=organisations, existing=bool(own)
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                proposal = services.proposal_start(
                    actor=request.user,
                    challenge=challenge,
                    lead=form.cleaned_data["lead"],
                    title=form.cleaned_data["title"],
                    language=request.LANGUAGE_CODE,
                    another=form.cleaned_data.get("another", False),
                )
            except ServiceError as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("The draft was created. Answer the questions next."))
                return redirect("proposals:edit", proposal.pk)
    return render(
        request,
        "proposals/start.html",
        {**call_context(challenge), "form": form, "own_proposals": own},
        status=status,
    )


def owner_call(request, slug):
    challenge = _challenge(request, slug)
    if not request.user.has_perm("proposals.view_proposal_list", challenge):
        raise Http404
    return challenge, call_for_challenge(challenge=challenge)


OWNER_LIST_PAGE_SIZE = 50


@login_required
def proposal_list(request, slug: str):
    challenge, call = owner_call(request, slug)
    return owner_list_render(request, challenge, call)


def owner_list_render(request, challenge, call, *, form=None, status: int = 200):
    """The owners' list of submitted proposals with the form to assign an evaluator. The form posts to the
    evaluation app (``evaluation_admin:assign``), which renders this page again when it refuses."""
    page = Paginator(
        submitted_proposals_listed(call=call, viewer=request.user) if call else Proposal.objects.none(),
        OWNER_LIST_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    can_assign = request.user.has_perm("proposals.assign_evaluators", challenge)
    if form is None:
        form = EvaluatorForm(None, proposals=[(p.pk, p.title) for p in page.object_list])
    return render(
        request,
        "proposals/owner_list.html",
        {
            **call_context(challenge),
            "call": call,
            "proposals": page.object_list,
            "page": page,
            "total": page.paginator.count,
            "form": form,
            "can_assign": can_assign,
        },
        status=status,
    )


EXPORT_COLUMNS = ("id", "title", "lead", "lead_business_id", "partners", "submitted_at", "submitted_by", "content_hash")


@login_required
def proposal_export(request, slug: str):
    """CSV of the submitted proposals for the owners: every answer, confidential ones included (not the
    proposals the viewer is recused from)."""
    challenge, call = owner_call(request, slug)
    proposals = list(submitted_proposals(call=call, viewer=request.user)) if call else []
    questions = [q for q in (call.questions.all() if call else []) if q.kind != CallQuestion.Kind.FILE]
    files = [q for q in (call.questions.all() if call else []) if q.kind == CallQuestion.Kind.FILE]
    response, writer = csv_download(f"{challenge.slug}-proposals.csv")
    writer.writerow(
        [*EXPORT_COLUMNS, *[f"q{q.pk}: {q.t.label}" for q in questions], *[f"q{q.pk}: {q.t.label}" for q in files]]
    )
    for p in proposals:
        answers = {a.question_id: a for a in p.answers.all()}
        lead_id = next((i.identifier for i in p.lead.identifiers.all() if i.scheme == "FI-PRO"), "")
        writer.writerow(
            [
                p.pk,
                p.title,
                p.lead,
                lead_id,
                "; ".join(f"{x.organisation} ({x.business_id})" for x in p.partners.all() if x.status == "confirmed"),
                timezone.localtime(p.submitted_at).isoformat(),
                p.submitted_by.email if p.submitted_by else "",
                p.content_hash,
                *[answer_display(q, answers.get(q.pk)) for q in questions],
                *[
                    "; ".join(f"{a.original_name} ({a.sha256})" for a in p.attachments.all() if a.question_id == q.pk)
                    for q in files
                ],
            ]
        )
    return response


def summaries(request, slug: str):
    challenge = _challenge(request, slug)
    call = call_for_challenge(challenge=challenge)
    published = deadline_passed(challenge) and challenge.is_public
    items = public_summaries(call=call) if call and published else []
    return render(
        request,
        "proposals/summaries.html",
        {**call_context(challenge), "call": call, "published": published, "summaries": items},
    )
