"""The impact dashboard's figures: one function per figure, each taking ImpactFilters and returning a Figure.

Each figure runs a fixed number of queries (one, two for procurement) whatever the amount of data.
"""

from __future__ import annotations

from collections.abc import Callable

from ..selectors import ImpactFilters
from .base import NO_DATA, Figure
from .challenges import (
    challenges_by_city,
    challenges_by_department,
    challenges_by_stage,
    challenges_by_theme,
    time_in_stage,
)
from .engagement import companies_engaged, followers_and_answers, proposals_per_call
from .pilots import co2e_reductions, kpis_reached, pilots_started_finished
from .procurement import procurement_value
from .staff import own_departments

FigureFunction = Callable[[ImpactFilters], Figure]

PUBLIC_FIGURES: dict[str, FigureFunction] = {
    "challenges-by-stage": challenges_by_stage,
    "challenges-by-city": challenges_by_city,
    "challenges-by-department": challenges_by_department,
    "challenges-by-theme": challenges_by_theme,
    "time-in-stage": time_in_stage,
    "companies-engaged": companies_engaged,
    "proposals-per-call": proposals_per_call,
    "pilots": pilots_started_finished,
    "procurement-value": procurement_value,
    "kpis-reached": kpis_reached,
    "co2e": co2e_reductions,
    "followers-and-answers": followers_and_answers,
}

STAFF_FIGURES: dict[str, FigureFunction] = {**PUBLIC_FIGURES, "own-departments": own_departments}


def figures_for(filters: ImpactFilters) -> dict[str, FigureFunction]:
    return STAFF_FIGURES if filters.staff else PUBLIC_FIGURES


def figure_compute(key: str, filters: ImpactFilters) -> Figure | None:
    """One figure by its key, or None when the dashboard has no such figure."""
    function = figures_for(filters).get(key)
    return function(filters) if function else None


def figures_compute(filters: ImpactFilters) -> list[Figure]:
    return [function(filters) for function in figures_for(filters).values()]


__all__ = ["NO_DATA", "PUBLIC_FIGURES", "STAFF_FIGURES", "Figure", "figure_compute", "figures_compute"]
