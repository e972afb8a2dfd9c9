"""Slugs from the visible words (issue 21, item 9a): tags stripped, letters transliterated, a numbered fallback."""

import re

import pytest

from haastemoottori.core.slugs import slug_from_text, unique_slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("<script>alert(1)</script>", "alert1"),
        ("<b>Hiilineutraali</b> lämmitys", "hiilineutraali-lammitys"),
        ("Åbo översvämning – café", "abo-oversvamning-cafe"),
        ("Søndre Ærø straße", "sondre-aero-strasse"),
        ("R&amp;D päivä", "rd-paiva"),
        ("🚲🌳", ""),
        ("<i>🚲</i>", ""),
    ],
)
def test_slug_from_text(text, slug):
    assert slug_from_text(text) == slug


def test_unique_slug_numbers_clashes_and_falls_back_to_the_kind_with_a_number():
    taken = {"pyoratie", "pyoratie-2", "my"}
    assert unique_slug("Pyörätie", fallback="event", exists=taken.__contains__) == "pyoratie-3"
    assert unique_slug("My", fallback="event", exists=lambda s: False, reserved={"my"}) == "my-2"
    emoji = unique_slug("🚲🌳", fallback="challenge", exists=lambda s: False)
    assert re.fullmatch(r"challenge-\d{4}", emoji)
    assert slug_from_text("x" * 200, max_length=70) == "x" * 70
