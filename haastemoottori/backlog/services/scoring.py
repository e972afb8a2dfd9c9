"""Independent scoring of candidates by a city's staff, and the "which matters more?" comparisons."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.organisations.models import Organisation

from ..audit_actions import AuditAction
from ..errors import ErrorCode
from ..models import Candidate, Criterion, PairwiseComparison, Score, ScoreSheet
from ..rules import can_score
from ._common import invalid, require_in_backlog

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

COMMENT_MAX = 5000


def score_field(criterion: Criterion) -> str:
    return f"score_{criterion.pk}"


def _parse(criterion: Criterion, raw: Any) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    message = _("The score must be a whole number from 1 to %(max)s.") % {"max": criterion.scale_max}
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        raise invalid(ErrorCode.INVALID_SCORE, message, score_field(criterion)) from None
    if not 1 <= value <= criterion.scale_max:
        raise invalid(ErrorCode.INVALID_SCORE, message, score_field(criterion))
    return value


@transaction.atomic
def score_sheet_save(
    *,
    actor: User,
    candidate: Candidate,
    city: Organisation,
    values: dict[int, Any],
    comment: str = "",
    submit: bool = False,
) -> ScoreSheet:
    """Save the actor's scores ``{criterion id: value}`` for the candidate in ``city``'s backlog.

    A draft may leave scores blank. ``submit`` needs a score on every criterion in use and is final: until then
    the scorer sees no one else's scores for the candidate, after it they see the aggregate and the spread.
    """
    if not can_score(actor, city):
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED, _("Only the staff of %(city)s can score its backlog.") % {"city": city}
        )
    require_in_backlog(candidate, city)
    criteria = list(Criterion.objects.filter(organisation=city, active=True).order_by("position", "id"))
    if not criteria:
        raise ServiceConflict(
            ErrorCode.NO_CRITERIA,
            _("%(city)s has no criteria in use yet; its editors set them on the criteria page.") % {"city": city},
        )
    sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(
        candidate=candidate, organisation=city, scorer=actor
    )
    if sheet.submitted_at is not None:
        raise ServiceConflict(
            ErrorCode.SUBMITTED, _("You have submitted your scores for this candidate; they can no longer be changed.")
        )
    known = {c.pk for c in criteria}
    unknown = [pk for pk in values if pk not in known]
    if unknown:
        raise invalid(ErrorCode.UNKNOWN_CRITERION, _("Score only the criteria in use."), f"score_{unknown[0]}")
    comment = (comment or "").strip()
    errors: list[ServiceValidationError] = []
    if len(comment) > COMMENT_MAX:
        errors.append(
            invalid(
                ErrorCode.COMMENT_TOO_LONG,
                _("A comment can be at most %(n)s characters.") % {"n": COMMENT_MAX},
                "comment",
            )
        )
    parsed: dict[int, int | None] = {}
    for criterion in criteria:
        try:
            parsed[criterion.pk] = _parse(criterion, values.get(criterion.pk))
        except ServiceValidationError as exc:
            errors.append(exc)
            continue
        if submit and parsed[criterion.pk] is None:
            errors.append(invalid(ErrorCode.SCORE_REQUIRED, _("Give a score."), score_field(criterion)))
    if errors:
        raise ServiceValidationError(ErrorCode.INVALID_SCORES, _("Check the scores."), reasons=errors)
    existing = {s.criterion_id: s for s in sheet.scores.all()}
    for criterion in criteria:
        value, score = parsed[criterion.pk], existing.get(criterion.pk)
        if value is None:
            if score is not None:
                score.delete()
        elif score is None:
            Score.objects.create(sheet=sheet, criterion=criterion, value=value)
        elif score.value != value:
            score.value = value
            score.save(update_fields=["value"])
    sheet.comment = comment
    if submit:
        sheet.submitted_at = timezone.now()
    sheet.save()
    audit_record(
        actor=actor,
        action=AuditAction.BACKLOG_SHEET_SUBMITTED if submit else AuditAction.BACKLOG_SHEET_SAVED,
        target=sheet,
        changes={"submitted_at": (None, sheet.submitted_at)} if submit else None,
        data={"candidate": candidate.pk, "city": city.slug, "scores": {str(pk): v for pk, v in parsed.items()}},
    )
    return sheet


@transaction.atomic
def comparison_record(*, actor: User, city: Organisation, winner: Candidate, loser: Candidate) -> PairwiseComparison:
    """Record the actor's answer to "which of these two matters more for the city?"."""
    if not can_score(actor, city):
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED, _("Only the staff of %(city)s can compare its candidates.") % {"city": city}
        )
    if winner.pk == loser.pk:
        raise invalid(ErrorCode.SAME_CANDIDATE, _("Choose between two different candidates."), "winner")
    require_in_backlog(winner, city)
    require_in_backlog(loser, city)
    comparison = PairwiseComparison.objects.create(organisation=city, voter=actor, winner=winner, loser=loser)
    audit_record(
        actor=actor,
        action=AuditAction.BACKLOG_COMPARED,
        target=comparison,
        data={"city": city.slug, "winner": winner.pk, "loser": loser.pk},
    )
    return comparison
