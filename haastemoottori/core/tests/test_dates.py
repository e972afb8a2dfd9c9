"""One date and time format per language (core/formats/) and the time range (core/dates.py, ``{% time_range %}``)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import formats, translation

from haastemoottori.core.dates import format_range

HELSINKI = ZoneInfo("Europe/Helsinki")
MOMENT = datetime(2027, 1, 4, 16, 0, tzinfo=HELSINKI)

EXPECTED = {
    # language: date, short date, date-time, short date-time, time
    "en": ("4 January 2027", "4 Jan 2027", "4 January 2027, 16:00", "4 Jan 2027, 16:00", "16:00"),
    "fi": ("4. tammikuuta 2027", "4.1.2027", "4. tammikuuta 2027 kello 16.00", "4.1.2027 16.00", "16.00"),
    "sv": ("4 januari 2027", "4.1.2027", "4 januari 2027 kl. 16.00", "4.1.2027 16.00", "16.00"),
}
NAMES = ("DATE_FORMAT", "SHORT_DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT", "TIME_FORMAT")


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_each_language_has_one_format_for_a_date_a_datetime_and_a_time(lang):
    with translation.override(lang):
        shown = tuple(
            formats.time_format(MOMENT, name) if name == "TIME_FORMAT" else formats.date_format(MOMENT, name)
            for name in NAMES
        )
        assert formats.date_format(MOMENT.date(), "SHORT_DATE_FORMAT") == EXPECTED[lang][1]
    assert shown == EXPECTED[lang]


def test_every_site_language_has_a_format_module():
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            # Django's US defaults (m/d/Y, "4 p.m.") and Sweden's ISO dates are never used.
            assert "/" not in formats.date_format(MOMENT, "SHORT_DATE_FORMAT")
            assert "-" not in formats.date_format(MOMENT, "SHORT_DATE_FORMAT")
            assert "m." not in formats.time_format(MOMENT, "TIME_FORMAT")


@pytest.mark.parametrize("lang", sorted(EXPECTED))
@pytest.mark.parametrize("name", [*NAMES, "MONTH_DAY_FORMAT", "YEAR_MONTH_FORMAT"])
def test_no_format_ends_with_a_full_stop(lang, name):
    """A sentence ending with a date or time gets one full stop, never "p.m.." or "klo 16.00..\""""
    with translation.override(lang):
        for moment in (MOMENT, datetime(2027, 9, 30, 9, 5, tzinfo=HELSINKI)):
            assert not formats.date_format(moment, name).endswith(".")


START = datetime(2026, 12, 16, 14, 0, tzinfo=HELSINKI)
SAME_DAY = datetime(2026, 12, 16, 15, 30, tzinfo=HELSINKI)
NEXT_DAY = datetime(2026, 12, 17, 12, 0, tzinfo=HELSINKI)


@pytest.mark.parametrize(
    ("lang", "one_day", "two_days", "dates"),
    [
        ("en", "16 Dec 2026, 14:00–15:30", "16 Dec 2026, 14:00 – 17 Dec 2026, 12:00", "16 Dec 2026 – 4 Jan 2027"),
        ("fi", "16.12.2026 14.00–15.30", "16.12.2026 14.00 – 17.12.2026 12.00", "16.12.2026–4.1.2027"),
        ("sv", "16.12.2026 14.00–15.30", "16.12.2026 14.00 – 17.12.2026 12.00", "16.12.2026–4.1.2027"),
    ],
)
def test_a_range_shows_the_date_once_on_one_day_and_both_dates_across_days(lang, one_day, two_days, dates):
    with translation.override(lang):
        assert format_range(START, SAME_DAY) == one_day
        assert format_range(START, NEXT_DAY) == two_days
        assert format_range(date(2026, 12, 16), date(2027, 1, 4)) == dates


def test_a_range_is_one_day_in_helsinki_not_in_utc():
    late = datetime(2026, 12, 16, 20, 0, tzinfo=HELSINKI)
    after_midnight = datetime(2026, 12, 16, 22, 30, tzinfo=ZoneInfo("UTC"))  # 0.30 on the 17th in Helsinki
    with translation.override("fi"):
        assert format_range(late, after_midnight) == "16.12.2026 20.00 – 17.12.2026 0.30"


def test_the_tag_marks_each_end_with_a_machine_readable_time():
    template = Template(
        "{% load dates %}{% time_range start end %}|{% time_range_text start end %}|{% time_range none %}"
    )
    with translation.override("en"):
        html = template.render(Context({"start": START, "end": SAME_DAY, "none": None}))
    assert html == (
        '<time datetime="2026-12-16T14:00:00+02:00">16 Dec 2026, 14:00</time>–'
        '<time datetime="2026-12-16T15:30:00+02:00">15:30</time>|16 Dec 2026, 14:00–15:30|'
    )
