"""Notification pages: the inbox, marking read, and e-mail settings per category. Thin."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error

from . import selectors, services
from .categories import CATEGORIES
from .forms import PreferencesForm
from .preferences import email_modes_for_user
from .unsubscribe import invalid_link_message, unsubscribe_token_user


@login_required
def inbox(request):
    paginator = Paginator(selectors.notifications_for_user(user=request.user), settings.LIST_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page, "notifications": page.object_list})


def _safe(request, target: str) -> bool:
    return bool(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def _in_request_language(request, url: str) -> str:
    """The stored link carries the recipient's profile language (/fi/...): go to the same page, with its
    #anchor, in the language the person is browsing in now. A link that does not resolve is kept as it is."""
    language = get_language_from_path(urlsplit(url).path)
    if not language:
        return url
    with translation.override(language):  # resolve the stored path under its own language prefix
        return translate_url(url, request.LANGUAGE_CODE)


def _back_to_inbox(request) -> str:
    url = reverse("notifications:inbox")
    page = request.POST.get("page") or ""
    return f"{url}?page={page}" if page.isdigit() and page != "1" else url


@login_required
@require_POST
def mark_read(request, pk: int):
    """Mark read; with ``next=go`` (the "Open" button) go on to the notification's link."""
    notification = selectors.notification_for_user(user=request.user, pk=pk)
    if notification is None:
        raise Http404
    try:
        services.notification_mark_read(actor=request.user, notification=notification)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
        return redirect(_back_to_inbox(request))
    if request.POST.get("next") == "go" and _safe(request, notification.url):
        return redirect(_in_request_language(request, notification.url))
    messages.success(request, _("Marked as read: %(subject)s") % {"subject": notification.subject})
    return redirect(_back_to_inbox(request))


@login_required
@require_POST
def mark_all_read(request):
    try:
        count = services.notification_mark_all_read(actor=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request, _("All notifications are marked as read.") if count else _("You had no unread notifications.")
        )
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    # An empty POST is still a bound form (required fields missing: 400), not a fresh GET page.
    form = PreferencesForm(
        request.POST if request.method == "POST" else None, initial=email_modes_for_user(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.notification_preferences_set(actor=request.user, modes=form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:settings")
    status = 400 if form.is_bound and form.errors else 200
    fields = [form[category] for category in CATEGORIES]
    return render(request, "notifications/settings.html", {"form": form, "fields": fields}, status=status)


@csrf_exempt  # the signed token is the credential; mail clients POST here without a form (RFC 8058)
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    """GET shows one confirm button (link scanners only GET or HEAD); POST stops the digest e-mails at once."""
    if request.method == "POST":
        try:
            subscriber = services.notification_digest_unsubscribe(token=token)
        except ServiceError as exc:
            return render(request, "notifications/unsubscribe.html", {"error": exc.message}, status=400)
        return render(request, "notifications/unsubscribe.html", {"done": True, "subscriber": subscriber})
    user = unsubscribe_token_user(token)
    if user is None:
        return render(request, "notifications/unsubscribe.html", {"error": invalid_link_message()}, status=400)
    return render(request, "notifications/unsubscribe.html", {"subscriber": user})
