"""The staff workspace: thin views over the challenge services. Every page works without JavaScript."""

import copy
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.audit.selectors import audit_events_for
from haastemoottori.core.concurrency import EditConflict, edit_token
from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.organisations.models import Organisation
from haastemoottori.organisations.rules import editor_organisation_ids

from . import services
from .errors import ErrorCode
from .forms_canvas import STEP_NAMES, STEPS, CanvasForm, IndicatorFormSet, indicator_initial
from .forms_workspace import ApprovalForm, ChallengeCreateForm, OwnerAddForm, TransitionForm
from .lifecycle import Stage, transitions_from
from .readiness import readiness_check
from .selectors import challenge_detail_queryset, challenge_list_for_user, challenge_missing_approvals
from .services.transitions import challenge_check_transition


def _owned_challenge(request, slug: str):
    challenge = challenge_detail_queryset().filter(slug=slug).first()
    if challenge is None or not request.user.has_perm("challenges.view_challenge_history", challenge):
        raise Http404
    return challenge


@login_required
def workspace(request):
    challenges = list(challenge_list_for_user(user=request.user))
    editor_orgs = editor_organisation_ids(request.user)
    waiting = [
        c
        for c in challenges
        if any(
            o.organisation_id in editor_orgs and o.must_approve and not o.has_approved(c.version)
            for o in c.ownerships.all()
        )
    ]
    now = timezone.now()
    soon = sorted(
        (c for c in challenges if c.call_deadline and now <= c.call_deadline <= now + timedelta(days=31)),
        key=lambda c: c.call_deadline,
    )
    by_stage = [(stage, [c for c in challenges if c.stage == stage]) for stage in Stage]
    return render(
        request,
        "challenges/workspace.html",
        {
            "challenges": challenges,
            "waiting": waiting,
            "deadlines": soon,
            "by_stage": [(stage, items) for stage, items in by_stage if items],
            "can_create": request.user.has_perm("challenges.add_challenge"),
            # Signals, clusters and the backlog: staff of any city (named permissions, no extra query for others).
            "can_view_signals": request.user.has_perm("signals.view_signals"),
            "can_moderate_signals": request.user.has_perm("signals.curate_clusters"),
        },
    )


