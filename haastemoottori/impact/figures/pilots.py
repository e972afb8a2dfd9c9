"""Figures from the pilots app: pilots started and finished, KPIs reached, CO2e reductions.

The pilots app may not have its models yet; then each figure says “no data yet” (``available=False``).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from ..db import plain_rows
from ..selectors import ImpactFilters, day_in_period, optional_model, visible_challenges
from .base import Figure


def _challenge_ids(filters: ImpactFilters):
    return visible_challenges(filters).order_by().values("pk")


def pilots_started_finished(filters: ImpactFilters) -> Figure:
    figure = Figure(
        key="pilots",
        title=_("Pilots started and finished"),
        description=_(
            "Pilots of the counted challenges that started in the period (running, "
            "finished or stopped, by start date), and that finished or were stopped in the "
            "period (by end date)."
        ),
        columns=[_("Measure"), _("Pilots")],
    )
    pilot = optional_model("pilots", "Pilot")
    if pilot is None:
        figure.available = False
        return figure
    started = Q(status__in=("running", "finished", "stopped"), start_date__isnull=False) & day_in_period(
        "start_date", filters
    )
    ended = Q(end_date__isnull=False) & day_in_period("end_date", filters)
    totals = pilot._default_manager.filter(challenge__in=_challenge_ids(filters)).aggregate(
        started=Count("pk", filter=started),
        finished=Count("pk", filter=ended & Q(status="finished")),
        stopped=Count("pk", filter=ended & Q(status="stopped")),
    )
    figure.rows = [
        [str(_("Started")), totals["started"]],
        [str(_("Finished")), totals["finished"]],
        [str(_("Stopped")), totals["stopped"]],
    ]
    return figure


def _kpis(filters: ImpactFilters, *, co2e_only: bool):
    """(unit, direction, baseline, target, latest) of the counted challenges' KPIs; ``latest`` is the last
    measurement taken in the period (None: none). One row per KPI, read without Django's converters.

    Counted in Python: aggregating over ``latest`` in SQL makes PostgreSQL run the correlated subquery once
    for every mention of it (it inlines the derived table), three times slower than reading the rows."""
    kpi, measurement = optional_model("pilots", "KPI"), optional_model("pilots", "KPIMeasurement")
    if kpi is None or measurement is None:
        return None
    latest = (
        measurement._default_manager.filter(day_in_period("measured_on", filters), kpi=OuterRef("pk"))
        .order_by("-measured_on", "-created_at", "-pk")
        .values("value")[:1]
    )
    qs = kpi._default_manager.filter(pilot__challenge__in=_challenge_ids(filters))
    if co2e_only:
        qs = qs.filter(is_co2e=True)
    return plain_rows(
        qs.order_by().annotate(latest=Subquery(latest)).values_list("unit", "direction", "baseline", "target", "latest")
    )


def _reached(direction: str, target, latest) -> bool:
    if target is None or latest is None:
        return False
    return latest <= target if direction == "decrease" else latest >= target


def kpis_reached(filters: ImpactFilters) -> Figure:
    figure = Figure(
        key="kpis-reached",
        title=_("Pilot KPIs reached"),
        description=_(
            "KPIs of the counted challenges' pilots. A KPI is reached when its latest "
            "measurement taken in the period meets the target in the KPI's direction "
            "(at least the target when it should increase, at most when it should "
            "decrease)."
        ),
        columns=[_("Measure"), _("KPIs")],
    )
    rows = _kpis(filters, co2e_only=False)
    if rows is None:
        figure.available = False
        return figure
    measured = [r for r in rows if r[4] is not None]
    reached = sum(1 for _unit, direction, _b, target, latest in measured if _reached(direction, target, latest))
    if rows:
        figure.rows = [
            [str(_("KPIs")), len(rows)],
            [str(_("Measured in the period")), len(measured)],
            [str(_("Target reached")), reached],
            [str(_("Target not reached")), len(measured) - reached],
        ]
    return figure


def co2e_reductions(filters: ImpactFilters) -> Figure:
    figure = Figure(
        key="co2e",
        title=_("CO2e reductions in pilots"),
        description=_(
            "For KPIs marked as CO2e: the sum of baseline minus the latest measurement "
            "taken in the period, by unit. Negative means emissions grew."
        ),
        columns=[_("Unit"), _("KPIs"), _("Reduction")],
        chart_column=2,
    )
    rows = _kpis(filters, co2e_only=True)
    if rows is None:
        figure.available = False
        return figure
    sums: dict[str, list] = defaultdict(lambda: [0, Decimal("0")])
    for unit, _direction, baseline, _target, latest in rows:
        if latest is None or baseline is None:
            continue
        sums[unit][0] += 1
        sums[unit][1] += _decimal(baseline) - _decimal(latest)
    figure.rows = [[unit, n, _plain(total)] for unit, (n, total) in sorted(sums.items())]
    return figure


def _decimal(value) -> Decimal:
    """PostgreSQL returns numeric as Decimal; SQLite, which keeps decimals as numbers, an int or a float."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _plain(value: Decimal) -> Decimal:
    """Drop trailing zeros without exponent notation (``Decimal("12.5000")`` → ``12.5``)."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral() else normal
