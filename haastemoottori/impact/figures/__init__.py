"""The impact dashboard's figures: one function per figure, each taking ImpactFilters and returning a Figure.

Each figure runs a fixed number of queries (one, two for proposals per call) whatever the amount of data, and
aggregates in the database: what comes back is one row per row of the figure, or for time in stage one small
row of plain numbers per stay.
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
from .procurement import innovative_procurements, procurement_value
from .staff import own_departments

FigureFunction = Callable[..., Figure]

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
    "innovative-procurements": innovative_procurements,
    "kpis-reached": kpis_reached,
    "co2e": co2e_reductions,
    "followers-and-answers": followers_and_answers,
}

STAFF_FIGURES: dict[str, FigureFunction] = {**PUBLIC_FIGURES, "own-departments": own_departments}


def figures_for(filters: ImpactFilters) -> dict[str, FigureFunction]:
    return STAFF_FIGURES if filters.staff else PUBLIC_FIGURES


# Figures with a long ranked list of rows that do less work when only the first rows are wanted: they take ``limit``.
LIMIT_AWARE = {proposals_per_call}


def _compute(function: FigureFunction, filters: ImpactFilters, limit: int | None) -> Figure:
    if function in LIMIT_AWARE:
        return function(filters, limit=limit)
    return function(filters).limited(limit)


def figure_compute(key: str, filters: ImpactFilters, *, limit: int | None = None) -> Figure | None:
    """One figure by its key, or None when the dashboard has no such figure. ``limit``: keep only the first
    rows (``Figure.row_count`` still tells how many there are)."""
    function = figures_for(filters).get(key)
    return _compute(function, filters, limit) if function else None


def figures_compute(filters: ImpactFilters, *, limit: int | None = None) -> list[Figure]:
    return [_compute(function, filters, limit) for function in figures_for(filters).values()]


__all__ = ["NO_DATA", "PUBLIC_FIGURES", "STAFF_FIGURES", "Figure", "figure_compute", "figures_compute"]
