"""The evaluation form of a call: criteria, prefilled from the call's published criteria."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServiceValidationError
from haastemoottori.core.i18n import language_codes, language_name, service_translations
from haastemoottori.proposals.services.call import call_ensure

from ..audit_actions import AuditAction
from ..errors import ErrorCode
from ..models import EvaluationCriterion, EvaluationForm
from .common import require

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge


def evaluation_form_ensure(*, challenge: Challenge, actor: User | None = None) -> EvaluationForm:
    call = call_ensure(challenge=challenge)
    form, _created = EvaluationForm.objects.get_or_create(call=call, defaults={"created_by": actor})
    return form


def _configurable(actor: User, challenge: Challenge) -> EvaluationForm:
    require(actor, "evaluation.configure_form", challenge, _("You may not configure the evaluation form."))
    form = evaluation_form_ensure(challenge=challenge, actor=actor)
    form = EvaluationForm.objects.select_for_update().get(pk=form.pk)
    if form.is_locked:
        raise ServiceConflict(
            ErrorCode.FORM_LOCKED, _("An evaluation has been submitted, so the form can no longer be changed.")
        )
    return form


def _translations(value: Any, *, field: str, label: Any, required_language: str | None = None) -> dict[str, str]:
    cleaned = service_translations(value, field=field, label=label, code=CommonCode.INVALID_TRANSLATIONS)
    if required_language and not cleaned.get(required_language):
        raise ServiceValidationError(
            ErrorCode.REQUIRED, _("Write the text at least in the original language."), field=field
        )
    return cleaned


def _check_label_counts(labels: list[dict[str, str]]) -> None:
    """Every language used for the rating labels has a label for every position (else a page in one language
    would mix in labels of another)."""
    counts = {code: sum(1 for label in labels if label.get(code)) for code in language_codes()}
    counts = {code: n for code, n in counts.items() if n}
    if len(set(counts.values())) > 1:
        raise ServiceValidationError(
            ErrorCode.LABELS_COUNT,
            _("Give the same number of rating labels in every language you use (now: %(counts)s).")
            % {"counts": ", ".join(f"{language_name(code)} {n}" for code, n in counts.items())},
            field="labels",
        )


@transaction.atomic
def criterion_add(
    *,
    actor: User,
    challenge: Challenge,
    name: dict[str, str],
    description: dict[str, str] | None = None,
    weight: int,
    scale: str = EvaluationCriterion.Scale.NUMERIC,
    scale_min: Decimal | None = None,
    scale_max: Decimal | None = None,
    labels: list[dict[str, str]] | None = None,
    threshold: Decimal | None = None,
    comment_required: bool = False,
    order: int | None = None,
) -> EvaluationCriterion:
    form = _configurable(actor, challenge)
    language = challenge.original_language
    name = _translations(name, field="name", label=_("Criterion"), required_language=language)
    description = _translations(description, field="description", label=_("Description"))
    if scale not in EvaluationCriterion.Scale.values:
        raise ServiceValidationError(ErrorCode.UNKNOWN_SCALE, _("Choose a scale from the list."), field="scale")
    if weight is None or not 0 <= int(weight) <= 100:
        raise ServiceValidationError(ErrorCode.WEIGHT, _("The weight is a whole number from 0 to 100."), field="weight")
    criterion = EvaluationCriterion(
        form=form,
        original_language=language,
        name=name,
        description=description,
        weight=int(weight),
        scale=scale,
        comment_required=bool(comment_required),
        order=order if order is not None else form.criteria.count() + 1,
    )
    if scale == EvaluationCriterion.Scale.NUMERIC:
        low = Decimal(0) if scale_min is None else Decimal(scale_min)
        high = Decimal(5) if scale_max is None else Decimal(scale_max)
        if low >= high:
            raise ServiceValidationError(
                ErrorCode.RANGE, _("The largest value must be greater than the smallest."), field="scale_max"
            )
        criterion.scale_min, criterion.scale_max = low, high
    elif scale == EvaluationCriterion.Scale.RATING:
        cleaned = [_translations(label, field="labels", label=_("Rating labels")) for label in labels or []]
        cleaned = [label for label in cleaned if label]
        if len(cleaned) < 2:
            raise ServiceValidationError(ErrorCode.LABELS, _("A rating needs at least two labels."), field="labels")
        _check_label_counts(cleaned)
        criterion.labels = cleaned
    if threshold is not None:
        if not criterion.low <= Decimal(threshold) <= criterion.high:
            raise ServiceValidationError(
                ErrorCode.THRESHOLD, _("The minimum must be on the criterion's scale."), field="threshold"
            )
        criterion.threshold = Decimal(threshold)
    criterion.save()
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_CRITERION_ADDED,
        target=criterion,
        data={"challenge": challenge.slug, "weight": criterion.weight, "scale": scale},
    )
    return criterion


@transaction.atomic
def criterion_delete(*, actor: User, challenge: Challenge, criterion: EvaluationCriterion) -> None:
    form = _configurable(actor, challenge)
    if criterion.form_id != form.pk:
        raise ServiceValidationError(ErrorCode.NOT_FOUND, _("The criterion is not part of this form."))
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_CRITERION_DELETED,
        target=criterion,
        data={"challenge": challenge.slug},
    )
    criterion.delete()


@transaction.atomic
def form_prefill(*, actor: User, challenge: Challenge) -> list[EvaluationCriterion]:
    """Copy the call's criteria (name, description, weight) that are not on the form yet; numeric scale 0–5."""
    form = _configurable(actor, challenge)
    copied = set(form.criteria.exclude(source=None).values_list("source_id", flat=True))
    start = form.criteria.count()
    created = []
    for offset, source in enumerate(c for c in form.call.criteria.all() if c.pk not in copied):
        created.append(
            EvaluationCriterion.objects.create(
                form=form,
                source=source,
                original_language=source.original_language,
                name=source.name,
                description=source.description,
                weight=source.weight,
                order=start + offset + 1,
            )
        )
    if created:
        audit_record(
            actor=actor,
            action=AuditAction.EVALUATION_FORM_PREFILLED,
            target=form,
            data={"challenge": challenge.slug, "criteria": [str(c) for c in created]},
        )
    return created
