"""The owners' side: moderation page, take into account, hide and unhide, reports, the CSV export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.csv_export import csv_download
from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error

from . import selectors, services
from .forms import HideForm, ResolveForm, TakeIntoAccountForm
from .models import CommentReport
from .views import action_page, challenge_or_404, comment_or_404, comment_url


def _back(request, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def _owners_challenge(request, slug: str, *, act: bool = False):
    """404 unless the user may see the moderation (like Q&A); 403 when they may see it but not act."""
    challenge = challenge_or_404(request, slug)
    if not request.user.has_perm("comments.view_reports", challenge):
        raise Http404
    if act and not request.user.has_perm("comments.moderate_comment", challenge):
        raise PermissionDenied
    return challenge


def _moderated(request, slug: str, pk: int):
    challenge = _owners_challenge(request, slug, act=True)
    return challenge, comment_or_404(challenge, pk)


def _run(request, challenge, comment, form, action: str, call, done: str):
    """Validate, call the service, and redirect; a refusal or bad input comes back as a 4xx page."""
    if form is not None and not form.is_valid():
        return action_page(request, challenge, comment, form, action, status=400)
    try:
        call(**(form.cleaned_data if form is not None else {}))
    except ServiceError as exc:
        if exc.status == 403:
            raise PermissionDenied from exc
        if form is None:
            messages.error(request, str(exc.message))
            return redirect(_back(request, comment_url(challenge, comment)))
        add_service_error(form, exc)
        return action_page(request, challenge, comment, form, action, status=exc.status)
    messages.success(request, done)
    return redirect(_back(request, comment_url(challenge, comment)))


@login_required
def moderation(request, slug: str):
    challenge = _owners_challenge(request, slug)
    return render(
        request,
        "comments/moderation.html",
        {
            "challenge": challenge,
            "reports": selectors.open_reports(challenge=challenge),
            "hidden": selectors.hidden_comments(challenge=challenge),
            "can_moderate": request.user.has_perm("comments.moderate_comment", challenge),
            "counts": selectors.comment_counts(challenge=challenge),
        },
    )


@login_required
@require_POST
def take_into_account(request, slug: str, pk: int):
    challenge, comment = _moderated(request, slug, pk)
    form = TakeIntoAccountForm(request.POST)
    return _run(
        request,
        challenge,
        comment,
        form,
        "take-into-account",
        lambda note: services.comment_take_into_account(actor=request.user, comment=comment, note=note),
        _("The comment is marked as taken into account."),
    )


@login_required
@require_POST
def undo_taken_into_account(request, slug: str, pk: int):
    challenge, comment = _moderated(request, slug, pk)
    return _run(
        request,
        challenge,
        comment,
        None,
        "take-into-account",
        lambda: services.comment_undo_taken_into_account(actor=request.user, comment=comment),
        _("The comment is no longer marked as taken into account."),
    )


@login_required
@require_POST
def hide(request, slug: str, pk: int):
    challenge, comment = _moderated(request, slug, pk)
    form = HideForm(request.POST)
    return _run(
        request,
        challenge,
        comment,
        form,
        "hide",
        lambda reason: services.comment_hide(actor=request.user, comment=comment, reason=reason),
        _("The comment is hidden. The reason is shown in its place."),
    )


@login_required
@require_POST
def unhide(request, slug: str, pk: int):
    challenge, comment = _moderated(request, slug, pk)
    return _run(
        request,
        challenge,
        comment,
        None,
        "hide",
        lambda: services.comment_unhide(actor=request.user, comment=comment),
        _("The comment is shown again."),
    )


@login_required
@require_POST
def resolve_report(request, slug: str, pk: int):
    challenge = _owners_challenge(request, slug, act=True)
    report = get_object_or_404(
        CommentReport.objects.select_related("comment", "comment__author"), pk=pk, comment__challenge=challenge
    )
    report.comment.challenge = challenge
    form = ResolveForm(request.POST)
    moderation_url = reverse("comments:moderation", args=[challenge.slug])
    if not form.is_valid():
        return action_page(
            request, challenge, report.comment, form, "resolve", status=400, url_args=[challenge.slug, report.pk]
        )
    try:
        services.report_resolve(actor=request.user, report=report, **form.cleaned_data)
    except ServiceError as exc:
        if exc.status == 403:
            raise PermissionDenied from exc
        add_service_error(form, exc)
        return action_page(
            request, challenge, report.comment, form, "resolve", status=exc.status, url_args=[challenge.slug, report.pk]
        )
    messages.success(request, _("The report was handled."))
    return redirect(moderation_url)


COLUMNS = [
    "id",
    "created_at",
    "section",
    "status",
    "author",
    "organisation",
    "language",
    "text",
    "hidden_reason",
    "taken_into_account_at",
    "owner_note",
    "open_reports",
]


@login_required
def comment_export(request, slug: str):
    """Every comment of the challenge as CSV for its owners (the text of hidden comments left out)."""
    challenge = _owners_challenge(request, slug)
    reports = selectors.open_report_counts(challenge=challenge)
    response, writer = csv_download(f"{challenge.slug}-comments.csv")
    writer.writerow(COLUMNS)
    for c in selectors.comments_for_challenge(challenge=challenge):
        writer.writerow(
            [
                c.pk,
                timezone.localtime(c.created_at).isoformat(),
                c.section,
                c.status,
                c.author_name,
                str(c.author_organisation) if c.author_organisation else "",
                c.language,
                "" if c.is_hidden else c.text,
                c.hidden_reason,
                timezone.localtime(c.taken_into_account_at).isoformat() if c.taken_into_account_at else "",
                c.owner_note,
                reports.get(c.pk, 0),
            ]
        )
    return response
