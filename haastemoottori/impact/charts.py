"""Server-rendered bar charts: the geometry of a horizontal bar chart for one figure (drawn as inline SVG).

Every bar carries its label and value as text, so nothing is told by colour alone, and the SVG has a
summary as its accessible name; the data table beside it holds the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .figures import Figure

ROW_HEIGHT = 28
LABEL_WIDTH = 220
BAR_AREA = 300
WIDTH = LABEL_WIDTH + BAR_AREA + 90
LABEL_CHARS = 30


@dataclass
class Bar:
    label: str
    short_label: str
    value: str
    y: int
    text_y: int
    width: float


@dataclass
class Chart:
    width: int
    height: int
    label_width: int
    bars: list[Bar]
    summary: str


def _number(value: float) -> str:
    return number_format(int(value) if float(value).is_integer() else round(value, 1))


def bar_chart(figure: Figure) -> Chart | None:
    values = figure.chart_values
    if figure.is_empty or not values:
        return None
    top = max(v for _label, v in values) or 1
    bars = []
    for i, (label, value) in enumerate(values):
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        width = max(0.0, BAR_AREA * value / top) if value > 0 else 0.0
        bars.append(
            Bar(
                label=label,
                short_label=short,
                value=_number(value),
                y=i * ROW_HEIGHT + 4,
                text_y=i * ROW_HEIGHT + 19,
                width=round(width, 1),
            )
        )
    measure = str(figure.columns[figure.chart_column])
    parts = "; ".join(f"{b.label}: {b.value}" for b in bars)
    summary = _("Bar chart, %(title)s (%(measure)s): %(values)s.") % {
        "title": figure.title,
        "measure": measure,
        "values": parts,
    }
    return Chart(width=WIDTH, height=len(bars) * ROW_HEIGHT + 8, label_width=LABEL_WIDTH, bars=bars, summary=summary)
