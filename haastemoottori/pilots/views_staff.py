"""Staff pages of a pilot: create from a selected proposal, edit, KPIs and measurements, milestones, check-ins,
results. Every page works without JavaScript: plain POST, redirect and a message; bad input answers 400."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.challenges.selectors import challenge_get_visible
from haastemoottori.core.concurrency import EditConflict
from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.proposals.models import Proposal

from . import services
from .forms import CheckInForm, KPIForm, MeasurementForm, MilestoneForm, PilotForm, ResultsForm
from .models import Milestone, Pilot
from .selectors import kpi_rows, pilot_get_visible, pilots_for_challenge, selected_without_pilot


def _pilot(request, pk: int, perm: str):
    pilot = pilot_get_visible(pk=pk, user=request.user)
    if pilot is None:
        raise Http404
    if not request.user.has_perm(perm, pilot):
        raise PermissionDenied
    return pilot


def _cities(challenge):
    return [o.organisation for o in challenge.ownerships.all() if o.organisation.can_own_challenges]


@login_required
def challenge_pilots(request, slug: str):
    """The owners' list of a challenge's pilots and of the selected proposals that can become one."""
    challenge = challenge_get_visible(slug=slug, user=request.user)
    if challenge is None:
        raise Http404
    if not request.user.has_perm("pilots.manage_pilot", challenge):
        raise PermissionDenied
    return render(
        request,
        "pilots/challenge_pilots.html",
        {
            "challenge": challenge,
            "pilots": pilots_for_challenge(challenge=challenge),
            "selected": selected_without_pilot(challenge=challenge),
        },
    )


@login_required
def pilot_create_view(request, proposal_id):
    proposal = Proposal.objects.select_related("call__challenge", "lead").filter(pk=proposal_id).first()
    if proposal is None:
        raise Http404
    challenge = challenge_get_visible(slug=proposal.call.challenge.slug, user=request.user)
    if challenge is None or not request.user.has_perm("pilots.manage_pilot", challenge):
        raise Http404
    form = PilotForm(
        request.POST or None,
        original_language=proposal.language,
        cities=_cities(challenge),
        initial_texts={"title": {proposal.language: proposal.title}},
        initial={"platform": challenge.platform, "start_date": challenge.pilot_start, "end_date": challenge.pilot_end},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                pilot = services.pilot_create(actor=request.user, proposal=proposal, **form.values())
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The pilot was created."))
                return redirect("pilots:manage", pilot.pk)
        status = 400
    return render(
        request,
        "pilots/form.html",
        {
            "form": form,
            "challenge": challenge,
            "proposal": proposal,
            "heading": _("Start a pilot"),
            "submit_label": _("Create the pilot"),
        },
        status=status,
    )


@login_required
def pilot_edit(request, pk: int):
    pilot = _pilot(request, pk, "pilots.manage_pilot")
    cities = _cities(pilot.challenge)
    shares = {s.organisation_id: s.amount for s in pilot.budget_shares.all()}
    form = PilotForm(
        request.POST or None,
        original_language=pilot.original_language,
        cities=cities,
        with_status=pilot.status in (Pilot.Status.PLANNED, Pilot.Status.RUNNING),
        initial_texts={"title": pilot.title, "scope": pilot.scope},
        initial={
            "platform": pilot.platform,
            "location": pilot.location,
            "start_date": pilot.start_date,
            "end_date": pilot.end_date,
            "budget_total": pilot.budget_total,
            "status": pilot.status,
            **{f"share_{c.pk}": shares.get(c.pk) for c in cities},
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.pilot_update(actor=request.user, pilot=pilot, **form.values())
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The pilot was saved."))
                return redirect("pilots:manage", pilot.pk)
        status = 400
    return render(
        request,
        "pilots/form.html",
        {
            "form": form,
            "challenge": pilot.challenge,
            "pilot": pilot,
            "heading": _("Edit the pilot"),
            "submit_label": _("Save"),
        },
        status=status,
    )


def _manage(request, pilot, *, status=200, kpi_form=None, measurement_forms=None, milestone_form=None):
    forms_by_kpi = {kpi.pk: MeasurementForm(kpi=kpi) for kpi in pilot.kpis.all()}
    forms_by_kpi.update(measurement_forms or {})
    for kpi in pilot.kpis.all():  # the token of the values the form is opened with, unless a refusal set one
        form = forms_by_kpi[kpi.pk]
        form.edit_token = form.edit_token or services.measurement_token(kpi)
    return render(
        request,
        "pilots/manage.html",
        {
            "pilot": pilot,
            "kpis": [(kpi, progress, forms_by_kpi[kpi.pk]) for kpi, progress in kpi_rows(pilot)],
            "kpi_form": kpi_form or KPIForm(original_language=pilot.original_language),
            "milestone_form": milestone_form
            or MilestoneForm(original_language=pilot.original_language, window=services.milestone_window(pilot)),
            "milestones": list(pilot.milestones.all()),
        },
        status=status,
    )


@login_required
def pilot_manage(request, pk: int):
    return _manage(request, _pilot(request, pk, "pilots.manage_pilot"))


@login_required
@require_POST
def kpi_add_view(request, pk: int):
    pilot = _pilot(request, pk, "pilots.manage_pilot")
    form = KPIForm(request.POST, original_language=pilot.original_language)
    if form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("unit", "method", "baseline", "target", "direction", "is_co2e")}
        try:
            services.kpi_add(actor=request.user, pilot=pilot, name=form.translations("name"), **data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The KPI was added."))
            return redirect("pilots:manage", pilot.pk)
    return _manage(request, pilot, status=400, kpi_form=form)


@login_required
@require_POST
def measurement_add_view(request, pk: int, kpi_id: int):
    pilot = _pilot(request, pk, "pilots.manage_pilot")
    kpi = next((k for k in pilot.kpis.all() if k.pk == kpi_id), None)
    if kpi is None:
        raise Http404
    form = MeasurementForm(request.POST, kpi=kpi)
    form.edit_token = request.POST.get("edit_token")  # kept through a refusal for bad input
    if form.is_valid():
        try:
            services.measurement_record(
                actor=request.user, kpi=kpi, edit_token=request.POST.get("edit_token"), **form.cleaned_data
            )
        except EditConflict as exc:
            form.conflict, form.edit_token = exc, exc.current_token
            return _manage(request, pilot, status=exc.status, measurement_forms={kpi.pk: form})
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The measurement was recorded."))
            return redirect("pilots:manage", pilot.pk)
    return _manage(request, pilot, status=400, measurement_forms={kpi.pk: form})


@login_required
@require_POST
def milestone_add_view(request, pk: int):
    pilot = _pilot(request, pk, "pilots.manage_pilot")
    form = MilestoneForm(
        request.POST, original_language=pilot.original_language, window=services.milestone_window(pilot)
    )
    if form.is_valid():
        try:
            services.milestone_add(
                actor=request.user,
                pilot=pilot,
                title=form.translations("title"),
                due_date=form.cleaned_data["due_date"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The milestone was added."))
            return redirect("pilots:manage", pilot.pk)
    return _manage(request, pilot, status=400, milestone_form=form)


@login_required
@require_POST
def milestone_done_view(request, pk: int, milestone_id: int):
    pilot = _pilot(request, pk, "pilots.manage_pilot")
    milestone = get_object_or_404(Milestone, pk=milestone_id, pilot=pilot)
    milestone.pilot = pilot
    services.milestone_set_done(actor=request.user, milestone=milestone, done=request.POST.get("done") == "1")
    messages.success(request, _("The milestone was updated."))
    return redirect("pilots:manage", pilot.pk)


@login_required
def check_in_view(request, pk: int):
    pilot = _pilot(request, pk, "pilots.check_in")
    ended = pilot.status in (Pilot.Status.FINISHED, Pilot.Status.STOPPED)
    form = None if ended else CheckInForm(request.POST or None)
    status = 200
    if ended and request.method == "POST":
        status = 409  # the page says check-ins are closed; the service would refuse too
    elif request.method == "POST" and form is not None:
        if form.is_valid():
            try:
                services.check_in_create(actor=request.user, pilot=pilot, **form.cleaned_data)
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("Thank you, the check-in was saved."))
                return redirect("pilots:detail", pilot.pk)
        status = 400
    return render(
        request,
        "pilots/check_in.html",
        {"pilot": pilot, "form": form, "ended": ended, "check_ins": list(pilot.check_ins.all())},
        status=status,
    )


@login_required
def results_view(request, pk: int):
    pilot = _pilot(request, pk, "pilots.manage_pilot")
    form = ResultsForm(
        request.POST or None,
        pilot=pilot,
        ended_on=services.default_end_date(pilot),
        initial={"scale_up": pilot.scale_up, "scale_up_reasons": pilot.scale_up_reasons},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.pilot_finish(
                    actor=request.user,
                    pilot=pilot,
                    results=form.translations("results"),
                    lessons=form.translations("lessons"),
                    scale_up=form.cleaned_data["scale_up"],
                    scale_up_reasons=form.cleaned_data["scale_up_reasons"],
                    ended_on=form.cleaned_data["ended_on"],
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The results were recorded and the pilot is finished."))
                return redirect("pilots:detail", pilot.pk)
        status = 400
    return render(request, "pilots/results.html", {"pilot": pilot, "form": form}, status=status)
