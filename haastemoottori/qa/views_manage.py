"""The owners' Q&A page: pending questions, answer and publish, merge, decline, clarify, deadline.

Every page works without JavaScript: each action is a plain POST that redirects back with a message; a
refused action renders the page again with the errors (400, or the service's status) and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.errors import ServiceError, ServiceValidationError
from haastemoottori.core.forms import add_service_error

from . import services
from .errors import ErrorCode
from .forms import ClarificationForm, DeadlineForm, DeclineForm, MergeForm, PublishForm
from .models import Question
from .selectors import (
    challenge_for_qa,
    questions_closing_time,
    questions_merge_targets,
    questions_open,
    questions_pending,
    questions_public,
)


def _managed_challenge(request, slug: str, *, act: bool = False):
    """404 unless the user may see the pending questions; 403 when they may see but not act."""
    challenge = challenge_for_qa(slug=slug)
    if challenge is None or not request.user.has_perm("qa.view_pending_questions", challenge):
        raise Http404
    if act and not request.user.has_perm("qa.answer_question", challenge):
        raise PermissionDenied
    return challenge


def _manage_page(request, challenge, *, bound: tuple[str, int | None, object] | None = None, status: int = 200):
    pending = list(questions_pending(challenge=challenge))
    targets = list(questions_merge_targets(challenge=challenge))
    bound_kind, bound_pk, bound_form = bound or ("", None, None)

    def form_for(kind, pk, factory):
        return bound_form if (bound_kind, bound_pk) == (kind, pk) else factory()

    items = [
        {
            "question": q,
            "publish": form_for("publish", q.pk, lambda q=q: PublishForm(prefix=f"p{q.pk}", question=q)),
            "merge": form_for("merge", q.pk, lambda q=q: MergeForm(prefix=f"m{q.pk}", question=q, targets=targets)),
            "decline": form_for("decline", q.pk, lambda q=q: DeclineForm(prefix=f"d{q.pk}")),
        }
        for q in pending
    ]
    deadline = challenge.questions_deadline
    return render(
        request,
        "qa/manage.html",
        {
            "challenge": challenge,
            "items": items,
            "published": list(questions_public(challenge=challenge)),
            "can_answer": request.user.has_perm("qa.answer_question", challenge),
            "clarification_form": form_for("clarify", None, lambda: ClarificationForm(prefix="c")),
            "deadline_form": form_for("deadline", None, lambda: DeadlineForm(initial={"questions_deadline": deadline})),
            "error_form": bound_form,
            "is_open": questions_open(challenge=challenge),
            "closes_at": questions_closing_time(challenge=challenge),
        },
        status=status,
    )


def _failed(request, challenge, kind, pk, form, exc: ServiceError | None = None):
    status = 400
    if exc is not None:
        add_service_error(form, exc)
        status = exc.status
    return _manage_page(request, challenge, bound=(kind, pk, form), status=status)


@login_required
def question_manage(request, slug: str):
    return _manage_page(request, _managed_challenge(request, slug))


def _pending_question(challenge, pk: int) -> Question:
    return get_object_or_404(Question, pk=pk, challenge=challenge, kind=Question.Kind.QUESTION)


@login_required
@require_POST
def question_publish_view(request, slug: str, pk: int):
    challenge = _managed_challenge(request, slug, act=True)
    question = _pending_question(challenge, pk)
    form = PublishForm(request.POST, prefix=f"p{pk}", question=question)
    if not form.is_valid():
        return _failed(request, challenge, "publish", pk, form)
    try:
        question = services.question_publish(
            actor=request.user,
            question=question,
            public_text=form.cleaned_data["public_text"],
            answer=form.translations(),
            original_language=form.cleaned_data["original_language"],
        )
    except ServiceError as exc:
        return _failed(request, challenge, "publish", pk, form, exc)
    messages.success(request, _("%(label)s was published with its answer.") % {"label": question.label})
    return redirect("qa:manage", slug)


@login_required
@require_POST
def question_merge_view(request, slug: str, pk: int):
    challenge = _managed_challenge(request, slug, act=True)
    question = _pending_question(challenge, pk)
    form = MergeForm(
        request.POST, prefix=f"m{pk}", question=question, targets=questions_merge_targets(challenge=challenge)
    )
    if not form.is_valid():
        return _failed(request, challenge, "merge", pk, form)
    target = Question.objects.filter(pk=form.cleaned_data["target"], challenge=challenge).first()
    try:
        if target is None:
            raise ServiceValidationError(
                ErrorCode.INVALID_TARGET,
                _("Choose another pending or published question of this challenge."),
                field="target",
            )
        services.question_merge(actor=request.user, question=question, target=target)
    except ServiceError as exc:
        return _failed(request, challenge, "merge", pk, form, exc)
    messages.success(request, _("The question was merged as a duplicate."))
    return redirect("qa:manage", slug)


@login_required
@require_POST
def question_decline_view(request, slug: str, pk: int):
    challenge = _managed_challenge(request, slug, act=True)
    question = _pending_question(challenge, pk)
    form = DeclineForm(request.POST, prefix=f"d{pk}")
    if not form.is_valid():
        return _failed(request, challenge, "decline", pk, form)
    try:
        services.question_decline(actor=request.user, question=question, reason=form.cleaned_data["reason"])
    except ServiceError as exc:
        return _failed(request, challenge, "decline", pk, form, exc)
    messages.success(request, _("The question was declined. Only its asker is told the reason."))
    return redirect("qa:manage", slug)


@login_required
@require_POST
def clarification_publish_view(request, slug: str):
    challenge = _managed_challenge(request, slug, act=True)
    form = ClarificationForm(request.POST, prefix="c")
    if not form.is_valid():
        return _failed(request, challenge, "clarify", None, form)
    try:
        item = services.clarification_publish(
            actor=request.user,
            challenge=challenge,
            text=form.translations(),
            original_language=form.cleaned_data["original_language"],
        )
    except ServiceError as exc:
        return _failed(request, challenge, "clarify", None, form, exc)
    messages.success(request, _("%(label)s was published.") % {"label": item.label})
    return redirect("qa:manage", slug)


@login_required
@require_POST
def questions_deadline_view(request, slug: str):
    challenge = _managed_challenge(request, slug)
    if not request.user.has_perm("qa.set_questions_deadline", challenge):
        raise PermissionDenied
    form = DeadlineForm(request.POST)
    if not form.is_valid():
        return _failed(request, challenge, "deadline", None, form)
    try:
        services.questions_deadline_set(
            actor=request.user, challenge=challenge, deadline=form.cleaned_data["questions_deadline"]
        )
    except ServiceError as exc:
        return _failed(request, challenge, "deadline", None, form, exc)
    messages.success(request, _("The questions deadline was saved."))
    return redirect("qa:manage", slug)
