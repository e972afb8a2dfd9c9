"""'Our organisation': its people, invitations and join requests. Thin views over services_members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.core.links import site_url

from . import services_members
from .forms import InvitationForm, JoinDecisionForm
from .models import Invitation, JoinRequest, Organisation
from .selectors import organisation_team


def base_url(request) -> str:
    """Where e-mailed links start: the configured site address, never the request's Host header."""
    return site_url()


def organisation_for(request, slug: str, perm: str) -> Organisation:
    """The organisation if the user may do ``perm`` on it: 404 when they may not even see it, else 403."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("organisations.view_organisation", organisation):
        raise Http404
    if not request.user.has_perm(perm, organisation):
        raise PermissionDenied
    return organisation


def _render_team(request, organisation: Organisation, *, invite_form=None, status: int = 200):
    user = request.user
    can_manage = user.has_perm("organisations.manage_members", organisation)
    team = organisation_team(organisation=organisation)
    if not can_manage:
        team = {"memberships": team["memberships"]}
    return render(
        request,
        "organisations/team.html",
        {
            "organisation": organisation,
            **team,
            "can_manage": can_manage,
            "can_edit_profile": user.has_perm("organisations.change_profile", organisation),
            "invite_form": invite_form or InvitationForm(),
            "invitation_days": services_members.INVITATION_DAYS,
        },
        status=status,
    )


@login_required
def team(request, slug: str):
    organisation = organisation_for(request, slug, "organisations.view_members")
    return _render_team(request, organisation)


@login_required
@require_POST
def invite(request, slug: str):
    organisation = organisation_for(request, slug, "organisations.manage_members")
    form = InvitationForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services_members.invitation_create(
                actor=request.user, organisation=organisation, base_url=base_url(request), **form.cleaned_data
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            status = exc.status
        else:
            messages.success(
                request, _("The invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("organisations:team", slug)
    return _render_team(request, organisation, invite_form=form, status=status)


@login_required
@require_POST
def invitation_revoke(request, slug: str, pk: int):
    organisation = organisation_for(request, slug, "organisations.manage_members")
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    try:
        services_members.invitation_revoke(actor=request.user, invitation=invitation)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email})
    return redirect("organisations:team", slug)


@login_required
@require_POST
def join_request_decide(request, slug: str, pk: int):
    organisation = organisation_for(request, slug, "organisations.manage_members")
    join_request = get_object_or_404(JoinRequest.objects.select_related("user"), pk=pk, organisation=organisation)
    form = JoinDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to approve or decline the request."))
        return redirect("organisations:team", slug)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services_members.join_request_decide(
            actor=request.user, join_request=join_request, approve=approve, base_url=base_url(request)
        )
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        person = join_request.user
        messages.success(
            request,
            (_("%(person)s is now a member.") if approve else _("The request of %(person)s was declined."))
            % {"person": person},
        )
    return redirect("organisations:team", slug)
