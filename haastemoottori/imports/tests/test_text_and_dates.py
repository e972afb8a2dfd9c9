"""Sanitising imported HTML into plain-text paragraphs, and reading free-text dates."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from haastemoottori.imports.services.dates import DateProblem, parse_datetime_text
from haastemoottori.imports.services.text import html_sanitise, html_to_text, shorten, text_clean

EASTERN = ZoneInfo("America/New_York")


def test_sanitiser_removes_scripts_handlers_and_dangerous_links():
    html = (
        '<p onclick="steal()">Hi <b>there</b></p><script>alert(1)</script><style>p{}</style>'
        '<a href="javascript:alert(1)">x</a><img src=x onerror="alert(2)"><iframe src="https://e.example">f</iframe>'
    )
    safe = html_sanitise(html)
    for bad in ("onclick", "script", "alert", "style", "javascript", "onerror", "<img", "iframe"):
        assert bad not in safe
    text = html_to_text(html)
    assert text == "Hi there\n\nx"
    assert "<" not in text


def test_structure_becomes_paragraphs_lines_and_bullets():
    html = (
        "<h4>Rules</h4><p>One&nbsp;&amp; two.<br>Next line.</p><ul><li>first</li><li><p>second</p></li></ul>"
        '<p>See <a href="https://example.org/a">the brief</a>, <a href="/challenge/x/">this</a> and '
        '<a href="mailto:help@example.org">help@example.org</a>.</p>'
    )
    assert html_to_text(html, base_url="https://www.challenge.gov") == (
        "Rules\n\nOne & two.\nNext line.\n\n• first\n• second\n\n"
        "See the brief (https://example.org/a), this (https://www.challenge.gov/challenge/x/) and help@example.org."
    )


def test_plain_text_keeps_its_line_breaks_and_drops_control_characters():
    text = text_clean("First line\r\nsecond\n\n\n\nNew  paragraph\x07 a < b")
    assert text == "First line\nsecond\n\nNew paragraph a < b"
    assert text_clean("AT&amp;T") == "AT&T"
    assert text_clean(None) == ""


def test_shorten_cuts_at_a_word():
    assert shorten("alpha beta gamma", 12) == "alpha beta…"
    assert shorten("short", 12) == "short"


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2020/03/19 12 p.m.", False, datetime(2020, 3, 19, 12, 0, tzinfo=EASTERN)),
        ("03/10/2020 9 AM", False, datetime(2020, 3, 10, 9, 0, tzinfo=EASTERN)),
        ("12/03/2021 11:59 p.m.", True, datetime(2021, 12, 3, 23, 59, tzinfo=EASTERN)),
        ("06/01/2021 10:00AM", False, datetime(2021, 6, 1, 10, 0, tzinfo=EASTERN)),
        ("March 16, 2020", False, datetime(2020, 3, 16, 0, 0, tzinfo=EASTERN)),
        ("March 16, 2020", True, datetime(2020, 3, 16, 23, 59, 59, tzinfo=EASTERN)),
        ("04/22/2019 ", True, datetime(2019, 4, 22, 23, 59, 59, tzinfo=EASTERN)),
        ("07/04/2021 5:00 PM PT", False, datetime(2021, 7, 4, 17, 0, tzinfo=ZoneInfo("America/Los_Angeles"))),
        ("2021-03-01T10:00:00Z", False, datetime(2021, 3, 1, 10, 0, tzinfo=ZoneInfo("UTC"))),
        ("2021-03-01T10:00:00+02:00", False, datetime(2021, 3, 1, 8, 0, tzinfo=ZoneInfo("UTC"))),
        ("01/02/2020 - 03/04/2020", False, datetime(2020, 1, 2, 0, 0, tzinfo=EASTERN)),
        ("01/02/2020 - 03/04/2020", True, datetime(2020, 3, 4, 23, 59, 59, tzinfo=EASTERN)),
        ("March 1 - April 30, 2021", False, datetime(2021, 3, 1, 0, 0, tzinfo=EASTERN)),
        ("noon 07/04/2021", False, datetime(2021, 7, 4, 12, 0, tzinfo=EASTERN)),
    ],
)
def test_date_formats(text, end, expected):
    parsed = parse_datetime_text(text, end=end)
    assert parsed == expected and parsed.tzinfo is not None


@pytest.mark.parametrize("value", [None, "", "   "])
def test_empty_dates_are_none(value):
    assert parse_datetime_text(value) is None


@pytest.mark.parametrize(
    "garbage", ["TBD", "04/23/ 10:00 AM", "03/02/20202 05:00 PM", "13/45/2020", "1/1/1850", "sometime soon", "March 16"]
)
def test_garbage_dates_are_problems(garbage):
    with pytest.raises(DateProblem):
        parse_datetime_text(garbage)


def test_progress_bar_only_on_a_terminal_and_not_when_turned_off():
    from io import StringIO

    from django.core.management.base import OutputWrapper

    from haastemoottori.imports.reporting import progress

    class Terminal(StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    bar = progress([1, 2], total=2, stderr=OutputWrapper(terminal), enabled=True, unit="record")
    assert not bar.disable
    assert list(bar) == [1, 2]
    assert "/2 [" in terminal.getvalue()  # the bar was drawn (and cleared at the end)
    assert progress([1], total=1, stderr=OutputWrapper(StringIO()), enabled=True, unit="record").disable
    assert progress([1], total=1, stderr=OutputWrapper(Terminal()), enabled=False, unit="record").disable
