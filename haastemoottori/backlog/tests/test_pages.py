"""Every backlog page renders in every language, with tables marked up for screen readers, within a query budget."""

import re

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from haastemoottori.backlog import services

from .conftest import criteria, promote, sheet, single_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def full(world):
    w = world
    w.crit = criteria(w)
    w.candidate = promote(w, co_owners=[w.vantaa])
    w.other = single_candidate(w, "Toinen")
    w.third = single_candidate(w, "Kolmas", day=12)
    sheet(w, "espoo_owner", w.candidate, {w.crit[0]: 5, w.crit[1]: 2}, comment="Hyvä.")
    sheet(w, "espoo_member", w.candidate, {w.crit[0]: 1, w.crit[1]: 1})
    sheet(w, "espoo_owner", w.other, {w.crit[0]: 3, w.crit[1]: 3}, submit=False)
    services.comparison_record(actor=w.people["espoo_member"], city=w.espoo, winner=w.other, loser=w.third)
    services.candidate_publish(
        actor=w.people["espoo_owner"], candidate=w.candidate, public_reason={"fi": "Syy."}, language="fi"
    )
    return w


def urls(w):
    return [
        reverse("backlog:index"),
        reverse("backlog:city", args=["espoo"]),
        reverse("backlog:criteria", args=["espoo"]),
        reverse("backlog:criterion", args=["espoo", w.crit[0].pk]),
        reverse("backlog:pairwise", args=["espoo"]),
        reverse("backlog:score", args=["espoo", w.candidate.pk]),
        reverse("backlog:score", args=["espoo", w.other.pk]),
        reverse("backlog:candidate", args=[w.candidate.pk]),
        reverse("backlog:candidate", args=[w.other.pk]),
        reverse("backlog:promote-cluster", args=[w.cluster.pk]),
        reverse("backlog:promote-signal", args=[w.s1.pk]),
    ]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_pages_render_accessibly(client, full, lang, django_assert_max_num_queries):
    w = full
    client.force_login(w.people["espoo_owner"])
    with translation.override(lang):
        pages = urls(w)
    for url in pages:
        with django_assert_max_num_queries(25):
            response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html
        for table in re.findall(r"<table.*?</table>", html, flags=re.S):
            assert "<caption" in table and 'scope="col"' in table, url
        assert html.count("<h1") == 1, url


def test_backlog_shows_both_rankings_to_a_reader(client, full):
    w = full
    client.force_login(w.people["platform_admin"])
    html = client.get(reverse("backlog:city", args=["espoo"])).content.decode()
    rows = re.findall(r"<tr>.*?</tr>", html, flags=re.S)
    # The scored candidate first: A means (5+1)/2 = 3 -> 0.5, B (2+1)/2 = 1.5 -> 0.125; weights 3 and 1:
    # (3*0.5 + 1*0.125)/4 = 40.625, shown as 40.6 (in Finnish 40,6). Then the two without submitted scores, with
    # Toinen's one pairwise comparison (a win over Kolmas) next to them.
    with translation.override("fi"):
        assert "Koulujen sisäilma" in rows[0] and str(floatformat(40.625, 1)) in rows[0]
        one = ngettext("%(counter)s comparison", "%(counter)s comparisons", 1) % {"counter": 1}
    toinen = next(r for r in rows if "Toinen" in r)
    kolmas = next(r for r in rows if "Kolmas" in r)
    assert one in toinen and one in kolmas
    assert html.index("Koulujen sisäilma") < html.index("Toinen")
