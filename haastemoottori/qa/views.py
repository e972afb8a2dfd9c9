"""The public Q&A log of a challenge, the ask form and the exports. Thin: selectors, services, render."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haastemoottori.core.csv_export import csv_download
from haastemoottori.core.errors import ServiceError
from haastemoottori.core.forms import add_service_error
from haastemoottori.core.page_cache import cache_public_page

from . import services
from .exports import CSV_COLUMNS, csv_rows, question_data
from .forms import AskForm
from .selectors import (
    challenge_for_qa,
    questions_closing_time,
    questions_of_asker,
    questions_open,
    questions_pending_count,
    questions_public,
)


def _public_challenge(slug: str):
    challenge = challenge_for_qa(slug=slug)
    if challenge is None or not challenge.is_public:
        raise Http404
    return challenge


def _log_context(request, challenge, form=None) -> dict:
    user = request.user
    can_ask = user.has_perm("qa.ask_question", challenge)
    is_open = questions_open(challenge=challenge)
    can_view_pending = user.has_perm("qa.view_pending_questions", challenge)
    return {
        "challenge": challenge,
        "questions": list(questions_public(challenge=challenge)),
        "mine": list(questions_of_asker(challenge=challenge, user=user)) if user.is_authenticated else [],
        "is_open": is_open,
        "closes_at": questions_closing_time(challenge=challenge),
        "can_ask": can_ask,
        "form": form or (AskForm(user=user) if can_ask and is_open else None),
        "can_view_pending": can_view_pending,
        "can_answer": user.has_perm("qa.answer_question", challenge),
        "pending_count": questions_pending_count(challenge=challenge) if can_view_pending else None,
    }


@cache_public_page
def question_log(request, slug: str):
    challenge = _public_challenge(slug)
    return render(request, "qa/log.html", _log_context(request, challenge))


@login_required
@require_POST
def question_ask_view(request, slug: str):
    challenge = _public_challenge(slug)
    form = AskForm(request.POST, user=request.user)
    status = 400
    if form.is_valid():
        try:
            services.question_ask(
                actor=request.user,
                challenge=challenge,
                text=form.cleaned_data["text"],
                language=form.cleaned_data["language"],
                asker_organisation=form.cleaned_data.get("asker_organisation"),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            status = exc.status
        else:
            messages.success(
                request,
                _(
                    "Your question was sent to the owners. You will be told when it is "
                    "answered; the answer is published to everyone at the same time."
                ),
            )
            return redirect(reverse("qa:log", args=[slug]) + "#your-questions")
    return render(request, "qa/log.html", _log_context(request, challenge, form=form), status=status)


def _export_items(request, challenge) -> list[dict]:
    base = request.build_absolute_uri(reverse("qa:log", args=[challenge.slug]))
    return [question_data(q, base_url=base) for q in questions_public(challenge=challenge)]


def question_export_csv(request, slug: str):
    challenge = _public_challenge(slug)
    response, writer = csv_download(f"{challenge.slug}-questions.csv", private=False)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(_export_items(request, challenge)))
    return response


def question_export_json(request, slug: str):
    challenge = _public_challenge(slug)
    body = {"challenge": challenge.slug, "questions": _export_items(request, challenge)}
    response = HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{challenge.slug}-questions.json"'
    return response
