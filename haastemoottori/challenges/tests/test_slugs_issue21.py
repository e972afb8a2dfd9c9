"""Challenge, event and organisation slugs come from the visible words (issue 21, item 9a)."""

import re

import pytest

from haastemoottori.organisations.services import department_create

pytestmark = pytest.mark.django_db


def test_challenge_slug_from_a_title_with_markup_or_only_emoji(make_challenge):
    assert make_challenge(title={"fi": "<script>alert(1)</script> Pyörätie"}).slug == "alert1-pyoratie"
    first, second = make_challenge(title={"fi": "🚲🌳"}), make_challenge(title={"fi": "🌊"})
    assert re.fullmatch(r"challenge-\d{4}(-\d+)?", first.slug) and first.slug != second.slug


def test_department_slug_from_the_visible_name(region):
    department = department_create(actor=None, organisation=region.espoo, name={"fi": "<em>Ympäristö</em>keskus"})
    assert department.slug == "ymparistokeskus"
