"""Public counts of accepted signals per theme and month, and the themes trending up (the foresight page).

Signals are staff-only data: a resident's words and place. Only counts leave this module — never a
signal's title, text, author or location — and small counts are hidden, because one or two signals
about a theme in a month could point at a person. The rules (documented in docs/foresight.md):

- **Period**: the last ``months`` calendar months (Europe/Helsinki), the current month included, counted
  by ``Signal.observed_at``. Only accepted signals count; a signal counts once for each of its themes;
  signals without a theme are not counted.
- **Trending up**: the recent window is the last ``RECENT_MONTHS`` months of the period, the earlier window
  the months before it. A theme is trending up when the recent window has at least ``MIN_RECENT`` signals
  and at least ``RATIO`` times as many signals per month as the earlier window (when the earlier window
  has none, ``MIN_RECENT`` recent signals are enough). Computed from the exact counts; only the verdict
  is published, not the rates.
- **Small counts**: a month's count below ``SUPPRESS_BELOW`` (zero included) is shown as "fewer than 3";
  a theme is listed only when the whole period has at least ``SUPPRESS_BELOW`` signals of it. No row
  totals or window sums are published (they would give a hidden month away by subtraction).
- **All cities**: a month's total is withheld when exactly one city's count for it is hidden and that
  count is not zero: the total minus the other cities' shown counts would reveal it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from fractions import Fraction
from typing import cast

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from haastemoottori.organisations.models import Organisation
from haastemoottori.signals.models import Signal
from haastemoottori.taxonomy.models import Theme

DEFAULT_MONTHS = 12
PERIOD_CHOICES = (6, 12, 24)
RECENT_MONTHS = 3
RATIO = Fraction(3, 2)
MIN_RECENT = 6
SUPPRESS_BELOW = 3

SHOWN = "shown"
FEW = "few"  # below SUPPRESS_BELOW
WITHHELD = "withheld"  # would reveal a small count in one city by subtraction


@dataclass(frozen=True)
class Cell:
    """One theme's count in one month, as published: the number only when ``state`` is SHOWN."""

    month: date
    state: str
    value: int | None = None

    @property
    def label(self) -> str:
        if self.state == SHOWN:
            return number_format(cast(int, self.value))  # set when shown
        if self.state == FEW:
            return _("fewer than %(n)s") % {"n": SUPPRESS_BELOW}
        return _("not shown")

    @property
    def month_label(self) -> str:
        return date_format(self.month, "YEAR_MONTH_FORMAT")


@dataclass
class ThemeTrend:
    theme: Theme
    cells: list[Cell]
    trending: bool
    # Exact counts, for ordering the list only: never rendered (they would reveal hidden months).
    _recent: int = field(default=0, repr=False)
    _total: int = field(default=0, repr=False)


@dataclass
class TrendReport:
    months: list[date]
    themes: list[ThemeTrend]
    city: Organisation | None = None

    @property
    def trending(self) -> list[ThemeTrend]:
        return [t for t in self.themes if t.trending]


def month_starts(*, months: int, today: date) -> list[date]:
    """The first days of the last ``months`` calendar months, oldest first, ending with ``today``'s month."""
    index = today.year * 12 + today.month - 1
    return [date((i // 12), (i % 12) + 1, 1) for i in range(index - months + 1, index + 1)]


def is_trending(counts: list[int], *, recent_months: int = RECENT_MONTHS) -> bool:
    """The trending-up rule on a theme's exact monthly counts (oldest first); see the module docstring."""
    recent_months = min(recent_months, len(counts) - 1)
    recent = sum(counts[-recent_months:])
    earlier = sum(counts[:-recent_months])
    earlier_months = len(counts) - recent_months
    if recent < MIN_RECENT:
        return False
    # recent / recent_months >= RATIO * earlier / earlier_months, without division
    return recent * earlier_months >= RATIO * earlier * recent_months


def _cell(month: date, count: int) -> Cell:
    return Cell(month, SHOWN, count) if count >= SUPPRESS_BELOW else Cell(month, FEW)


def _withheld(per_city: dict[int, int], city_ids: set[int]) -> bool:
    """True when exactly one city's count is hidden and not zero (the others' shown counts give it away)."""
    hidden = [n for city_id, n in ((c, per_city.get(c, 0)) for c in city_ids | set(per_city)) if n < SUPPRESS_BELOW]
    return len(hidden) == 1 and hidden[0] > 0


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _counts(*, start: date, end: date, city: Organisation | None) -> dict[int, dict[date, dict[int, int]]]:
    """theme id -> month -> city id -> number of accepted signals (one query)."""
    through = Signal.themes.through
    rows = (
        through.objects.filter(  # type: ignore[misc]  # django-stubs does not see the "month" annotation
            signal__status=Signal.Status.ACCEPTED,
            signal__observed_at__gte=_local_midnight(start),
            signal__observed_at__lt=_local_midnight(end),
        )
        .annotate(month=TruncMonth("signal__observed_at", tzinfo=timezone.get_current_timezone()))
        .values("theme_id", "month", "signal__city_id")
        .annotate(n=Count("signal_id"))
        .order_by()
    )
    if city is not None:
        rows = rows.filter(signal__city=city)
    counts: dict[int, dict[date, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        counts[row["theme_id"]][month.replace(day=1)][row["signal__city_id"]] = row["n"]
    return counts


def theme_trends(
    *,
    city: Organisation | None = None,
    months: int = DEFAULT_MONTHS,
    today: date | None = None,
    city_ids: set[int] | None = None,
) -> TrendReport:
    """Published monthly counts per theme for one city or all, trending themes first.

    ``city_ids``: the organisations offered in the page's city filter (read from the database when not
    given); used only in the all-cities view, to withhold totals that would reveal one city's small count.
    Runs two queries (three without ``city_ids`` in the all-cities view).
    """
    today = today or timezone.localdate()
    starts = month_starts(months=months, today=today)
    following = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    counts = _counts(start=starts[0], end=following, city=city)
    if city is None and city_ids is None:
        city_ids = set(Organisation.objects.owners().values_list("id", flat=True))
    per_theme: list[tuple[int, list[Cell], bool, int, int]] = []
    for theme_id, by_month in counts.items():
        exact = [sum(by_month.get(m, {}).values()) for m in starts]
        if sum(exact) < SUPPRESS_BELOW:
            continue
        cells = []
        for month, total in zip(starts, exact, strict=True):
            if city is None and total >= SUPPRESS_BELOW and _withheld(by_month.get(month, {}), city_ids or set()):
                cells.append(Cell(month, WITHHELD))
            else:
                cells.append(_cell(month, total))
        recent = sum(exact[-min(RECENT_MONTHS, months - 1) :])
        per_theme.append((theme_id, cells, is_trending(exact), recent, sum(exact)))
    themes = Theme.objects.in_bulk([row[0] for row in per_theme])
    trends = [
        ThemeTrend(theme=themes[theme_id], cells=cells, trending=trending, _recent=recent, _total=total)
        for theme_id, cells, trending, recent, total in per_theme
        if theme_id in themes
    ]
    trends.sort(key=lambda t: (not t.trending, -t._recent, -t._total, str(t.theme)))
    return TrendReport(months=starts, themes=trends, city=city)
