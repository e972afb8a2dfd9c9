"""Correcting mistakes on the pilot's staff pages: edit or delete a KPI or a milestone.

A delete is asked first (GET: a confirmation page with a POST form) and done on POST. Bad input answers 400,
a refusal (a KPI with measurements) 409 with the reason; nothing changes then.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error

from . import services
from .forms import KPIForm, MilestoneForm
from .models import KPI, Milestone
from .views_staff import _pilot


def _kpi(request, pk: int, kpi_id: int):
    pilot = _pilot(request, pk, "pilots.manage_pilot")
    kpi = get_object_or_404(KPI, pk=kpi_id, pilot=pilot)
    kpi.pilot = pilot
    return pilot, kpi


def _milestone(request, pk: int, milestone_id: int):
    pilot = _pilot(request, pk, "pilots.manage_pilot")
    milestone = get_object_or_404(Milestone, pk=milestone_id, pilot=pilot)
    milestone.pilot = pilot
    return pilot, milestone


@login_required
def kpi_edit(request, pk: int, kpi_id: int):
    pilot, kpi = _kpi(request, pk, kpi_id)
    form = KPIForm(request.POST or None, original_language=pilot.original_language, kpi=kpi)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {k: form.cleaned_data[k] for k in ("unit", "method", "baseline", "target", "direction", "is_co2e")}
            try:
                services.kpi_update(actor=request.user, kpi=kpi, name=form.translations("name"), **data)
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The KPI was saved."))
                return redirect("pilots:manage", pilot.pk)
        status = 400
    return render(
        request,
        "pilots/form.html",
        {
            "form": form,
            "pilot": pilot,
            "heading": _("Edit the KPI “%(name)s”") % {"name": kpi.t.name},
            "submit_label": _("Save the KPI"),
            "intro": _("The measurements stay as they are; the change is recorded in the pilot's history."),
        },
        status=status,
    )


@login_required
def kpi_delete(request, pk: int, kpi_id: int):
    pilot, kpi = _kpi(request, pk, kpi_id)
    name = kpi.t.name
    status, refusal = 200, services.kpi_delete_refusal(kpi)
    if refusal and request.method == "POST":
        status = 409
    elif request.method == "POST":
        try:
            services.kpi_delete(actor=request.user, kpi=kpi)
        except ServiceError as exc:
            status, refusal = exc.status, str(exc.message)
        else:
            messages.success(request, _("The KPI “%(name)s” was deleted.") % {"name": name})
            return redirect("pilots:manage", pilot.pk)
    return render(
        request,
        "pilots/confirm_delete.html",
        {
            "pilot": pilot,
            "heading": _("Delete the KPI “%(name)s”?") % {"name": name},
            "refusal": refusal,
            "explanation": _(
                "The KPI is removed from the pilot page and the open data. The deletion is recorded in "
                "the pilot's history."
            ),
            "submit_label": _("Delete the KPI “%(name)s”") % {"name": name},
        },
        status=status,
    )


@login_required
def milestone_edit(request, pk: int, milestone_id: int):
    pilot, milestone = _milestone(request, pk, milestone_id)
    form = MilestoneForm(
        request.POST or None,
        original_language=pilot.original_language,
        milestone=milestone,
        window=services.milestone_window(pilot),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.milestone_update(
                    actor=request.user,
                    milestone=milestone,
                    title=form.translations("title"),
                    due_date=form.cleaned_data["due_date"],
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The milestone was saved."))
                return redirect("pilots:manage", pilot.pk)
        status = 400
    return render(
        request,
        "pilots/form.html",
        {
            "form": form,
            "pilot": pilot,
            "heading": _("Edit the milestone “%(title)s”") % {"title": milestone.t.title},
            "submit_label": _("Save the milestone"),
        },
        status=status,
    )


@login_required
def milestone_delete(request, pk: int, milestone_id: int):
    pilot, milestone = _milestone(request, pk, milestone_id)
    title = milestone.t.title
    status, refusal = 200, ""
    if request.method == "POST":
        try:
            services.milestone_delete(actor=request.user, milestone=milestone)
        except ServiceError as exc:
            status, refusal = exc.status, str(exc.message)
        else:
            messages.success(request, _("The milestone “%(title)s” was deleted.") % {"title": title})
            return redirect("pilots:manage", pilot.pk)
    return render(
        request,
        "pilots/confirm_delete.html",
        {
            "pilot": pilot,
            "heading": _("Delete the milestone “%(title)s”?") % {"title": title},
            "refusal": refusal,
            "explanation": _(
                "The milestone is removed from the pilot page and the open data. The deletion is recorded "
                "in the pilot's history."
            ),
            "submit_label": _("Delete the milestone “%(title)s”") % {"title": title},
        },
        status=status,
    )
