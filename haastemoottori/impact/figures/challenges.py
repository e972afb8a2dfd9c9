"""Figures about challenges: by stage, city, department and theme, and the time spent in each stage."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, F, FloatField, Max, OuterRef, Subquery, Value, Window
from django.db.models.functions import Coalesce, Lag
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from haastemoottori.challenges.lifecycle import MAIN_PATH, STAGE_INFO, Stage
from haastemoottori.challenges.models import Challenge, ChallengeOwnership, StageChange
from haastemoottori.core.i18n import translate
from haastemoottori.organisations.models import Organisation

from ..db import Epoch, plain_rows
from ..selectors import OWNER_ROLES, ImpactFilters, challenges_in_period, visible_challenges
from .base import Figure, days_stats

UNPUBLISHED = (Stage.DRAFT, Stage.IN_REVIEW)


def _ids(qs):
    return qs.order_by().values("pk")


def challenges_by_stage(filters: ImpactFilters) -> Figure:
    counts = dict(
        challenges_in_period(filters).order_by().values("stage").annotate(n=Count("pk")).values_list("stage", "n")
    )
    rows = []
    for stage in Stage:
        if stage in UNPUBLISHED and not filters.staff:
            continue
        if stage in MAIN_PATH or counts.get(stage.value):
            rows.append([str(stage.label), counts.get(stage.value, 0)])
    return Figure(
        key="challenges-by-stage",
        title=_("Challenges by stage"),
        description=_("Challenges published in the period, by the stage they are in now."),
        columns=[_("Stage"), _("Challenges")],
        rows=rows,
    )


def challenges_by_city(filters: ImpactFilters) -> Figure:
    # Counted per city by a subquery on the ownerships (the city's own rows, found by its index), not by joining
    # every ownership to the cities and sorting them. An organisation owns a challenge once (a unique
    # constraint), so counting ownerships counts challenges.
    owned = (
        ChallengeOwnership.objects.filter(
            organisation=OuterRef("pk"), role__in=OWNER_ROLES, challenge__in=_ids(challenges_in_period(filters))
        )
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    cities = (
        Organisation.objects.cities()
        .order_by("slug")
        .annotate(n=Coalesce(Subquery(owned), 0))
        .values_list("name", "original_language", "n")
    )
    rows = [[translate(name, lang).text, n] for name, lang, n in cities]
    return Figure(
        key="challenges-by-city",
        title=_("Challenges by city"),
        description=_(
            "Challenges published in the period that each city leads or co-owns. "
            "A co-owned challenge counts for every owning city."
        ),
        columns=[_("City"), _("Challenges")],
        rows=rows,
    )


def challenges_by_department(filters: ImpactFilters) -> Figure:
    grouped = (
        ChallengeOwnership.objects.filter(challenge__in=_ids(challenges_in_period(filters)), department__isnull=False)
        .order_by()
        .values(
            "department_id",
            "department__name",
            "department__original_language",
            "organisation__name",
            "organisation__original_language",
        )
        .annotate(n=Count("challenge", distinct=True))
    )
    rows = sorted(([_department_label(g), g["n"]] for g in grouped), key=lambda r: (-r[1], r[0]))
    return Figure(
        key="challenges-by-department",
        title=_("Challenges by department"),
        description=_("Challenges published in the period, by the department named for an owner."),
        columns=[_("Department"), _("Challenges")],
        rows=rows,
    )


def _department_label(g: dict) -> str:
    department = translate(g["department__name"], g["department__original_language"]).text
    organisation = translate(g["organisation__name"], g["organisation__original_language"]).text
    return f"{department} ({organisation})"


def challenges_by_theme(filters: ImpactFilters) -> Figure:
    # The through table holds a (challenge, theme) pair once: a plain count; COUNT(DISTINCT) would make the
    # database sort every row instead of hashing.
    through = Challenge.themes.through
    grouped = (
        through.objects.filter(challenge_id__in=_ids(challenges_in_period(filters)))
        .order_by()
        .values("theme_id", "theme__name", "theme__original_language")
        .annotate(n=Count("challenge_id"))
    )
    rows = sorted(
        ([translate(g["theme__name"], g["theme__original_language"]).text, g["n"]] for g in grouped),
        key=lambda r: (-r[1], r[0]),
    )
    return Figure(
        key="challenges-by-theme",
        title=_("Challenges by theme"),
        description=_(
            "Challenges published in the period, by theme. A challenge with several themes counts for each of them."
        ),
        columns=[_("Theme"), _("Challenges")],
        rows=rows,
    )


def _countable_stages(filters: ImpactFilters) -> set[str]:
    """Stages whose stays are shown: not final ones, and on the public page only public ones."""
    return {stage.value for stage, info in STAGE_INFO.items() if not info.terminal and (filters.staff or info.public)}


def time_in_stage(filters: ImpactFilters) -> Figure:
    """Stays in each stage that began in the period; a stay that has not ended lasts until now.

    A stay ends at a stage change, in the stage it changed from, and began at the previous change of the same
    challenge (the challenge's creation for the first); the current stage's stay began at the last change. One
    query (the two kinds of stay as a union) returns every stay as (stage, began, ended) in epoch seconds; the
    database pairs the changes (``LAG``), Python keeps the stays that count and takes medians.
    """
    ids = _ids(visible_challenges(filters))
    previous = Window(
        Lag("changed_at"), partition_by=[F("challenge_id")], order_by=[F("changed_at").asc(), F("id").asc()]
    )
    ended = (
        StageChange.objects.filter(challenge__in=ids)
        .order_by()
        .annotate(began=Epoch(Coalesce(previous, F("challenge__created_at"))), ended=Epoch("changed_at"))
        .values_list("from_stage", "began", "ended")
    )
    countable = _countable_stages(filters)
    current = (
        Challenge.objects.filter(pk__in=ids, stage__in=countable)
        .order_by()
        .annotate(
            began=Epoch(Coalesce(Max("stage_changes__changed_at"), F("created_at"))),
            ended=Value(None, output_field=FloatField()),
        )
        .values_list("stage", "began", "ended")
    )
    start = filters.start.timestamp() if filters.start else None
    end = filters.end.timestamp() if filters.end else None
    now = timezone.now().timestamp()
    durations: dict[str, list[float]] = defaultdict(list)
    for stage, began, ended_at in plain_rows(ended.union(current, all=True)):
        if stage not in countable or (start is not None and began < start) or (end is not None and began >= end):
            continue
        durations[stage].append(((now if ended_at is None else ended_at) - began) / 86400)
    rows = []
    for stage in Stage:
        if durations.get(stage.value):
            rows.append([str(stage.label), len(durations[stage.value]), *days_stats(durations[stage.value])])
    return Figure(
        key="time-in-stage",
        title=_("Time spent in each stage"),
        description=_(
            "Days challenges stayed in a stage, for stays that began in the period. "
            "A challenge still in a stage counts until now. Final stages are left out."
        ),
        columns=[_("Stage"), _("Stays"), _("Median days"), _("Mean days")],
        rows=rows,
        chart_column=2,
    )
