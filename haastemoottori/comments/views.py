"""The public comments page of a challenge and the report form. Thin: parse, call services, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.core.page_cache import cache_public_page
from haastemoottori.organisations.models import Organisation
from haastemoottori.organisations.rules import member_organisation_ids

from . import selectors, services
from .forms import CommentForm, ReportForm
from .models import Comment, Section


def challenge_or_404(request, slug: str):
    challenge = selectors.challenge_for_comments(slug=slug, user=request.user)
    if challenge is None:
        raise Http404
    return challenge


def comment_or_404(challenge, pk: int) -> Comment:
    comment = get_object_or_404(Comment.objects.select_related("author"), pk=pk, challenge=challenge)
    comment.challenge = challenge
    return comment


def comment_url(challenge, comment) -> str:
    return f"{reverse('comments:list', args=[challenge.slug])}#comment-{comment.pk}"


def _organisations(user):
    if not user.is_authenticated:
        return None
    return Organisation.objects.filter(pk__in=member_organisation_ids(user)).order_by("slug")


def _page(request, challenge, *, form=None, status=200):
    user = request.user
    section = request.GET.get("section", "")
    if section and section not in Section.values:
        status = 400
        messages_error = _("Unknown part of the canvas.")
        section = ""
    else:
        messages_error = ""
    comments = list(selectors.comments_for_challenge(challenge=challenge))
    all_groups = selectors.group_by_section(comments)
    groups = [g for g in all_groups if not section or g.section == section]
    is_open = selectors.is_open(challenge)
    can_comment = is_open and user.has_perm("comments.add_comment", challenge)
    if can_comment and form is None:
        form = CommentForm(organisations=_organisations(user), initial={"section": section or Section.GENERAL})
    can_moderate = user.has_perm("comments.moderate_comment", challenge)
    return render(
        request,
        "comments/list.html",
        {
            "challenge": challenge,
            "groups": groups,
            "filters": [(g.section, len(g.comments)) for g in all_groups],
            "section": section,
            "section_error": messages_error,
            "total": sum(1 for c in comments if not c.is_hidden),
            "taken": sum(1 for c in comments if not c.is_hidden and c.is_taken_into_account),
            "is_open": is_open,
            "can_comment": can_comment,
            "form": form if can_comment else None,
            "can_moderate": can_moderate,
            "can_view_reports": can_moderate or user.has_perm("comments.view_reports", challenge),
            "reported_ids": selectors.reported_comment_ids(user=user, challenge=challenge),
            "report_reasons": ReportForm.base_fields["reason"].choices,
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@cache_public_page
def comment_list(request, slug: str):
    challenge = challenge_or_404(request, slug)
    if request.method != "POST":
        return _page(request, challenge)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = CommentForm(request.POST, organisations=_organisations(request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            comment = services.comment_create(
                actor=request.user,
                challenge=challenge,
                section=data["section"],
                text=data["text"],
                language=data["language"],
                organisation=data.get("organisation"),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            return _page(request, challenge, form=form, status=exc.status)
        messages.success(request, _("Thank you! Your comment was published."))
        return redirect(comment_url(challenge, comment))
    return _page(request, challenge, form=form, status=400)


@login_required
@require_POST
def comment_report_view(request, slug: str, pk: int):
    challenge = challenge_or_404(request, slug)
    comment = comment_or_404(challenge, pk)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.comment_report(actor=request.user, comment=comment, **form.cleaned_data)
        except ServiceError as exc:
            if exc.status == 403:
                raise PermissionDenied from exc
            add_service_error(form, exc)
            return action_page(request, challenge, comment, form, "report", status=exc.status)
        messages.success(request, _("Thank you. The owners of the challenge will look at the comment."))
        return redirect(comment_url(challenge, comment))
    return action_page(request, challenge, comment, form, "report", status=400)


ACTIONS = {
    "report": (gettext_lazy("Report a comment"), gettext_lazy("Report")),
    "take-into-account": (gettext_lazy("Mark as taken into account"), gettext_lazy("Save")),
    "hide": (gettext_lazy("Hide a comment"), gettext_lazy("Hide")),
    "resolve": (gettext_lazy("Handle a report"), gettext_lazy("Save")),
}


def action_page(request, challenge, comment, form, action: str, *, status: int, url_args=None):
    """A form that came back with errors, on its own page (the comments page shows it collapsed)."""
    title, submit = ACTIONS[action]
    return render(
        request,
        "comments/action.html",
        {
            "challenge": challenge,
            "comment": comment,
            "form": form,
            "title": title,
            "submit_label": submit,
            "action_url": reverse(f"comments:{action}", args=url_args or [challenge.slug, comment.pk]),
            "show_text": action != "report" or not comment.is_hidden,
        },
        status=status,
    )