@login_required
def challenge_create_view(request):
    if not request.user.has_perm("challenges.add_challenge"):
        raise PermissionDenied
    organisations = Organisation.objects.owners().filter(pk__in=editor_organisation_ids(request.user))
    if request.user.is_superuser:
        organisations = Organisation.objects.owners()
    form = ChallengeCreateForm(request.POST if request.method == "POST" else None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        lang = form.cleaned_data["original_language"]
        try:
            challenge = services.challenge_create(
                actor=request.user,
                lead=form.cleaned_data["lead"],
                original_language=lang,
                title={lang: form.cleaned_data["title"]},
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The draft was created. Fill in the canvas next."))
            return redirect("challenges:edit", challenge.slug)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "challenges/create.html", {"form": form}, status=status)


@login_required
def challenge_edit(request, slug: str):
    """Edit the canvas one step at a time; each saved step leads to the next."""
    challenge = _owned_challenge(request, slug)
    if not request.user.has_perm("challenges.change_challenge", challenge):
        raise PermissionDenied
    step = request.POST.get("step") or request.GET.get("step") or STEP_NAMES[0]
    if step not in STEP_NAMES:
        step = STEP_NAMES[0]
    bound = request.method == "POST"
    form = CanvasForm(
        request.POST if bound else None,
        initial=CanvasForm.initial_for(challenge),
        original_language=challenge.original_language,
        step=step,
    )
    indicators = None
    if "indicators" in form.step_fields:
        indicators = IndicatorFormSet(
            request.POST if bound else None, initial=indicator_initial(challenge), prefix="ind"
        )
    # The token of what the form was opened on, kept through a refusal for bad input (core/concurrency.py).
    token = request.POST.get("edit_token") if bound and "edit_token" in request.POST else None
    token = token if token is not None else edit_token(challenge.updated_at)
    conflict = None
    if bound and form.is_valid() and (indicators is None or indicators.is_valid()):
        try:
            with transaction.atomic():
                services.challenge_update(
                    actor=request.user,
                    challenge=challenge,
                    edit_token=request.POST.get("edit_token"),
                    **form.canvas_values(),
                )
                if indicators is not None:
                    rows = [row for f in indicators.forms if (row := f.value()) is not None]
                    services.challenge_set_indicators(actor=request.user, challenge=challenge, indicators=rows)
        except EditConflict as exc:
            conflict, token = exc, exc.current_token
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            position = STEP_NAMES.index(step)
            if "next" in request.POST and position + 1 < len(STEP_NAMES):
                return redirect(f"{reverse('challenges:edit', args=[slug])}?step={STEP_NAMES[position + 1]}")
            return redirect("challenges:manage", challenge.slug)
    errors = bound and (form.errors or (indicators is not None and (indicators.total_error_count() > 0)))
    return render(
        request,
        "challenges/edit.html",
        {
            "form": form,
            "indicators": indicators,
            "challenge": challenge,
            "readiness": readiness_check(challenge),
            "steps": STEPS,
            "step": step,
            "is_last": step == STEP_NAMES[-1],
            "edit_token": token,
            "conflict": conflict,
        },
        status=409 if conflict else 400 if errors else 200,
    )


@login_required
@require_POST
def challenge_readiness_preview(request, slug: str):
    """The readiness panel for the edit form's unsaved values (htmx); saves nothing."""
    challenge = _owned_challenge(request, slug)
    if not request.user.has_perm("challenges.change_challenge", challenge):
        raise PermissionDenied
    form = CanvasForm(
        request.POST,
        original_language=challenge.original_language,
        step=request.POST.get("step") if request.POST.get("step") in STEP_NAMES else None,
    )
    form.is_valid()
    preview = copy.copy(challenge)
    values = form.preview_values()
    themes = values.pop("themes", None)
    for name, value in values.items():
        setattr(preview, name, value)
    return render(
        request,
        "challenges/edit.html#readiness",
        {"challenge": challenge, "readiness": readiness_check(preview, themes=themes)},
    )


@login_required
def challenge_manage(request, slug: str):
    challenge = _owned_challenge(request, slug)
    return render(request, "challenges/manage.html", _manage_context(request, challenge))


def _manage_context(request, challenge, **extra):
    user = request.user
    editor_orgs = editor_organisation_ids(user)
    can_transition = user.has_perm("challenges.transition_challenge", challenge)
    transitions = []
    if can_transition:
        for t in transitions_from(challenge.stage):
            # Reason and outcome are given in the form itself, so they are not shown as refusals here.
            refusals = [
                r
                for r in challenge_check_transition(actor=user, challenge=challenge, target=t.target)
                if r.code not in (ErrorCode.REASON_MISSING, ErrorCode.OUTCOME_MISSING)
            ]
            transitions.append(
                {
                    "transition": t,
                    "refusals": refusals,
                    "form": TransitionForm(initial={"target": t.target}, prefix=t.target),
                }
            )
    return {
        "challenge": challenge,
        "owners": list(challenge.ownerships.all()),
        "my_org_ids": editor_orgs,
        "missing": challenge_missing_approvals(challenge=challenge),
        "readiness": readiness_check(challenge),
        "history": audit_events_for(target=challenge, public_only=False)[:200],
        "can_edit": user.has_perm("challenges.change_challenge", challenge),
        "can_manage_owners": user.has_perm("challenges.manage_owners", challenge),
        "can_see_suggestions": user.has_perm("discovery.view_solver_suggestions", challenge),
        "owner_form": OwnerAddForm(challenge=challenge),
        "transitions": transitions,
        **extra,
    }


@login_required
@require_POST
def challenge_approval(request, slug: str):
    challenge = _owned_challenge(request, slug)
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The approval request was not understood."))
        return redirect("challenges:manage", slug)
    organisation = Organisation.objects.filter(pk=form.cleaned_data["organisation"]).first()
    if organisation is None:
        raise Http404
    service = (
        services.challenge_approve if form.cleaned_data["action"] == "approve" else services.challenge_withdraw_approval
    )
    try:
        service(actor=request.user, challenge=challenge, organisation=organisation)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
        return render(request, "challenges/manage.html", _manage_context(request, challenge), status=exc.status)
    messages.success(
        request, _("Approval saved.") if form.cleaned_data["action"] == "approve" else _("Approval withdrawn.")
    )
    return redirect("challenges:manage", slug)


@login_required
@require_POST
def challenge_owner_add(request, slug: str):
    challenge = _owned_challenge(request, slug)
    form = OwnerAddForm(request.POST, challenge=challenge)
    if form.is_valid():
        try:
            services.challenge_add_owner(actor=request.user, challenge=challenge, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("%(organisation)s was added. It must approve before publication.")
                % {"organisation": form.cleaned_data["organisation"]},
            )
            return redirect("challenges:manage", slug)
    challenge = _owned_challenge(request, slug)
    return render(request, "challenges/manage.html", _manage_context(request, challenge, owner_form=form), status=400)


@login_required
@require_POST
def challenge_transition_view(request, slug: str):
    challenge = _owned_challenge(request, slug)
    target = request.POST.get("target", "")
    form = TransitionForm(request.POST, prefix=target if target else None)
    # The form fields are prefixed per transition; the plain "target" names which one was sent.
    if not form.is_valid():
        messages.error(request, _("Confirm the change by ticking the box."))
        return render(request, "challenges/manage.html", _manage_context(request, challenge), status=400)
    try:
        services.challenge_transition(
            actor=request.user,
            challenge=challenge,
            target=form.cleaned_data["target"],
            reason=form.cleaned_data["reason"],
            outcome=form.cleaned_data["outcome"],
        )
    except ServiceError as exc:
        messages.error(request, str(exc.message))
        challenge = get_object_or_404(challenge_detail_queryset(), pk=challenge.pk)
        return render(request, "challenges/manage.html", _manage_context(request, challenge), status=exc.status)
    messages.success(request, _("The stage was changed."))
    return redirect("challenges:manage", slug)
