"""What every figure returns: a title, its columns and rows, and which column the bar chart shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from statistics import mean, median

from django.utils.translation import gettext_lazy as _

NO_DATA = _("No data yet.")


@dataclass
class Figure:
    """One figure of the dashboard. ``rows`` start with a label; ``chart_column`` indexes the charted value.

    ``available`` is False when the data it needs does not exist on this platform yet (an app not installed):
    the page then says “no data yet” instead of showing zeros that look like facts.
    """

    key: str
    title: str
    description: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    chart_column: int = 1
    available: bool = True

    @property
    def is_empty(self) -> bool:
        return not self.available or not self.rows

    @property
    def chart_values(self) -> list[tuple[str, float]]:
        return [(str(row[0]), float(row[self.chart_column] or 0)) for row in self.rows]


def days_stats(durations: list[float]) -> tuple[Decimal, Decimal]:
    """Median and mean of day counts, to one decimal."""
    return _one_decimal(median(durations)), _one_decimal(mean(durations))


def _one_decimal(value: float) -> Decimal:
    return Decimal(str(round(value, 1)))
