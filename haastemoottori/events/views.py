"""Public event pages and registration. Thin: parse input, call selectors and services, render."""

import json
from datetime import UTC
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.accounts.services import signed_links_renew
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import ServiceError
from haastemoottori.core.i18n import language_name
from haastemoottori.core.page_cache import cache_public_page
from haastemoottori.core.share import share_card
from haastemoottori.organisations.models import Organisation
from haastemoottori.organisations.rules import member_organisation_ids

from . import services
from .forms import EventFilterForm, RegistrationForm
from .ics import FEED_SALT, absolute_url, base_url, calendar_response, user_feed_token, user_from_feed_token
from .jsonld import event_jsonld
from .models import Event, Registration
from .selectors import (
    EventFilters,
    event_get_visible,
    event_list_public,
    event_seat_counts,
    events_for_feed,
    events_organised_by,
    registered_event_ids,
    registration_for,
    registrations_of_user,
)
from .services.registrations import waitlist_position


@cache_public_page
def event_list(request):
    form = EventFilterForm(request.GET or None)
    filters = form.to_filters() if form.is_bound else EventFilters()
    paginator = Paginator(event_list_public(filters=filters), settings.LIST_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    challenge = None
    if filters.challenge:
        challenge = (
            Challenge.objects.public().filter(slug=filters.challenge).only("slug", "title", "original_language").first()
        )
    return render(
        request,
        "events/list.html",
        {
            "form": form,
            "page": page,
            "paginator": paginator,
            "query": query.urlencode(),
            "filters": filters,
            "challenge": challenge,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _registration_form(request, data=None):
    organisations = []
    if request.user.is_authenticated:
        organisations = list(
            Organisation.objects.filter(pk__in=member_organisation_ids(request.user))
            .only("pk", "name", "original_language")
            .order_by("slug")
        )
    return RegistrationForm(data, organisations=organisations)


def _google_calendar_url(event: Event, url: str) -> str:
    fmt = "%Y%m%dT%H%M%SZ"
    return "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": event.t.title.text,
            "dates": f"{event.starts_at.astimezone(UTC):{fmt}}/{event.ends_at.astimezone(UTC):{fmt}}",
            "details": url,
            "location": event.location or (_("Online") if event.online_url else ""),
        }
    )


def _detail_context(request, event: Event, **extra) -> dict:
    user = request.user
    seats = event_seat_counts(event=event)
    registration = registration_for(user=user, event=event)
    active = registration is not None and registration.is_active
    base = base_url(request)
    can_manage = user.has_perm("events.manage_event", event)
    url = absolute_url(request, reverse("events:detail", args=[event.slug]))
    return {
        "event": event,
        "event_language": language_name(event.language),
        "challenges": list(event.challenges.all()),
        "seats": seats,
        "registration": registration if active else None,
        "position": waitlist_position(registration) if active and registration is not None else None,
        "can_register": not active and event.registration_open() and user.has_perm("events.register", event),
        "can_cancel_registration": active and not event.has_started() and not event.is_cancelled,
        "form": extra.pop("form", None) or (_registration_form(request) if user.is_authenticated else None),
        "can_manage": can_manage,
        # The online link is sent to registered people: only they (not the waiting list) and organisers see it.
        "show_online_link": bool(event.online_url)
        and (
            can_manage
            or (active and registration is not None and registration.status == Registration.Status.REGISTERED)
        ),
        "can_view_participants": user.has_perm("events.view_participants", event),
        "google_url": _google_calendar_url(event, url),
        # Every visible event is public (a cancelled one stays, marked): its link preview, the organiser's logo.
        "share": share_card(
            request, title=event.t.title, description=event.t.description, image=event.organiser.logo or None
        ),
        "jsonld": json.dumps(
            event_jsonld(event, request, base=base, seats_left=seats["left"]), ensure_ascii=False
        ).replace("</", "<\\/"),
        **extra,
    }


def _event_or_404(slug: str) -> Event:
    event = event_get_visible(slug=slug)
    if event is None:
        raise Http404
    return event


@cache_public_page
def event_detail(request, slug: str):
    event = _event_or_404(slug)
    return render(request, "events/detail.html", _detail_context(request, event))


@login_required
@require_POST
def event_register(request, slug: str):
    event = _event_or_404(slug)
    form = _registration_form(request, request.POST)
    status = 400
    if form.is_valid():
        try:
            registration = services.registration_create(
                actor=request.user, event=event, organisation=form.chosen_organisation(), note=form.cleaned_data["note"]
            )
        except ServiceError as exc:
            status = exc.status
            if exc.field in form.fields:
                form.add_error(exc.field, str(exc.message))
            else:
                return render(
                    request,
                    "events/detail.html",
                    _detail_context(request, event, form=form, error=exc.message),
                    status=status,
                )
        else:
            if registration.status == Registration.Status.REGISTERED:
                messages.success(request, _("You have registered for the event."))
            else:
                messages.info(request, _("The event is full: you are on the waiting list."))
            return redirect("events:detail", event.slug)
    return render(request, "events/detail.html", _detail_context(request, event, form=form), status=status)


@login_required
@require_POST
def event_unregister(request, slug: str):
    event = _event_or_404(slug)
    try:
        services.registration_cancel(actor=request.user, event=event)
    except ServiceError as exc:
        return render(
            request, "events/detail.html", _detail_context(request, event, error=exc.message), status=exc.status
        )
    messages.success(request, _("Your registration was cancelled."))
    return redirect("events:detail", event.slug)


@login_required
@require_POST
def my_feed_renew(request):
    """A new address for the person's calendar feed; the old one stops working (e.g. after sharing it)."""
    signed_links_renew(actor=request.user, purpose=FEED_SALT)
    messages.success(request, _("Your calendar address was renewed. The old address no longer works."))
    return redirect(f"{reverse('events:my')}#feed-title")


@login_required
def my_events(request):
    registrations = list(registrations_of_user(user=request.user))
    now = timezone.now()
    feed = absolute_url(request, reverse("events:my-feed", args=[user_feed_token(request.user)]))
    organised_upcoming, organised_past = events_organised_by(user=request.user)
    return render(
        request,
        "events/my.html",
        {
            "organised_upcoming": organised_upcoming,
            "organised_past": organised_past,
            "can_add": request.user.has_perm("events.add_event"),
            "upcoming": [r for r in registrations if r.event.ends_at > now],
            "past": [r for r in registrations if r.event.ends_at <= now][::-1],
            "feed_url": feed,
        },
    )


def event_ics(request, slug: str):
    event = _event_or_404(slug)
    return calendar_response([event], request, name=str(event), filename=f"{event.slug}.ics")


def challenge_ics(request, slug: str):
    challenge = get_object_or_404(Challenge.objects.public(), slug=slug)
    return calendar_response(
        events_for_feed(challenge=challenge),
        request,
        name=_("Events: %(name)s") % {"name": challenge},
        filename=f"{challenge.slug}.ics",
    )


def organisation_ics(request, slug: str):
    organisation = get_object_or_404(Organisation.objects.owners(), slug=slug)
    return calendar_response(
        events_for_feed(organisation=organisation),
        request,
        name=_("Events: %(name)s") % {"name": organisation},
        filename=f"{organisation.slug}.ics",
    )


def my_ics(request, token: str):
    user = user_from_feed_token(token)
    if user is None:
        raise Http404
    response = calendar_response(
        events_for_feed(user=user),
        request,
        name=_("My events"),
        filename="my-events.ics",
        online_link_for=registered_event_ids(user=user),
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
