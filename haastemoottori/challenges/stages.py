"""The stages of a challenge, declared as data: what each stage allows and the main path through them.

Models, selectors and other apps read these; the transitions between stages and their guards are in
``lifecycle.py`` (which re-exports these names, so ``from .lifecycle import Stage`` keeps working).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class Stage(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("stage", "Draft")
    IN_REVIEW = "in_review", pgettext_lazy("stage", "In review")
    CO_DEFINITION = "co_definition", pgettext_lazy("stage", "Co-definition")
    OPEN_CALL = "open_call", pgettext_lazy("stage", "Open call")
    EVALUATION = "evaluation", pgettext_lazy("stage", "Evaluation")
    PILOTING = "piloting", pgettext_lazy("stage", "Piloting")
    CLOSED = "closed", pgettext_lazy("stage", "Closed")
    WITHDRAWN = "withdrawn", pgettext_lazy("stage", "Withdrawn")
    ARCHIVED = "archived", pgettext_lazy("stage", "Archived")


class Route(models.TextChoices):
    AGILE_PILOT = "agile_pilot", _("Agile pilot")
    PCP = "pcp", _("Pre-commercial procurement")
    INNOVATION_PROCUREMENT = "innovation_procurement", _("Innovation procurement")
    INNOVATION_PARTNERSHIP = "innovation_partnership", _("Innovation partnership")
    MARKET_DIALOGUE = "market_dialogue", _("Market dialogue only")


class Outcome(models.TextChoices):
    PILOT_COMPLETED = "pilot_completed", _("Pilot completed")
    PROCURED = "procured", _("Solution procured")
    NO_SUITABLE_SOLUTION = "no_suitable_solution", _("No suitable solution found")
    CANCELLED = "cancelled", _("Cancelled")


@dataclass(frozen=True)
class StageInfo:
    """What a stage allows. Features ask here instead of comparing stage names."""

    public: bool  # entering it publishes the challenge
    editable: bool  # the canvas may be edited
    approvable: bool  # co-owners may give or withdraw approval
    accepts_questions: bool = False
    accepts_proposals: bool = False
    terminal: bool = False
    description: str | StrPromise = ""


STAGE_INFO: dict[Stage, StageInfo] = {
    Stage.DRAFT: StageInfo(
        public=False, editable=True, approvable=True, description=_("The owners are writing the challenge.")
    ),
    Stage.IN_REVIEW: StageInfo(
        public=False,
        editable=True,
        approvable=True,
        description=_("The co-owners are reviewing the challenge before publication."),
    ),
    Stage.CO_DEFINITION: StageInfo(
        public=True,
        editable=True,
        approvable=True,
        accepts_questions=True,
        description=_("Market dialogue: the need is defined together with companies, researchers and residents."),
    ),
    Stage.OPEN_CALL: StageInfo(
        public=True,
        editable=True,
        approvable=False,
        accepts_questions=True,
        accepts_proposals=True,
        description=_("Proposals are invited until the deadline."),
    ),
    Stage.EVALUATION: StageInfo(
        public=True, editable=False, approvable=False, description=_("The proposals are being evaluated.")
    ),
    Stage.PILOTING: StageInfo(
        public=True, editable=False, approvable=False, description=_("Selected solutions are being piloted.")
    ),
    Stage.CLOSED: StageInfo(
        public=True,
        editable=False,
        approvable=False,
        terminal=True,
        description=_("The challenge has ended with an outcome."),
    ),
    Stage.WITHDRAWN: StageInfo(
        public=False,
        editable=False,
        approvable=False,
        terminal=True,
        description=_("The owners withdrew the challenge."),
    ),
    Stage.ARCHIVED: StageInfo(
        public=False,
        editable=False,
        approvable=False,
        terminal=True,
        description=_("The challenge is kept for the record."),
    ),
}

# The main path shown as a timeline on the challenge page.
MAIN_PATH = (
    Stage.DRAFT,
    Stage.IN_REVIEW,
    Stage.CO_DEFINITION,
    Stage.OPEN_CALL,
    Stage.EVALUATION,
    Stage.PILOTING,
    Stage.CLOSED,
)
