"""Pilot requests on development platforms: ask to pilot, the request's page with its thread and the decision,
one's requests, and the platform's public calendar and iCal feed. Thin: forms, selectors and services.
Every page works without JavaScript: plain POST, redirect and a message; bad input answers 400 and changes nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.core.page_cache import cache_public_page
from haastemoottori.platforms.models import DevelopmentPlatform
from haastemoottori.proposals.models import Proposal

from . import services
from .forms_requests import ApproveForm, DeclineForm, PilotRequestForm, RequestMessageForm
from .request_ics import platform_calendar_response
from .rules import requesting_organisations
from .selectors_requests import (
    approved_on_platform,
    overlapping_requests,
    pilot_request_get_visible,
    pilot_requests_for,
    platform_pilots,
)


def _platform(slug: str) -> DevelopmentPlatform:
    platform = DevelopmentPlatform.objects.select_related("owner").filter(slug=slug).first()
    if platform is None:
        raise Http404
    return platform


def _request(request, request_id, perm: str | None = None):
    """The pilot request if the person may read it (else 404) and, when ``perm`` is given, act on it (else 404:
    the actions are refused alike whether the request exists or not)."""
    pilot_request = pilot_request_get_visible(pk=request_id, user=request.user)
    if pilot_request is None or (perm and not request.user.has_perm(perm, pilot_request)):
        raise Http404
    return pilot_request


@login_required
def request_create(request, slug: str):
    platform = _platform(slug)
    if not request.user.has_perm("pilots.request_pilot", platform):
        raise PermissionDenied
    organisations = requesting_organisations(request.user)
    proposals = list(
        Proposal.objects.filter(lead__in=organisations, status=Proposal.Status.SUBMITTED)
        .select_related("lead")
        .order_by("title")
    )
    form = PilotRequestForm(request.POST or None, organisations=organisations, proposals=proposals)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                pilot_request = services.pilot_request_submit(actor=request.user, platform=platform, **form.values())
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("Your request was sent to the platform's city."))
                return redirect("pilots:request-detail", pilot_request.pk)
        status = 400
    return render(request, "pilots/requests/form.html", {"platform": platform, "form": form}, status=status)


def _detail(request, pilot_request, *, status=200, **forms):
    user = request.user
    reviewer = user.has_perm("pilots.review_pilot_request", pilot_request)
    requester = user.has_perm("pilots.answer_pilot_request", pilot_request)
    undecided = pilot_request.is_undecided
    context = {
        "pilot_request": pilot_request,
        "platform": pilot_request.platform,
        "thread": list(pilot_request.messages.all()),
        "reviewer": reviewer,
        "requester_side": requester,
        "overlaps": overlapping_requests(pilot_request) if reviewer or requester else [],
        "can_withdraw": requester
        and (undecided or (pilot_request.status == "approved" and pilot_request.end_date >= timezone.localdate())),
    }
    if undecided and reviewer:
        context["ask_form"] = forms.get("ask_form") or RequestMessageForm()
        context["approve_form"] = forms.get("approve_form") or ApproveForm()
        context["decline_form"] = forms.get("decline_form") or DeclineForm()
    if undecided and requester:
        context["answer_form"] = forms.get("answer_form") or RequestMessageForm()
    return render(request, "pilots/requests/detail.html", context, status=status)


@login_required
def request_detail(request, request_id):
    return _detail(request, _request(request, request_id))


def _act(request, request_id, *, perm, form_class, form_key, call, done):
    pilot_request = _request(request, request_id, perm)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(pilot_request, form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("pilots:request-detail", pilot_request.pk)
    return _detail(request, pilot_request, status=400, **{form_key: form})


@login_required
@require_POST
def request_ask(request, request_id):
    return _act(
        request,
        request_id,
        perm="pilots.review_pilot_request",
        form_class=RequestMessageForm,
        form_key="ask_form",
        call=lambda r, d: services.pilot_request_ask(actor=request.user, request=r, body=d["body"]),
        done=_("Your question was sent to the requester."),
    )


@login_required
@require_POST
def request_answer(request, request_id):
    return _act(
        request,
        request_id,
        perm="pilots.answer_pilot_request",
        form_class=RequestMessageForm,
        form_key="answer_form",
        call=lambda r, d: services.pilot_request_answer(actor=request.user, request=r, body=d["body"]),
        done=_("Your answer was sent to the platform's city."),
    )


@login_required
@require_POST
def request_approve(request, request_id):
    return _act(
        request,
        request_id,
        perm="pilots.review_pilot_request",
        form_class=ApproveForm,
        form_key="approve_form",
        call=lambda r, d: services.pilot_request_approve(actor=request.user, request=r, conditions=d["conditions"]),
        done=_("The request was approved. The pilot shows on the platform's page and calendar."),
    )


@login_required
@require_POST
def request_decline(request, request_id):
    return _act(
        request,
        request_id,
        perm="pilots.review_pilot_request",
        form_class=DeclineForm,
        form_key="decline_form",
        call=lambda r, d: services.pilot_request_decline(actor=request.user, request=r, reason=d["reason"]),
        done=_("The request was declined."),
    )


@login_required
@require_POST
def request_withdraw(request, request_id):
    pilot_request = _request(request, request_id, "pilots.answer_pilot_request")
    try:
        services.pilot_request_withdraw(actor=request.user, request=pilot_request)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The request was withdrawn."))
    return redirect("pilots:request-detail", pilot_request.pk)


@login_required
def request_list(request):
    found = pilot_requests_for(user=request.user)
    return render(
        request,
        "pilots/requests/list.html",
        {"mine": found.mine, "to_review": found.to_review, "can_request": bool(requesting_organisations(request.user))},
    )


@cache_public_page
def platform_calendar(request, slug: str):
    platform = _platform(slug)
    return render(
        request,
        "pilots/requests/calendar.html",
        {"platform": platform, "pilots_here": platform_pilots(platform=platform)},
    )


def platform_feed(request, slug: str):
    platform = _platform(slug)
    return platform_calendar_response(
        approved_on_platform(platform=platform),
        request,
        platform=platform,
        name=_("Pilots: %(name)s") % {"name": platform},
    )
