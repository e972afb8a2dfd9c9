"""Trends for the foresight page: monthly counts per theme, the trending-up rule and the hiding of small counts,
checked against counts worked out by hand."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from haastemoottori.backlog.trends import FEW, SHOWN, WITHHELD, is_trending, month_starts, theme_trends
from haastemoottori.signals.models import Signal
from haastemoottori.taxonomy.models import Theme

TODAY = date(2025, 6, 15)
HELSINKI = ZoneInfo("Europe/Helsinki")
# The 12 months up to TODAY: July 2024 .. June 2025. The recent window is April, May and June 2025.
MONTHS = [date(2024, m, 1) for m in range(7, 13)] + [date(2025, m, 1) for m in range(1, 7)]


def make_signals(city, theme, month: date, n: int, *, status=Signal.Status.ACCEPTED, marker: str = "", day: int = 10):
    """``n`` signals about ``theme`` observed at noon (Helsinki) on ``day`` of ``month``."""
    observed = datetime(month.year, month.month, day, 12, tzinfo=HELSINKI)
    signals = Signal.objects.bulk_create(
        [
            Signal(
                source=Signal.Source.RESIDENT,
                status=status,
                title=f"{marker} otsikko {i}",
                text=f"{marker} Asukkaan oma kuvaus {i}",
                language="fi",
                city=city,
                observed_at=observed,
                location_name=f"{marker} Kotikatu {i}",
            )
            for i in range(n)
        ]
    )
    Signal.themes.through.objects.bulk_create([Signal.themes.through(signal=s, theme=theme) for s in signals])
    return signals


def cells(trend):
    return [(c.state, c.value) for c in trend.cells]


def few(n):
    return [(FEW, None)] * n


@pytest.fixture
def mobility(db):
    return Theme.objects.create(slug="mobility", kind="city", name={"fi": "Liikkuminen", "en": "Mobility"})


@pytest.fixture
def history(region, mobility):
    """sdg-11 in Espoo: 1 a month for 9 months, then 4, 3, 5. Carbon neutrality in Vantaa: 3 every month.
    Mobility: 2 signals in the whole period. Plus signals that must not count."""
    sdg, carbon = region.themes
    for month in MONTHS[:9]:
        make_signals(region.espoo, sdg, month, 1)
    for month, n in zip(MONTHS[9:], (4, 3, 5), strict=True):
        make_signals(region.espoo, sdg, month, n)
    for month in MONTHS:
        make_signals(region.vantaa, carbon, month, 3)
    make_signals(region.espoo, mobility, MONTHS[10], 2)
    # Not counted: waiting for moderation, rejected, before the period, after it.
    make_signals(region.vantaa, carbon, MONTHS[11], 4, status=Signal.Status.PENDING)
    make_signals(region.vantaa, carbon, MONTHS[11], 4, status=Signal.Status.REJECTED)
    make_signals(region.espoo, sdg, date(2024, 6, 1), 7, day=30)
    make_signals(region.espoo, sdg, date(2025, 7, 1), 7, day=1)
    return sdg, carbon


def test_month_starts():
    assert month_starts(months=12, today=TODAY) == MONTHS
    assert month_starts(months=3, today=date(2025, 1, 31)) == [date(2024, 11, 1), date(2024, 12, 1), date(2025, 1, 1)]


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # recent 9 (3 a month) against earlier 9 (1 a month): ratio 3
        ([1] * 9 + [3, 3, 3], True),
        # recent 9 (3 a month) against earlier 18 (2 a month): ratio exactly 1.5
        ([2] * 9 + [3, 3, 3], True),
        # recent 8 (2.67 a month) against 2 a month: ratio 1.33
        ([2] * 9 + [3, 3, 2], False),
        # nothing earlier, but only 5 recent signals (fewer than 6)
        ([0] * 9 + [2, 2, 1], False),
        # nothing earlier, 6 recent signals
        ([0] * 9 + [2, 2, 2], True),
        # a steady 10 a month
        ([10] * 12, False),
        # 6 months: recent 2 a month against 1 a month
        ([1, 1, 1, 2, 2, 2], True),
        # 6 months: recent 7 (2.33 a month) against 5 (1.67 a month): ratio 1.4
        ([2, 2, 1, 3, 2, 2], False),
    ],
)
def test_trending_rule(counts, expected):
    assert is_trending(counts) is expected


def test_counts_per_theme_and_month_with_small_counts_hidden(region, history):
    sdg, carbon = history
    report = theme_trends(months=12, today=TODAY)
    assert report.months == MONTHS
    assert [t.theme for t in report.themes] == [sdg, carbon]  # mobility has only 2 signals: not listed
    first, second = report.themes
    assert first.trending is True and second.trending is False
    assert cells(first) == [*few(9), (SHOWN, 4), (SHOWN, 3), (SHOWN, 5)]
    assert cells(second) == [(SHOWN, 3)] * 12  # pending, rejected, earlier and later signals not counted
    assert [t.theme for t in report.trending] == [sdg]
    assert first.cells[0].label == gettext("fewer than %(n)s") % {"n": 3}
    assert first.cells[9].label == "4"


def test_city_filter(region, history):
    sdg, carbon = history
    espoo = theme_trends(city=region.espoo, months=12, today=TODAY)
    assert [(t.theme, t.trending) for t in espoo.themes] == [(sdg, True)]
    assert cells(espoo.themes[0]) == [*few(9), (SHOWN, 4), (SHOWN, 3), (SHOWN, 5)]
    vantaa = theme_trends(city=region.vantaa, months=12, today=TODAY)
    assert [(t.theme, t.trending) for t in vantaa.themes] == [(carbon, False)]
    assert theme_trends(city=region.helsinki, months=12, today=TODAY).themes == []


def test_a_shorter_period(region, history):
    sdg, carbon = history
    report = theme_trends(months=6, today=TODAY)
    assert report.months == MONTHS[6:]
    # sdg-11 over 6 months: 1, 1, 1 earlier (1 a month), 4, 3, 5 recent (4 a month)
    assert [(t.theme, t.trending) for t in report.themes] == [(sdg, True), (carbon, False)]
    assert cells(report.themes[0]) == [*few(3), (SHOWN, 4), (SHOWN, 3), (SHOWN, 5)]
    assert cells(report.themes[1]) == [(SHOWN, 3)] * 6


def test_an_all_cities_total_that_would_reveal_one_citys_small_count_is_withheld(region):
    sdg = region.themes[0]
    april, may, june = MONTHS[9:]
    for city, counts in ((region.espoo, (3, 5, 5)), (region.vantaa, (3, 1, 4)), (region.helsinki, (3, 0, 1))):
        for month, n in zip((april, may, june), counts, strict=True):
            make_signals(city, sdg, month, n)
    report = theme_trends(months=12, today=TODAY)
    # April: 9, no small count anywhere. May: 6; Vantaa's 1 and Helsinki's 0 are both hidden, so the 1 cannot be
    # placed. June: 10, but only Helsinki's count (1) is hidden: 10 - 5 - 4 would reveal it.
    assert cells(report.themes[0])[9:] == [(SHOWN, 9), (SHOWN, 6), (WITHHELD, None)]
    assert report.themes[0].cells[11].label == gettext("not shown")
    helsinki = theme_trends(city=region.helsinki, months=12, today=TODAY)
    assert cells(helsinki.themes[0])[9:] == [(SHOWN, 3), (FEW, None), (FEW, None)]
    vantaa = theme_trends(city=region.vantaa, months=12, today=TODAY)
    assert cells(vantaa.themes[0])[9:] == [(SHOWN, 3), (FEW, None), (SHOWN, 4)]


def test_months_are_helsinki_calendar_months(region):
    theme = region.themes[1]
    # 22:30 UTC on 31 March is 01:30 on 1 April in Helsinki (summer time, UTC+3): counted in April.
    instant = datetime(2025, 3, 31, 22, 30, tzinfo=ZoneInfo("UTC"))
    signals = make_signals(region.helsinki, theme, MONTHS[8], 3)
    Signal.objects.filter(pk__in=[s.pk for s in signals]).update(observed_at=instant)
    report = theme_trends(months=12, today=TODAY)
    assert cells(report.themes[0])[8:10] == [(FEW, None), (SHOWN, 3)]
    # The period starts at midnight in Helsinki on 1 July 2024: 21:30 UTC on 30 June is inside it, 20:30 is not.
    Signal.objects.filter(pk__in=[s.pk for s in signals]).update(
        observed_at=datetime(2024, 6, 30, 21, 30, tzinfo=ZoneInfo("UTC"))
    )
    report = theme_trends(months=12, today=TODAY)
    assert cells(report.themes[0])[0] == (SHOWN, 3)
    Signal.objects.filter(pk__in=[s.pk for s in signals]).update(
        observed_at=datetime(2024, 6, 30, 20, 30, tzinfo=ZoneInfo("UTC"))
    )
    assert theme_trends(months=12, today=TODAY).themes == []


def test_default_is_the_last_twelve_months_to_today(region):
    theme = region.themes[0]
    make_signals(region.espoo, theme, timezone.localdate().replace(day=1), 3, day=1)
    report = theme_trends()
    assert len(report.months) == 12 and report.months[-1] == timezone.localdate().replace(day=1)
    assert cells(report.themes[0])[-1] == (SHOWN, 3)


def test_two_queries_whatever_the_data(region, history, django_assert_num_queries):
    with django_assert_num_queries(2):
        theme_trends(months=24, today=TODAY, city_ids={region.espoo.pk, region.vantaa.pk, region.helsinki.pk})
    with django_assert_num_queries(2):
        theme_trends(city=region.espoo, months=12, today=TODAY)
