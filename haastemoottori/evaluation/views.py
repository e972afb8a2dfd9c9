"""The evaluator's pages under /evaluation/: my assignments, declarations of interest, and scoring."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.concurrency import EditConflict
from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.core.i18n import current_language

from . import services
from .aggregation import DISAGREEMENT_THRESHOLD, proposal_result
from .forms import DeclarationForm, RelationshipForm, ScoreForm
from .rules import declaration_of, scoring_open
from .selectors import (
    assignment_for_user,
    assignment_state,
    assignments_for_user,
    evaluation_of,
    form_for_challenge,
    relationships_for_user,
)


@login_required
def my_assignments(request):
    assignments = assignments_for_user(user=request.user)
    return render(
        request,
        "evaluation/mine.html",
        {
            "rows": [
                {"assignment": a, "state": assignment_state(a), "declaration": declaration_of(a)} for a in assignments
            ]
        },
    )


def _assignment(request, pk: int):
    assignment = assignment_for_user(pk=pk, user=request.user)
    if assignment is None or assignment.proposal.status != "submitted":
        raise Http404
    if not request.user.has_perm("evaluation.view_assignment", assignment):
        raise PermissionDenied
    return assignment


def _page(request, assignment, *, declaration_form=None, score_form=None, status=200, conflict=None, token=None):
    challenge = assignment.proposal.call.challenge
    form = form_for_challenge(challenge=challenge)
    criteria = list(form.criteria.all()) if form else []
    evaluation = evaluation_of(assignment)
    state = assignment_state(assignment)
    can_score = state in ("cleared", "draft") and request.user.has_perm("evaluation.score", assignment)
    scores = {s.criterion_id: s for s in evaluation.scores.all()} if evaluation else {}
    context = {
        "assignment": assignment,
        "proposal": assignment.proposal,
        "challenge": challenge,
        "state": state,
        "criteria": criteria,
        "evaluation": evaluation,
        "can_score": can_score,
        "scoring_open": scoring_open(challenge),
        "disagreement_threshold": DISAGREEMENT_THRESHOLD,
        # The form carries the token of the scores it was opened on; a refused save offers the saved ones'.
        "edit_token": services.evaluation_token(evaluation) if token is None else token,
        "conflict": conflict,
    }
    if state == "pending":
        context["declaration_form"] = declaration_form or DeclarationForm()
    elif criteria:
        context["score_form"] = score_form or ScoreForm(criteria=criteria, scores=scores, disabled=not can_score)
    if state == "submitted":  # the aggregate only, never the other evaluators' individual scores
        proposal = assignment.proposal
        context["result"] = proposal_result(proposal, criteria, viewer=request.user)
    return render(request, "evaluation/assignment.html", context, status=status)


@login_required
def assignment_detail(request, pk: int):
    assignment = _assignment(request, pk)
    if request.method != "POST":
        return _page(request, assignment)
    form_obj = form_for_challenge(challenge=assignment.proposal.call.challenge)
    criteria = list(form_obj.criteria.all()) if form_obj else []
    form = ScoreForm(request.POST, criteria=criteria)
    token = request.POST.get("edit_token")
    if not form.is_valid():
        return _page(request, assignment, score_form=form, status=400, token=token)
    submit = request.POST.get("action") == "submit"
    try:
        services.evaluation_save(
            actor=request.user,
            assignment=assignment,
            values=form.values(),
            submit=submit,
            token=token,
        )
    except EditConflict as exc:
        return _page(request, assignment, score_form=form, status=exc.status, conflict=exc, token=exc.current_token)
    except ServiceError as exc:
        add_service_error(form, exc)
        return _page(request, assignment, score_form=form, status=exc.status, token=token)
    messages.success(request, _("Your evaluation was submitted.") if submit else _("Your draft was saved."))
    return redirect("evaluation:assignment", assignment.pk)


@login_required
@require_POST
def declare(request, pk: int):
    assignment = _assignment(request, pk)
    form = DeclarationForm(request.POST)
    if not form.is_valid():
        return _page(request, assignment, declaration_form=form, status=400)
    try:
        declaration = services.declaration_make(
            actor=request.user,
            assignment=assignment,
            has_conflict=form.cleaned_data["has_conflict"],
            description=form.cleaned_data["description"],
            business_ids=form.ids(),
            language=current_language(),
        )
    except ServiceError as exc:
        add_service_error(form, exc)
        # Read the assignment again: the page must show what is stored, not what the refused call touched.
        return _page(request, _assignment(request, pk), declaration_form=form, status=exc.status)
    if declaration.is_recused:
        messages.warning(
            request,
            _("You have been recused from evaluating this proposal: %(reason)s.")
            % {"reason": declaration.get_reason_display()},
        )
        return redirect("evaluation:mine")
    messages.success(request, _("You declared that you have no conflict of interest. You may now score."))
    return redirect("evaluation:assignment", assignment.pk)


@login_required
def relationships(request):
    form = RelationshipForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                _rel, recused = services.relationship_add(
                    actor=request.user,
                    business_id=form.cleaned_data["business_id"],
                    description=form.cleaned_data["description"],
                    language=current_language(),
                )
            except ServiceError as exc:
                add_service_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("The relationship was declared."))
                if recused:
                    messages.warning(
                        request,
                        _("You were recused from %(count)s proposal(s) because of it.") % {"count": len(recused)},
                    )
                return redirect("evaluation:relationships")
    return render(
        request,
        "evaluation/relationships.html",
        {"form": form, "relationships": relationships_for_user(user=request.user)},
        status=status,
    )
