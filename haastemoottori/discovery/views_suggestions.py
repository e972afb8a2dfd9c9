"""Pages for the matcher's suggestions: solvers for a challenge, challenges for a solver, similar drafts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.challenges.forms_canvas import STEP_NAMES, CanvasForm
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.csv_export import csv_download
from haastemoottori.core.errors import ServiceError
from haastemoottori.organisations.models import Organisation

from . import services
from .exports import COLUMNS, feedback_json, feedback_rows
from .forms_feedback import FeedbackForm
from .models import MatchFeedback
from .recommendations import challenges_for_solver, solvers_for_challenge
from .similar import similar_challenges, similar_text


def _verdicts(*, user, direction: str, **filters) -> dict[tuple[int, int], bool]:
    rows = MatchFeedback.objects.filter(user=user, direction=direction, **filters)
    return {(f.challenge_id, f.organisation_id): f.useful for f in rows}


@login_required
def solver_suggestions(request, slug: str):
    challenge = Challenge.objects.prefetch_related("ownerships", "themes").filter(slug=slug).first()
    if challenge is None or not request.user.has_perm("discovery.view_solver_suggestions", challenge):
        raise Http404
    suggestions = solvers_for_challenge(challenge=challenge, k=20)
    verdicts = _verdicts(user=request.user, direction=MatchFeedback.Direction.SOLVER_FOR_CHALLENGE, challenge=challenge)
    for s in suggestions:
        s.verdict = verdicts.get((challenge.pk, s.organisation.pk))
    return render(
        request,
        "discovery/solver_suggestions.html",
        {
            "challenge": challenge,
            "suggestions": suggestions,
            "direction": MatchFeedback.Direction.SOLVER_FOR_CHALLENGE,
        },
    )


@login_required
def challenge_suggestions(request, slug: str):
    organisation = Organisation.objects.filter(slug=slug).prefetch_related("themes", "cities_served").first()
    if organisation is None or not request.user.has_perm("discovery.view_challenge_suggestions", organisation):
        raise Http404
    suggestions = challenges_for_solver(organisation=organisation, k=20)
    verdicts = _verdicts(
        user=request.user, direction=MatchFeedback.Direction.CHALLENGE_FOR_SOLVER, organisation=organisation
    )
    for s in suggestions:
        s.verdict = verdicts.get((s.challenge.pk, organisation.pk))
    return render(
        request,
        "discovery/challenge_suggestions.html",
        {
            "organisation": organisation,
            "suggestions": suggestions,
            "direction": MatchFeedback.Direction.CHALLENGE_FOR_SOLVER,
        },
    )


@login_required
@require_POST
def feedback(request):
    form = FeedbackForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = "/"
    if not form.is_valid():
        messages.error(
            request,
            _("The rating could not be saved: %(error)s")
            % {"error": " ".join(e for errors in form.errors.values() for e in errors)},
        )
        return redirect(back)
    data = form.cleaned_data
    try:
        services.match_feedback_record(
            actor=request.user,
            challenge=data["challenge"],
            organisation=data["organisation"],
            direction=data["direction"],
            useful=data["useful"] == "yes",
            rank=data.get("rank"),
            score=data.get("score"),
        )
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Thank you: your rating helps the matching get better."))
    return redirect(back)


@login_required
@require_POST
def similar_preview(request, slug: str):
    """The similar-challenges panel for the edit form's unsaved title and summary (htmx); saves nothing."""
    challenge = Challenge.objects.filter(slug=slug).prefetch_related("ownerships").first()
    if challenge is None or not request.user.has_perm("challenges.change_challenge", challenge):
        raise Http404
    form = CanvasForm(
        request.POST,
        original_language=challenge.original_language,
        step=request.POST.get("step") if request.POST.get("step") in STEP_NAMES else None,
    )
    form.is_valid()
    values = form.preview_values()
    text = similar_text(challenge, values)
    return render(
        request,
        "discovery/_similar.html",
        {
            "similar": similar_challenges(text=text, language=challenge.original_language, challenge_id=challenge.pk),
            "panel": True,
        },
    )


@login_required
def feedback_export(request):
    """Every rating of a suggestion, for staff: CSV (default) or JSON (``?format=json``); no personal data."""
    if not request.user.has_perm("discovery.export_match_feedback"):
        raise Http404
    if request.GET.get("format") == "json":
        response = HttpResponse(feedback_json(), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="match-feedback.json"'
        response["Cache-Control"] = "private, no-store"
        return response
    response, writer = csv_download("match-feedback.csv")
    writer.writerow(COLUMNS)
    for row in feedback_rows():
        writer.writerow(row[c] for c in COLUMNS)
    return response
