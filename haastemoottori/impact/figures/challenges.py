"""Figures about challenges: by stage, city, department and theme, and the time spent in each stage."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from haastemoottori.challenges.lifecycle import MAIN_PATH, STAGE_INFO, Stage
from haastemoottori.challenges.models import Challenge, ChallengeOwnership
from haastemoottori.core.i18n import translate
from haastemoottori.organisations.models import Organisation

from ..selectors import OWNER_ROLES, ImpactFilters, challenges_in_period, visible_challenges
from .base import Figure, days_stats

UNPUBLISHED = (Stage.DRAFT, Stage.IN_REVIEW)


def _ids(qs):
    return qs.order_by().values("pk")


def challenges_by_stage(filters: ImpactFilters) -> Figure:
    counts = dict(challenges_in_period(filters).order_by().values("stage").annotate(n=Count("pk"))
                  .values_list("stage", "n"))
    rows = []
    for stage in Stage:
        if stage in UNPUBLISHED and not filters.staff:
            continue
        if stage in MAIN_PATH or counts.get(stage.value):
            rows.append([str(stage.label), counts.get(stage.value, 0)])
    return Figure(key="challenges-by-stage", title=_("Challenges by stage"),
                  description=_("Challenges published in the period, by the stage they are in now."),
                  columns=[_("Stage"), _("Challenges")], rows=rows)


def challenges_by_city(filters: ImpactFilters) -> Figure:
    in_set = Q(challenge_ownerships__role__in=OWNER_ROLES,
               challenge_ownerships__challenge__in=_ids(challenges_in_period(filters)))
    cities = (Organisation.objects.cities().order_by("slug")
              .annotate(n=Count("challenge_ownerships__challenge", filter=in_set, distinct=True))
              .values_list("name", "original_language", "n"))
    rows = [[translate(name, lang).text, n] for name, lang, n in cities]
    return Figure(key="challenges-by-city", title=_("Challenges by city"),
                  description=_("Challenges published in the period that each city leads or co-owns. "
                                "A co-owned challenge counts for every owning city."),
                  columns=[_("City"), _("Challenges")], rows=rows)


def challenges_by_department(filters: ImpactFilters) -> Figure:
    grouped = (ChallengeOwnership.objects
               .filter(challenge__in=_ids(challenges_in_period(filters)), department__isnull=False)
               .order_by().values("department_id", "department__name", "department__original_language",
                                  "organisation__name", "organisation__original_language")
               .annotate(n=Count("challenge", distinct=True)))
    rows = sorted(([_department_label(g), g["n"]] for g in grouped), key=lambda r: (-r[1], r[0]))
    return Figure(key="challenges-by-department", title=_("Challenges by department"),
                  description=_("Challenges published in the period, by the department named for an owner."),
                  columns=[_("Department"), _("Challenges")], rows=rows)


def _department_label(g: dict) -> str:
    department = translate(g["department__name"], g["department__original_language"]).text
    organisation = translate(g["organisation__name"], g["organisation__original_language"]).text
    return f"{department} ({organisation})"


def challenges_by_theme(filters: ImpactFilters) -> Figure:
    through = Challenge.themes.through
    grouped = (through.objects.filter(challenge_id__in=_ids(challenges_in_period(filters)))
               .order_by().values("theme_id", "theme__name", "theme__original_language")
               .annotate(n=Count("challenge_id", distinct=True)))
    rows = sorted(([translate(g["theme__name"], g["theme__original_language"]).text, g["n"]] for g in grouped),
                  key=lambda r: (-r[1], r[0]))
    return Figure(key="challenges-by-theme", title=_("Challenges by theme"),
                  description=_("Challenges published in the period, by theme. A challenge with several "
                                "themes counts for each of them."),
                  columns=[_("Theme"), _("Challenges")], rows=rows)


def time_in_stage(filters: ImpactFilters) -> Figure:
    """Stays in each stage that began in the period; a stay that has not ended lasts until now."""
    rows_db = (visible_challenges(filters).order_by("pk", "stage_changes__changed_at", "stage_changes__id")
               .values_list("pk", "stage", "created_at", "stage_changes__from_stage", "stage_changes__changed_at"))
    by_challenge: dict[int, list] = defaultdict(list)
    for pk, stage, created_at, from_stage, changed_at in rows_db:
        by_challenge[pk].append((stage, created_at, from_stage, changed_at))
    now = timezone.now()
    durations: dict[str, list[float]] = defaultdict(list)
    for changes in by_challenge.values():
        current_stage, began = changes[0][0], changes[0][1]
        stays = []
        for _stage, _created, from_stage, changed_at in changes:
            if changed_at is None:
                continue
            stays.append((from_stage, began, changed_at))
            began = changed_at
        stays.append((current_stage, began, now))
        for stage, start, end in stays:
            if _counts(stage, start, filters):
                durations[stage].append((end - start).total_seconds() / 86400)
    rows = []
    for stage in Stage:
        if durations.get(stage.value):
            rows.append([str(stage.label), len(durations[stage.value]), *days_stats(durations[stage.value])])
    return Figure(key="time-in-stage", title=_("Time spent in each stage"),
                  description=_("Days challenges stayed in a stage, for stays that began in the period. "
                                "A challenge still in a stage counts until now. Final stages are left out."),
                  columns=[_("Stage"), _("Stays"), _("Median days"), _("Mean days")], rows=rows, chart_column=2)


def _counts(stage: str, start, filters: ImpactFilters) -> bool:
    try:
        info = STAGE_INFO[Stage(stage)]
    except ValueError:
        return False
    if info.terminal or (not filters.staff and not info.public):
        return False
    if filters.start and start < filters.start:
        return False
    return not (filters.end and start >= filters.end)
