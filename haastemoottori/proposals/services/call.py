"""The call configuration: texts, limits, evaluation criteria and questions (owners only)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.files import file_delete_on_commit
from haastemoottori.core.i18n import service_translations
from haastemoottori.core.page_cache import public_content_changed

from ..audit_actions import AuditAction
from ..deadline import deadline_passed
from ..errors import ErrorCode
from ..models import Call, CallCriterion, CallQuestion

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge

MAX_FILE_SIZE_LIMIT = 50 * 1024 * 1024


def call_ensure(*, challenge: Challenge) -> Call:
    """The challenge's call, created empty on first use (no state a person sees changes)."""
    call, _created = Call.objects.get_or_create(
        challenge=challenge, defaults={"original_language": challenge.original_language}
    )
    return call


def _check_configurable(actor: User, challenge: Challenge) -> None:
    if not actor.has_perm("proposals.configure_call", challenge):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You may not configure this call."))
    if not challenge.stage_info.editable or deadline_passed(challenge, timezone.now()):
        raise ServiceConflict(ErrorCode.CALL_CLOSED, _("The call can no longer be changed: its deadline has passed."))


def _translations(value: Any, label: Any) -> dict[str, str]:
    return service_translations(value, field=None, label=label, code=CommonCode.INVALID_TRANSLATIONS)


@transaction.atomic
def call_update(
    *,
    actor: User,
    challenge: Challenge,
    eligibility: dict[str, str],
    instructions: dict[str, str],
    max_file_size: int,
    max_files: int,
) -> Call:
    _check_configurable(actor, challenge)
    if not 1 <= max_file_size <= MAX_FILE_SIZE_LIMIT:
        raise ServiceValidationError(
            ErrorCode.MAX_FILE_SIZE,
            _("The largest attachment must be between 1 byte and 50 MB."),
            field="max_file_size",
        )
    if not 0 <= max_files <= 50:
        raise ServiceValidationError(ErrorCode.MAX_FILES, _("Allow at most 50 attachments."), field="max_files")
    call = call_ensure(challenge=challenge)
    new = {
        "eligibility": _translations(eligibility, _("Eligibility")),
        "instructions": _translations(instructions, _("Instructions")),
        "max_file_size": max_file_size,
        "max_files": max_files,
    }
    changes = {k: (getattr(call, k), v) for k, v in new.items() if getattr(call, k) != v}
    for key, value in new.items():
        setattr(call, key, value)
    call.updated_by = actor
    call.save()
    if changes:
        audit_record(actor=actor, action=AuditEvent.Action.UPDATED, target=call, changes=changes, is_public=True)
        public_content_changed()
    return call


@transaction.atomic
def criterion_add(
    *, actor: User, challenge: Challenge, name: dict[str, str], description: dict[str, str], weight: int, order: int = 0
) -> CallCriterion:
    _check_configurable(actor, challenge)
    call = call_ensure(challenge=challenge)
    name = _translations(name, _("Name"))
    if not name:
        raise ServiceValidationError(ErrorCode.NAME_MISSING, _("Give the criterion a name."), field="name")
    if not 0 <= weight <= 100:
        raise ServiceValidationError(ErrorCode.WEIGHT, _("The weight is a percentage from 0 to 100."), field="weight")
    criterion = CallCriterion.objects.create(
        call=call,
        name=name,
        description=_translations(description, ""),
        weight=weight,
        order=order,
        original_language=call.original_language,
    )
    audit_record(
        actor=actor, action=AuditAction.CRITERION_ADDED, target=call, data={"criterion": criterion.pk}, is_public=True
    )
    public_content_changed()
    return criterion


@transaction.atomic
def criterion_delete(*, actor: User, criterion: CallCriterion) -> None:
    _check_configurable(actor, criterion.call.challenge)
    audit_record(
        actor=actor,
        action=AuditAction.CRITERION_REMOVED,
        target=criterion.call,
        data={"criterion": str(criterion)},
        is_public=True,
    )
    criterion.delete()
    public_content_changed()


def _check_questions_changeable(call: Call) -> None:
    if call.proposals.filter(submitted_at__isnull=False).exists():
        raise ServiceConflict(
            ErrorCode.QUESTIONS_LOCKED,
            _("The questions can no longer be changed: a proposal has already been submitted."),
        )


def _question_values(call: Call, values: dict[str, Any]) -> dict[str, Any]:
    kind = values.get("kind", CallQuestion.Kind.TEXT)
    if kind not in CallQuestion.Kind.values:
        raise ServiceValidationError(ErrorCode.KIND, _("Choose the kind of answer."), field="kind")
    label = _translations(values.get("label"), _("Question"))
    if not label:
        raise ServiceValidationError(ErrorCode.LABEL_MISSING, _("Write the question."), field="label")
    choices = [_translations(c, _("Choice")) for c in values.get("choices") or []]
    choices = [c for c in choices if c]
    if kind == CallQuestion.Kind.CHOICE and len(choices) < 2:
        raise ServiceValidationError(
            ErrorCode.CHOICES, _("A choice question needs at least two choices."), field="choices"
        )
    min_value, max_value = values.get("min_value"), values.get("max_value")
    if min_value is not None and max_value is not None and Decimal(min_value) > Decimal(max_value):
        raise ServiceValidationError(
            ErrorCode.RANGE, _("The smallest number must not exceed the largest."), field="min_value"
        )
    return {
        "label": label,
        "help": _translations(values.get("help"), _("Help text")),
        "kind": kind,
        "required": bool(values.get("required")),
        "max_length": values.get("max_length"),
        "min_value": min_value,
        "max_value": max_value,
        "choices": choices if kind == CallQuestion.Kind.CHOICE else [],
        "max_files": max(1, int(values.get("max_files") or 1)),
        "confidential": bool(values.get("confidential")),
        "order": int(values.get("order") or 0),
    }


@transaction.atomic
def question_add(*, actor: User, challenge: Challenge, values: dict[str, Any]) -> CallQuestion:
    _check_configurable(actor, challenge)
    call = call_ensure(challenge=challenge)
    _check_questions_changeable(call)
    question = CallQuestion.objects.create(
        call=call, original_language=call.original_language, **_question_values(call, values)
    )
    audit_record(
        actor=actor, action=AuditAction.QUESTION_ADDED, target=call, data={"question": question.pk}, is_public=True
    )
    public_content_changed()
    return question


@transaction.atomic
def question_update(*, actor: User, question: CallQuestion, values: dict[str, Any]) -> CallQuestion:
    _check_configurable(actor, question.call.challenge)
    _check_questions_changeable(question.call)
    new = _question_values(question.call, values)
    changes = {k: (getattr(question, k), v) for k, v in new.items() if getattr(question, k) != v}
    for key, value in new.items():
        setattr(question, key, value)
    question.save()
    if changes:
        audit_record(
            actor=actor, action=AuditAction.QUESTION_CHANGED, target=question.call, changes=changes, is_public=True
        )
        public_content_changed()
    return question


@transaction.atomic
def question_delete(*, actor: User, question: CallQuestion) -> None:
    _check_configurable(actor, question.call.challenge)
    _check_questions_changeable(question.call)
    for attachment in question.attachments.all():
        file_delete_on_commit(attachment.file.storage, attachment.file.name)
    question.attachments.all().delete()
    audit_record(
        actor=actor,
        action=AuditAction.QUESTION_REMOVED,
        target=question.call,
        data={"question": str(question)},
        is_public=True,
    )
    question.delete()
    public_content_changed()
