"""The owners assign evaluators to submitted proposals (from the proposals list) and remove unused assignments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.proposals.forms import EvaluatorForm
from haastemoottori.proposals.views_call import owner_call, owner_list_render

from . import services
from .models import EvaluatorAssignment
from .views_owner import owner_challenge


@login_required
@require_POST
def evaluator_assign(request, slug: str):
    """The assignment form of the owners' proposal list (``calls:proposals``) posts here."""
    challenge, call = owner_call(request, slug)
    if not request.user.has_perm("proposals.assign_evaluators", challenge):
        raise PermissionDenied
    choices = call.proposals.submitted().values_list("pk", "title") if call else []
    form = EvaluatorForm(request.POST, proposals=choices)
    status = 400
    if form.is_valid() and call is not None:
        target = (
            call.proposals.submitted().filter(pk=form.cleaned_data["proposal"]).first()
            if form.cleaned_data["proposal"]
            else None
        )
        try:
            result = services.evaluator_assign(
                actor=request.user, challenge=challenge, email=form.cleaned_data["email"], proposal=target
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            status = exc.status
        else:
            _assign_messages(request, result, form.cleaned_data["email"])
            return redirect("calls:proposals", challenge.slug)
    return owner_list_render(request, challenge, call, form=form, status=status)


def _assign_messages(request, result, email: str) -> None:
    messages.success(request, _("Assignments added: %(n)d.") % {"n": len(result.created)})
    if result.already:
        messages.info(
            request,
            _("%(email)s was already assigned to %(n)d proposal(s).") % {"email": email, "n": len(result.already)},
        )
    for proposal, organisation in result.conflicts:
        messages.warning(
            request,
            _(
                "%(email)s was not assigned to “%(title)s”: they are a member of "
                "%(organisation)s, which made the proposal or is a partner in it."
            )
            % {"email": email, "title": proposal.title, "organisation": organisation},
        )


@login_required
@require_POST
def assignment_remove(request, slug: str, pk: int):
    challenge = owner_challenge(request, slug, "proposals.assign_evaluators")
    assignment = get_object_or_404(
        EvaluatorAssignment.objects.select_related("proposal__call__challenge", "evaluator"),
        pk=pk,
        proposal__call__challenge=challenge,
    )
    try:
        services.evaluator_unassign(actor=request.user, assignment=assignment)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _("%(email)s no longer evaluates “%(title)s”.")
            % {"email": assignment.evaluator.email, "title": assignment.proposal.title},
        )
    if request.POST.get("back") == "proposal":
        return redirect("evaluation_admin:proposal", challenge.slug, assignment.proposal_id)
    return redirect("evaluation_admin:overview", challenge.slug)
