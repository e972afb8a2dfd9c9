"""The Q&A's invariant on the challenge lifecycle, registered in ``QaConfig.ready()``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from haastemoottori.challenges.lifecycle import Refusal, Stage, TransitionContext, get_transition, register_guard

from .errors import ErrorCode


def guard_questions_deadline_before_call_deadline(challenge, ctx: TransitionContext) -> Refusal | None:
    """An open call cannot take questions after its own deadline."""
    if (
        challenge.questions_deadline
        and challenge.call_deadline
        and challenge.questions_deadline > challenge.call_deadline
    ):
        return Refusal(
            ErrorCode.QUESTIONS_DEADLINE_AFTER_CALL,
            _("The questions deadline is after the call deadline. Move it before the call deadline first."),
        )
    return None


def register() -> None:
    for source in (Stage.IN_REVIEW, Stage.CO_DEFINITION):
        transition = get_transition(source, Stage.OPEN_CALL)
        if transition is not None and guard_questions_deadline_before_call_deadline not in transition.guards:
            register_guard(source, Stage.OPEN_CALL, guard_questions_deadline_before_call_deadline)
