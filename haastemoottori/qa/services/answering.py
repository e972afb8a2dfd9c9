"""The owners' side: answer and publish, publish a clarification, merge a duplicate, decline."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import ServiceConflict, ServiceValidationError
from haastemoottori.core.i18n import service_translations
from haastemoottori.core.page_cache import public_content_changed

from ..errors import ErrorCode
from ..models import Question
from ..selectors import challenge_followers
from .common import clean_language, clean_text, notify, require_perm

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User


def _lock(question: Question) -> tuple[Challenge, Question]:
    """Lock the challenge (numbers are given under it) and then the question, fresh from the database."""
    challenge = Challenge.objects.select_for_update().get(pk=question.challenge_id)
    question = Question.objects.select_for_update().get(pk=question.pk)
    question.challenge = challenge
    return challenge, question


def _require_answerer(actor: User, challenge: Challenge) -> None:
    require_perm(
        actor, "qa.answer_question", challenge, _("Only the owners of this challenge can answer its questions.")
    )


def _require_pending(question: Question) -> None:
    if question.status == Question.Status.PUBLISHED:
        raise ServiceConflict(ErrorCode.ALREADY_PUBLISHED, _("This question has already been published."))
    if question.status != Question.Status.PENDING:
        raise ServiceConflict(ErrorCode.NOT_PENDING, _("This question is no longer waiting for an answer."))


def _clean_answer(answer: Any, original_language: str) -> dict[str, str]:
    original_language = clean_language(original_language, field="original_language")
    cleaned = service_translations(answer, field="answer", label=_("Answer"), code=ErrorCode.INVALID_ANSWER)
    if not cleaned.get(original_language):
        raise ServiceValidationError(
            ErrorCode.ANSWER_MISSING, _("Write the answer in its original language."), field="answer"
        )
    for text in cleaned.values():
        clean_text(text, field="answer")
    return cleaned


def _next_number(challenge: Challenge) -> int:
    return (Question.objects.filter(challenge=challenge).aggregate(m=Max("number"))["m"] or 0) + 1


@transaction.atomic
def question_publish(
    *,
    actor: User,
    question: Question,
    public_text: str,
    answer: dict[str, Any],
    original_language: str,
    now: datetime | None = None,
) -> Question:
    """Publish a question (in its public wording) with its answer: everyone sees it at the same moment.

    The followers of the challenge, the asker and the askers of merged duplicates are notified once each.
    """
    now = now or timezone.now()
    challenge, question = _lock(question)
    _require_answerer(actor, challenge)
    _require_pending(question)
    public_text = clean_text(public_text, field="public_text")
    answer = _clean_answer(answer, original_language)
    question.public_text = public_text
    question.answer = answer
    question.original_language = original_language
    question.status = Question.Status.PUBLISHED
    question.number = _next_number(challenge)
    question.published_at = now
    question.answered_by = actor
    question.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=question,
        changes={"status": (Question.Status.PENDING, Question.Status.PUBLISHED), "number": (None, question.number)},
        data={"challenge": challenge.slug, "event": "published"},
        is_public=True,
    )
    duplicates = list(question.duplicates.filter(status=Question.Status.MERGED).select_related("asker"))
    askers = [q.asker for q in [question, *duplicates] if q.asker is not None]
    notify(
        recipients=[*askers, *challenge_followers(challenge=challenge)],
        kind="qa.answer_published",
        template="answer_published",
        challenge=challenge,
        question=question,
        extra={"asker_ids": {u.pk for u in askers}},
    )
    public_content_changed()
    return question


@transaction.atomic
def clarification_publish(
    *, actor: User, challenge: Challenge, text: dict[str, Any], original_language: str, now: datetime | None = None
) -> Question:
    """Publish information for everyone without a question (e.g. a correction to the call)."""
    now = now or timezone.now()
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    _require_answerer(actor, challenge)
    if not challenge.is_public:
        raise ServiceConflict(ErrorCode.NOT_PUBLIC, _("Publish the challenge first."))
    text = _clean_answer(text, original_language)
    clarification = Question.objects.create(
        challenge=challenge,
        kind=Question.Kind.CLARIFICATION,
        language=original_language,
        answer=text,
        original_language=original_language,
        status=Question.Status.PUBLISHED,
        number=_next_number(challenge),
        published_at=now,
        answered_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        target=clarification,
        changes={"number": (None, clarification.number)},
        data={"challenge": challenge.slug, "kind": clarification.kind},
        is_public=True,
    )
    notify(
        recipients=challenge_followers(challenge=challenge),
        kind="qa.clarification_published",
        template="clarification_published",
        challenge=challenge,
        question=clarification,
    )
    public_content_changed()
    return clarification


@transaction.atomic
def question_merge(*, actor: User, question: Question, target: Question) -> Question:
    """Mark a pending question as a duplicate of another (pending or published) question of the challenge.

    Its asker is told when the target is answered, or now when the target has been published already.
    """
    challenge, question = _lock(question)
    _require_answerer(actor, challenge)
    _require_pending(question)
    locked = Question.objects.select_for_update().filter(pk=target.pk, challenge=challenge).first()
    if (
        locked is None
        or locked.pk == question.pk
        or locked.status not in (Question.Status.PENDING, Question.Status.PUBLISHED)
    ):
        raise ServiceValidationError(
            ErrorCode.INVALID_TARGET,
            _("Choose another pending or published question of this challenge."),
            field="target",
        )
    target = locked
    question.status = Question.Status.MERGED
    question.merged_into = target
    question.save(update_fields=["status", "merged_into", "updated_at"])
    # Duplicates of this question follow it to the target.
    moved = list(question.duplicates.values_list("pk", flat=True))
    question.duplicates.update(merged_into=target)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=question,
        changes={"status": (Question.Status.PENDING, Question.Status.MERGED), "merged_into": (None, target.pk)},
        data={"challenge": challenge.slug, "event": "merged", "moved_duplicates": moved},
    )
    if target.is_published:
        askers = [question.asker, *[q.asker for q in Question.objects.filter(pk__in=moved).select_related("asker")]]
        notify(
            recipients=[a for a in askers if a is not None],
            kind="qa.answer_published",
            template="merged_answered",
            challenge=challenge,
            question=target,
        )
    return question


@transaction.atomic
def question_decline(*, actor: User, question: Question, reason: str) -> Question:
    """Decline a pending question with a reason that only its asker is told (nothing is published).

    Questions merged into it go back to waiting for an answer.
    """
    challenge, question = _lock(question)
    _require_answerer(actor, challenge)
    _require_pending(question)
    reason = clean_text(reason, field="reason", max_length=2000)
    question.status = Question.Status.DECLINED
    question.decline_reason = reason
    question.save(update_fields=["status", "decline_reason", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=question,
        changes={"status": (Question.Status.PENDING, Question.Status.DECLINED)},
        data={"challenge": challenge.slug, "event": "declined"},
    )
    for duplicate in Question.objects.select_for_update().filter(merged_into=question):
        duplicate.status = Question.Status.PENDING
        duplicate.merged_into = None
        duplicate.save(update_fields=["status", "merged_into", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATED,
            target=duplicate,
            changes={"status": (Question.Status.MERGED, Question.Status.PENDING)},
            data={"challenge": challenge.slug, "event": "unmerged"},
        )
    if question.asker is not None:
        notify(
            recipients=[question.asker],
            kind="qa.question_declined",
            template="question_declined",
            challenge=challenge,
            question=question,
            extra={"reason": reason},
        )
    return question
