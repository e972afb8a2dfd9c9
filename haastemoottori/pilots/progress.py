"""KPI progress: the latest value, how far it is from the baseline towards the target, and whether it is reached."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Progress:
    latest: Decimal | None
    percent: Decimal | None  # of the way from baseline to target; may be below 0 or above 100
    reached: bool

    @property
    def bar_percent(self) -> int:
        """The percentage clamped to 0–100, for drawing a bar."""
        if self.percent is None:
            return 0
        return int(max(Decimal(0), min(Decimal(100), self.percent)))


def kpi_progress(kpi) -> Progress:
    """Uses ``kpi.measurements.all()`` (prefetch it); the latest is the last measured, then the last recorded."""
    measurements = sorted(kpi.measurements.all(), key=lambda m: (m.measured_on, m.created_at, m.pk))
    if not measurements:
        return Progress(latest=None, percent=None, reached=False)
    latest = measurements[-1].value
    span = kpi.target - kpi.baseline
    percent = ((latest - kpi.baseline) / span * 100).quantize(Decimal("0.1")) if span else None
    reached = latest >= kpi.target if kpi.direction == "increase" else latest <= kpi.target
    return Progress(latest=latest, percent=percent, reached=reached)
