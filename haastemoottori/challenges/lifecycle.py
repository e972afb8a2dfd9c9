"""The challenge lifecycle, declared as data: stages, what each allows, and the allowed transitions.

Every rule about stages lives here. A transition is allowed when the actor may make it (rules.py)
and every guard for it returns no refusal. Later features (proposals, evaluation, pilots) add their
own invariants with :func:`register_guard` instead of editing the services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from haastemoottori.core.errors import ErrorCodeEnum

from .errors import ErrorCode
from .readiness import readiness_check
from .selectors import challenge_missing_approvals
from .stages import MAIN_PATH, STAGE_INFO, Outcome, Route, Stage, StageInfo

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    from .models import Challenge


__all__ = [
    "MAIN_PATH",
    "STAGE_INFO",
    "Outcome",
    "Refusal",
    "Route",
    "Stage",
    "StageInfo",
    "Transition",
    "TransitionContext",
    "check_transition",
    "get_transition",
    "register_guard",
    "transitions_from",
]


@dataclass(frozen=True)
class Refusal:
    code: ErrorCodeEnum
    message: str | StrPromise


@dataclass
class TransitionContext:
    actor: object
    now: datetime
    reason: str = ""
    outcome: str = ""


Guard = Callable[["Challenge", TransitionContext], Refusal | None]


@dataclass
class Transition:
    source: Stage
    target: Stage
    label: str | StrPromise
    guards: list[Guard] = field(default_factory=list)
    needs_reason: bool = False
    needs_outcome: bool = False


# --- guards ---------------------------------------------------------------------------------------


def guard_no_blocking_gaps(challenge: Challenge, ctx: TransitionContext) -> Refusal | None:
    blocking = [gap for gap in readiness_check(challenge).gaps if gap.blocking]
    if blocking:
        return Refusal(
            ErrorCode.READINESS_GAPS,
            _("Fill in the required parts first: %(gaps)s.")
            % {"gaps": "; ".join(str(gap.message) for gap in blocking)},
        )
    return None


def guard_all_owners_approved(challenge: Challenge, ctx: TransitionContext) -> Refusal | None:
    missing = challenge_missing_approvals(challenge=challenge)
    if missing:
        return Refusal(
            ErrorCode.APPROVALS_MISSING,
            _("Every owner must approve the current version first. Waiting for: %(owners)s.")
            % {"owners": ", ".join(str(o.organisation) for o in missing)},
        )
    return None


def guard_future_deadline(challenge: Challenge, ctx: TransitionContext) -> Refusal | None:
    if challenge.call_deadline is None:
        return Refusal(ErrorCode.DEADLINE_MISSING, _("An open call needs a deadline."))
    if challenge.call_deadline <= ctx.now:
        return Refusal(ErrorCode.DEADLINE_PAST, _("The call deadline must be in the future."))
    return None


def guard_deadline_passed(challenge: Challenge, ctx: TransitionContext) -> Refusal | None:
    if challenge.call_deadline and challenge.call_deadline > ctx.now:
        return Refusal(ErrorCode.DEADLINE_NOT_PASSED, _("Evaluation can start only after the call deadline."))
    return None


def guard_reason_given(challenge: Challenge, ctx: TransitionContext) -> Refusal | None:
    if not ctx.reason.strip():
        return Refusal(ErrorCode.REASON_MISSING, _("Give a reason."))
    return None


def guard_outcome_given(challenge: Challenge, ctx: TransitionContext) -> Refusal | None:
    if ctx.outcome not in Outcome.values:
        return Refusal(ErrorCode.OUTCOME_MISSING, _("Choose the outcome."))
    return None


# --- the transitions ------------------------------------------------------------------------------

_PUBLISH = [guard_all_owners_approved]

TRANSITIONS: list[Transition] = [
    Transition(Stage.DRAFT, Stage.IN_REVIEW, _("Send for review"), [guard_no_blocking_gaps]),
    Transition(Stage.IN_REVIEW, Stage.DRAFT, _("Return to draft")),
    Transition(
        Stage.IN_REVIEW, Stage.CO_DEFINITION, _("Publish for co-definition"), [guard_no_blocking_gaps, *_PUBLISH]
    ),
    Transition(
        Stage.IN_REVIEW,
        Stage.OPEN_CALL,
        _("Publish and open the call"),
        [guard_no_blocking_gaps, *_PUBLISH, guard_future_deadline],
    ),
    Transition(Stage.CO_DEFINITION, Stage.OPEN_CALL, _("Open the call"), [*_PUBLISH, guard_future_deadline]),
    Transition(
        Stage.CO_DEFINITION, Stage.CLOSED, _("Close after market dialogue"), [guard_outcome_given], needs_outcome=True
    ),
    Transition(Stage.OPEN_CALL, Stage.EVALUATION, _("Start evaluation"), [guard_deadline_passed]),
    Transition(Stage.EVALUATION, Stage.PILOTING, _("Start piloting")),
    Transition(Stage.EVALUATION, Stage.CLOSED, _("Close"), [guard_outcome_given], needs_outcome=True),
    Transition(Stage.PILOTING, Stage.CLOSED, _("Close"), [guard_outcome_given], needs_outcome=True),
    *[
        Transition(source, Stage.WITHDRAWN, _("Withdraw"), [guard_reason_given], needs_reason=True)
        for source in (
            Stage.DRAFT,
            Stage.IN_REVIEW,
            Stage.CO_DEFINITION,
            Stage.OPEN_CALL,
            Stage.EVALUATION,
            Stage.PILOTING,
        )
    ],
    Transition(Stage.CLOSED, Stage.ARCHIVED, _("Archive")),
    Transition(Stage.WITHDRAWN, Stage.ARCHIVED, _("Archive")),
]

_BY_KEY: dict[tuple[Stage, Stage], Transition] = {(t.source, t.target): t for t in TRANSITIONS}


def get_transition(source: str, target: str) -> Transition | None:
    try:
        return _BY_KEY.get((Stage(source), Stage(target)))
    except ValueError:
        return None


def transitions_from(source: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source]


def register_guard(source: Stage, target: Stage, guard: Guard) -> None:
    """Let a feature add an invariant to a transition (e.g. "no unanswered questions")."""
    _BY_KEY[(source, target)].guards.append(guard)


def check_transition(challenge: Challenge, target: str, ctx: TransitionContext) -> list[Refusal]:
    transition = get_transition(challenge.stage, target)
    if transition is None:
        return [
            Refusal(
                ErrorCode.TRANSITION_NOT_ALLOWED,
                _("A challenge cannot move from “%(source)s” to “%(target)s”.")
                % {"source": _stage_label(challenge.stage), "target": _stage_label(target)},
            )
        ]
    return [refusal for guard in transition.guards if (refusal := guard(challenge, ctx)) is not None]


def _stage_label(value: str) -> str:
    try:
        return str(Stage(value).label)
    except ValueError:
        return value
