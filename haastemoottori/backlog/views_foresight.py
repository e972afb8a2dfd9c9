"""The public foresight page: published candidate challenges and the themes trending up. Thin: parse the
filters, read the published candidates and the trend counts, render. Served from the anonymous page cache."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django import forms
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from haastemoottori.core.i18n import Translated
from haastemoottori.core.page_cache import cache_public_page
from haastemoottori.organisations.models import Organisation

from .selectors import published_candidates
from .trends import (
    DEFAULT_MONTHS,
    FEW,
    MIN_RECENT,
    PERIOD_CHOICES,
    RATIO,
    RECENT_MONTHS,
    SHOWN,
    SUPPRESS_BELOW,
    TrendReport,
    theme_trends,
)

if TYPE_CHECKING:
    from haastemoottori.challenges.models import Challenge

    from .models import Candidate


class ForesightFilterForm(forms.Form):
    city = forms.ChoiceField(label=gettext_lazy("City"), required=False)
    period = forms.ChoiceField(label=gettext_lazy("Signals counted over"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {o.slug: o for o in Organisation.objects.owners().only("pk", "slug", "name", "original_language")}
        self.fields["city"].choices = [("", _("All cities")), *[(slug, str(o)) for slug, o in self.owners.items()]]
        self.fields["period"].choices = [(str(n), _("The last %(n)s months") % {"n": n}) for n in PERIOD_CHOICES]
        if not self.is_bound:
            self.initial = {"period": str(DEFAULT_MONTHS)}

    @property
    def owner_ids(self) -> set[int]:
        return {o.pk for o in self.owners.values()}

    def selection(self) -> tuple[Organisation | None, int]:
        """The city and the number of months; a value that is not valid falls back to its default."""
        if not self.is_bound:
            return None, DEFAULT_MONTHS
        self.is_valid()
        data = self.cleaned_data
        return self.owners.get(data.get("city") or ""), int(data.get("period") or DEFAULT_MONTHS)


# A month's bar in a theme's sparkline: filled when its count is shown, outlined up to the threshold when it
# is "fewer than 3", a short dashed mark when it is withheld. The accessible name lists every month's label.
SPARK_HEIGHT = 40
SPARK_WIDTH = 240


@dataclass
class SparkBar:
    x: float
    y: float
    width: float
    height: float
    state: str


@dataclass
class Sparkline:
    width: int
    height: int
    bars: list[SparkBar]
    summary: str


def sparkline(trend) -> Sparkline:
    cells = trend.cells
    step = SPARK_WIDTH / len(cells)
    width = round(max(2.0, step - 2), 1)
    top = max([c.value for c in cells if c.state == SHOWN] + [SUPPRESS_BELOW])
    bars = []
    for i, cell in enumerate(cells):
        if cell.state == SHOWN:
            height = max(2.0, SPARK_HEIGHT * cell.value / top)
        elif cell.state == FEW:
            height = SPARK_HEIGHT * (SUPPRESS_BELOW - 1) / top
        else:
            height = 2.0
        height = round(height, 1)
        bars.append(
            SparkBar(
                x=round(i * step + 1, 1),
                y=round(SPARK_HEIGHT - height, 1),
                width=width,
                height=height,
                state=cell.state,
            )
        )
    values = "; ".join(f"{c.month_label}: {c.label}" for c in cells)
    summary = _("Signals per month about %(theme)s: %(values)s.") % {"theme": trend.theme, "values": values}
    return Sparkline(width=SPARK_WIDTH, height=SPARK_HEIGHT, bars=bars, summary=summary)


@dataclass
class Entry:
    """A published candidate as the page and the feed show it."""

    candidate: Candidate
    challenge: Challenge
    cities: list[Organisation]
    rank: int | None
    score: float | None
    public_reason: Translated
    published_at: datetime
    ranked_in: Organisation | None = None  # the city asked for, else the lead (the first of the cities)

    @property
    def anchor(self) -> str:
        return f"candidate-{self.candidate.pk}"


def entries(*, city: Organisation | None) -> list[Entry]:
    """The published candidates (backlog.selectors.published_candidates), one entry per candidate."""
    seen: set[int] = set()
    result = []
    for item in published_candidates(city=city):
        if item.candidate.pk in seen:
            continue
        seen.add(item.candidate.pk)
        reason = item.public_reason
        if not isinstance(reason, Translated):
            reason = item.candidate.t.public_reason
        result.append(
            Entry(
                candidate=item.candidate,
                challenge=item.challenge,
                cities=list(item.cities),
                rank=item.rank,
                score=item.score,
                public_reason=reason,
                published_at=item.published_at,
                ranked_in=city or (item.cities[0] if item.cities else None),
            )
        )
    return result


@cache_public_page
def index(request):
    form = ForesightFilterForm(request.GET or None)
    city, months = form.selection()
    report: TrendReport = theme_trends(city=city, months=months, city_ids=form.owner_ids)
    feed_query = urlencode({"city": city.slug}) if city else ""
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "backlog/foresight.html",
        {
            "form": form,
            "city": city,
            "months": months,
            "entries": entries(city=city),
            "report": report,
            "trending": [(t, sparkline(t)) for t in report.trending],
            "feed_query": feed_query,
            "suppress_below": SUPPRESS_BELOW,
            "rule": {"recent": RECENT_MONTHS, "ratio": number_format(float(RATIO)), "minimum": MIN_RECENT},
        },
        status=status,
    )
