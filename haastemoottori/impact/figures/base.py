"""What every figure returns: a title, its columns and rows, and which column the bar chart shows."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from math import fsum
from statistics import median
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

NO_DATA = _("No data yet.")


@dataclass
class Figure:
    """One figure of the dashboard. ``rows`` start with a label; ``chart_column`` indexes the charted value.

    ``available`` is False when the data it needs does not exist on this platform yet (an app not installed):
    the page then says “no data yet” instead of showing zeros that look like facts.
    """

    key: str
    title: str | StrPromise
    description: str | StrPromise
    columns: list[str | StrPromise]
    rows: list[list] = field(default_factory=list)
    chart_column: int = 1
    available: bool = True
    total_rows: int | None = None  # set when ``rows`` holds only the first rows (see ``limited``)

    @property
    def row_count(self) -> int:
        """How many rows the whole figure has (the downloads have them all)."""
        return len(self.rows) if self.total_rows is None else self.total_rows

    def limited(self, limit: int | None, *, total: int | None = None) -> Figure:
        """The figure with at most its first ``limit`` rows (a figure's rows come largest first where it ranks
        them); ``total``: the whole figure's row count when ``rows`` are already a part of it."""
        total = len(self.rows) if total is None else total
        if limit is None or total <= limit:
            return self if len(self.rows) == total else replace(self, total_rows=total)
        return replace(self, rows=self.rows[:limit], total_rows=total)

    @property
    def is_empty(self) -> bool:
        return not self.available or not self.rows

    @property
    def chart_values(self) -> list[tuple[str, float]]:
        return [(str(row[0]), float(row[self.chart_column] or 0)) for row in self.rows]


def days_stats(durations: list[float]) -> tuple[Decimal, Decimal]:
    """Median and mean of day counts, to one decimal (``fsum``: exact enough, and far faster than
    ``statistics.mean``'s fractions on tens of thousands of stays)."""
    return _one_decimal(median(durations)), _one_decimal(fsum(durations) / len(durations))


def _one_decimal(value: float) -> Decimal:
    return Decimal(str(round(value, 1)))
