"""Organisers' pages: create, edit and cancel events, the participant list and its CSV export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.csv_export import csv_download
from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error

from . import services
from .errors import ErrorCode
from .forms import CancelForm, EventForm
from .selectors import challenge_choices, event_participants, organiser_choices
from .views import _event_or_404


@login_required
def event_create_view(request):
    if not request.user.has_perm("events.add_event"):
        raise PermissionDenied
    organisers = organiser_choices(user=request.user)
    form = EventForm(
        request.POST if request.method == "POST" else None,
        organisers=organisers,
        challenges=challenge_choices(organisations=organisers),
        initial={"original_language": "fi"},
    )
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            event = services.event_create(
                actor=request.user,
                organiser=form.cleaned_data["organiser"],
                original_language=form.cleaned_data["original_language"],
                **values,
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The event was published."))
            return redirect("events:detail", event.slug)
    return render(
        request, "events/form.html", {"form": form, "event": None}, status=400 if form.is_bound and form.errors else 200
    )


def _managed_event(request, slug: str, perm: str = "events.manage_event"):
    event = _event_or_404(slug)
    if not request.user.has_perm(perm, event):
        raise PermissionDenied
    return event


def _not_editable(request, event, exc: ServiceError, status: int):
    """The edit page of an event that cannot be edited (cancelled): the reason instead of the forms."""
    return render(request, "events/form.html", {"event": event, "locked": exc.message}, status=status)


@login_required
def event_edit(request, slug: str):
    event = _managed_event(request, slug)
    bound = request.method == "POST"
    try:
        services.event_ensure_editable(event=event)
    except ServiceError as exc:
        return _not_editable(request, event, exc, exc.status if bound else 200)
    form = EventForm(
        request.POST if bound else None,
        initial=EventForm.initial_for(event),
        event=event,
        challenges=challenge_choices(organisations=[event.organiser]),
    )
    if bound and form.is_valid():
        try:
            services.event_update(actor=request.user, event=event, **form.values())
        except ServiceError as exc:
            if exc.code == ErrorCode.EVENT_CANCELLED:  # cancelled meanwhile
                return _not_editable(request, event, exc, exc.status)
            add_service_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("events:detail", event.slug)
    return render(
        request,
        "events/form.html",
        {"form": form, "event": event, "cancel_form": CancelForm()},
        status=400 if bound else 200,
    )


@login_required
@require_POST
def event_cancel_view(request, slug: str):
    event = _managed_event(request, slug)
    try:
        services.event_ensure_editable(event=event)
    except ServiceError as exc:
        return _not_editable(request, event, exc, exc.status)
    cancel_form = CancelForm(request.POST)
    status = 400
    if cancel_form.is_valid():
        try:
            services.event_cancel(actor=request.user, event=event, reason=cancel_form.cleaned_data["reason"])
        except ServiceError as exc:
            add_service_error(cancel_form, exc)
            status = exc.status
        else:
            messages.success(request, _("The event was cancelled and the participants were told."))
            return redirect("events:detail", event.slug)
    form = EventForm(
        initial=EventForm.initial_for(event), event=event, challenges=challenge_choices(organisations=[event.organiser])
    )
    return render(
        request, "events/form.html", {"form": form, "event": event, "cancel_form": cancel_form}, status=status
    )


@login_required
def event_participants_view(request, slug: str):
    event = _managed_event(request, slug, "events.view_participants")
    registrations = event_participants(event=event)
    return render(
        request,
        "events/participants.html",
        {
            "event": event,
            "registrations": registrations,
            "registered": sum(1 for r in registrations if r.status == "registered"),
            "waitlisted": sum(1 for r in registrations if r.status == "waitlisted"),
        },
    )


@login_required
def event_participants_csv(request, slug: str):
    event = _managed_event(request, slug, "events.view_participants")
    response, writer = csv_download(f"{event.slug}-participants.csv")
    writer.writerow(
        [_("Name"), _("E-mail"), _("Organisation"), _("Business ID"), _("Status"), _("Registered at"), _("Note")]
    )
    for r in event_participants(event=event):
        business_ids = getattr(r.organisation, "business_ids", []) if r.organisation else []
        writer.writerow(
            [
                r.user.full_name,
                r.user.email,
                str(r.organisation) if r.organisation else "",
                business_ids[0].identifier if business_ids else "",
                r.get_status_display(),
                timezone.localtime(r.queued_at).strftime("%Y-%m-%d %H:%M"),
                r.note,
            ]
        )
    return response
