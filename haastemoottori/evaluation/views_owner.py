"""The owners' pages under /challenges/<slug>/evaluation/: form, assignments and conflicts (removing an
assignment), results, one proposal's scores (override and decision) and the results CSV. The decision record
is in views_record.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.csv_export import csv_download
from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.core.i18n import current_language

from . import services
from .aggregation import DISAGREEMENT_THRESHOLD, is_withheld, proposal_result, ranking
from .forms import CriterionForm, DecisionForm, OverrideForm
from .models import EvaluationCriterion, Score
from .rules import declaration_of
from .selectors import (
    assignment_state,
    challenge_for_evaluation,
    form_for_challenge,
    proposal_with_evaluations,
    proposals_with_evaluations,
    recused_proposal_ids,
)


def owner_challenge(request, slug: str, perm: str):
    challenge = challenge_for_evaluation(slug=slug, user=request.user)
    if challenge is None:
        raise Http404
    if not request.user.has_perm(perm, challenge):
        raise PermissionDenied
    return challenge


def visible_ranking(proposals, criteria, user, excluded: set) -> list:
    """The ranking of every submitted proposal (ranks as the owners see them) without the rows of the proposals
    in ``excluded`` (those the user is recused from)."""
    return [r for r in ranking(proposals, criteria, viewer=user) if r.proposal.pk not in excluded]


def _results(challenge, criteria, user) -> list:
    return visible_ranking(proposals_with_evaluations(challenge=challenge), criteria, user, recused_proposal_ids(user))


def _criteria(challenge) -> tuple:
    form = form_for_challenge(challenge=challenge)
    return form, (list(form.criteria.all()) if form else [])


@login_required
def overview(request, slug: str):
    challenge = owner_challenge(request, slug, "evaluation.view_results")
    proposals = proposals_with_evaluations(challenge=challenge, viewer=request.user)
    rows = [
        {
            "proposal": p,
            "assignments": [
                {"assignment": a, "state": assignment_state(a), "declaration": declaration_of(a)}
                for a in p.evaluators.all()
            ],
        }
        for p in proposals
    ]
    return render(
        request,
        "evaluation/overview.html",
        {
            "challenge": challenge,
            "rows": rows,
            "can_configure": request.user.has_perm("evaluation.configure_form", challenge),
            "can_decide": request.user.has_perm("evaluation.decide", challenge),
            "can_assign": request.user.has_perm("proposals.assign_evaluators", challenge),
        },
    )


def _form_page(request, challenge, *, criterion_form=None, status=200):
    form, criteria = _criteria(challenge)
    call_criteria = list(challenge.call.criteria.all()) if hasattr(challenge, "call") else []
    return render(
        request,
        "evaluation/form.html",
        {
            "challenge": challenge,
            "form_obj": form,
            "criteria": criteria,
            "call_criteria": call_criteria,
            "locked": bool(form and form.is_locked),
            "form": criterion_form or CriterionForm(original_language=challenge.original_language),
        },
        status=status,
    )


@login_required
def form_configure(request, slug: str):
    challenge = owner_challenge(request, slug, "evaluation.configure_form")
    if request.method != "POST":
        return _form_page(request, challenge)
    form = CriterionForm(request.POST, original_language=challenge.original_language)
    if not form.is_valid():
        return _form_page(request, challenge, criterion_form=form, status=400)
    try:
        services.criterion_add(actor=request.user, challenge=challenge, **form.values())
    except ServiceError as exc:
        add_service_error(form, exc)
        return _form_page(request, challenge, criterion_form=form, status=exc.status)
    messages.success(request, _("The criterion was added."))
    return redirect("evaluation_admin:form", challenge.slug)


def _act(request, challenge, action, success: str, target: str):
    try:
        action()
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, success)
    return redirect(target, challenge.slug)


@login_required
@require_POST
def form_prefill(request, slug: str):
    challenge = owner_challenge(request, slug, "evaluation.configure_form")
    return _act(
        request,
        challenge,
        lambda: services.form_prefill(actor=request.user, challenge=challenge),
        _("The call's criteria were copied to the form."),
        "evaluation_admin:form",
    )


@login_required
@require_POST
def criterion_delete(request, slug: str, pk: int):
    challenge = owner_challenge(request, slug, "evaluation.configure_form")
    criterion = get_object_or_404(EvaluationCriterion, pk=pk, form__call__challenge=challenge)
    return _act(
        request,
        challenge,
        lambda: services.criterion_delete(actor=request.user, challenge=challenge, criterion=criterion),
        _("The criterion was removed."),
        "evaluation_admin:form",
    )


@login_required
def results(request, slug: str):
    challenge = owner_challenge(request, slug, "evaluation.view_results")
    _form, criteria = _criteria(challenge)
    return render(
        request,
        "evaluation/results.html",
        {
            "challenge": challenge,
            "criteria": criteria,
            "disagreement_threshold": DISAGREEMENT_THRESHOLD,
            "results": _results(challenge, criteria, request.user),
        },
    )


@login_required
def results_export(request, slug: str):
    challenge = owner_challenge(request, slug, "evaluation.view_results")
    _form, criteria = _criteria(challenge)
    response, writer = csv_download(f"{challenge.slug}-evaluation.csv")
    writer.writerow(
        [
            _("Rank"),
            _("Proposal"),
            _("Lead"),
            _("Total (0–100)"),
            _("Passed"),
            _("Submitted"),
            _("Recused"),
            *[f"{c.t.name}: {_('mean')}" for c in criteria],
            *[f"{c.t.name}: {_('spread')}" for c in criteria],
        ]
    )
    for r in _results(challenge, criteria, request.user):
        by_criterion = {c.criterion.pk: c for c in r.criteria}
        means = [_fmt(by_criterion[c.pk].mean) if c.pk in by_criterion else "" for c in criteria]
        spreads = [_fmt(by_criterion[c.pk].spread) if c.pk in by_criterion else "" for c in criteria]
        passed = "" if r.passed is None else (_("yes") if r.passed else _("no"))
        writer.writerow(
            [
                r.rank or "",
                r.proposal.title,
                r.proposal.lead,
                _fmt(r.total),
                passed,
                r.submitted,
                r.recused,
                *means,
                *spreads,
            ]
        )
    return response


def _fmt(value) -> str:
    return "" if value is None else f"{value:.2f}"


def _proposal_page(request, challenge, pk, *, override_forms=None, decision_form=None, status=200):
    proposal = proposal_with_evaluations(challenge=challenge, pk=pk, viewer=request.user)
    if proposal is None:
        raise Http404
    _form, criteria = _criteria(challenge)
    user = request.user
    withheld = is_withheld(proposal, user)
    # Individual scores and comments: the owners' editors only, and never before their own evaluation is in.
    show_scores = user.has_perm("evaluation.view_scores", challenge) and not withheld
    can_override = show_scores and user.has_perm("evaluation.override_score", challenge)
    can_assign = user.has_perm("proposals.assign_evaluators", challenge)
    override_forms = override_forms or {}
    evaluators = []
    for assignment in proposal.evaluators.all():
        state = assignment_state(assignment)
        row = {
            "assignment": assignment,
            "state": state,
            "declaration": declaration_of(assignment),
            "scores": [],
            "removable": can_assign and state not in ("submitted", "recused"),
        }
        if state == "submitted" and show_scores:
            scores = {s.criterion_id: s for s in assignment.evaluation.scores.all()}
            row["scores"] = [_score_row(c, scores.get(c.pk), can_override, override_forms) for c in criteria]
        evaluators.append(row)
    decision = getattr(proposal, "decision", None) if _has_decision(proposal) else None
    return render(
        request,
        "evaluation/proposal.html",
        {
            "challenge": challenge,
            "proposal": proposal,
            "criteria": criteria,
            "evaluators": evaluators,
            "withheld": withheld,
            "show_scores": show_scores,
            "can_override": can_override,
            "decision": decision,
            "failed_override": next((f for f in override_forms.values() if f.errors), None),
            "result": proposal_result(proposal, criteria, viewer=request.user),
            "disagreement_threshold": DISAGREEMENT_THRESHOLD,
            "decision_form": (decision_form or DecisionForm())
            if decision is None and request.user.has_perm("evaluation.decide", challenge)
            else None,
        },
        status=status,
    )


def _score_row(criterion, score, can_override: bool, override_forms: dict) -> dict:
    overrides = list(score.overrides.all()) if score else []
    form = None
    if score is not None and can_override:
        form = override_forms.get(score.pk) or OverrideForm(score=score)
    last = overrides[-1] if overrides else None
    return {
        "criterion": criterion,
        "score": score,
        "override": last,
        "form": form,
        "value": criterion.label_of(score.value) if score is not None and score.value is not None else "",
        "override_value": criterion.label_of(last.value) if last is not None else "",
    }


def _has_decision(proposal) -> bool:
    from django.core.exceptions import ObjectDoesNotExist

    try:
        proposal.decision  # noqa: B018
    except ObjectDoesNotExist:
        return False
    return True


@login_required
def proposal_scores(request, slug: str, pk):
    challenge = owner_challenge(request, slug, "evaluation.view_results")
    return _proposal_page(request, challenge, pk)


@login_required
@require_POST
def score_override(request, slug: str, pk: int):
    challenge = owner_challenge(request, slug, "evaluation.override_score")
    score = get_object_or_404(
        Score.objects.select_related("evaluation__assignment__proposal__call__challenge", "criterion"),
        pk=pk,
        evaluation__assignment__proposal__call__challenge=challenge,
    )
    proposal_pk = score.evaluation.assignment.proposal_id
    if proposal_pk in recused_proposal_ids(request.user):
        raise Http404
    form = OverrideForm(request.POST, score=score)
    if form.is_valid():
        try:
            services.score_override(
                actor=request.user,
                score=score,
                value=form.cleaned_data["value"],
                justification=form.cleaned_data["justification"],
                language=current_language(),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            return _proposal_page(request, challenge, proposal_pk, override_forms={score.pk: form}, status=exc.status)
        messages.success(request, _("The score was overridden."))
        return redirect("evaluation_admin:proposal", challenge.slug, proposal_pk)
    return _proposal_page(request, challenge, proposal_pk, override_forms={score.pk: form}, status=400)


@login_required
@require_POST
def decide(request, slug: str, pk):
    challenge = owner_challenge(request, slug, "evaluation.decide")
    proposal = proposal_with_evaluations(challenge=challenge, pk=pk, viewer=request.user)
    if proposal is None:
        raise Http404
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decision_make(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
            return _proposal_page(request, challenge, pk, decision_form=form, status=exc.status)
        messages.success(request, _("The decision was recorded."))
        return redirect("evaluation_admin:proposal", challenge.slug, proposal.pk)
    return _proposal_page(request, challenge, pk, decision_form=form, status=400)


@login_required
@require_POST
def send_feedback(request, slug: str):
    challenge = owner_challenge(request, slug, "evaluation.decide")
    try:
        count = services.decisions_send_feedback(actor=request.user, challenge=challenge)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Feedback was sent on %(count)s decision(s).") % {"count": count})
    return redirect("evaluation_admin:record", challenge.slug)
