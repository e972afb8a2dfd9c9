"""The public foresight page: published candidates only, trending themes with a chart and a table, filters that
work without JavaScript, every language, the page cache and a constant number of queries."""

import re
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from conftest import publishable
from haastemoottori.backlog import views_foresight
from haastemoottori.backlog.models import Candidate
from haastemoottori.challenges import services
from haastemoottori.signals.models import Signal

from .test_foresight_trends import make_signals

MARKER = "ZQXSECRET"
REASON = {"fi": "Asukkaat tarvitsevat tätä", "sv": "Invånarna behöver detta", "en": "Residents need this"}


def url(lang: str = "en", query: str = "") -> str:
    with translation.override(lang):
        return reverse("foresight:index") + (f"?{query}" if query else "")


def publish_candidate(challenge, *, days_ago: int = 1, reason=None):
    return Candidate.objects.create(
        challenge=challenge,
        published_at=timezone.now() - timedelta(days=days_ago),
        public_reason=REASON if reason is None else reason,
    )


def build_foresight(region, make_challenge):
    """Published candidates: an Espoo draft, a public Espoo challenge, a Vantaa draft. An unpublished candidate
    and signals (accepted and waiting) that carry MARKER everywhere a resident could write."""
    vantaa_owner = region.people["vantaa_owner"]
    draft = make_challenge(title={"fi": "Tuleva tarve", "sv": "Kommande behov", "en": "Coming need"})
    public = publishable(
        make_challenge(title={"fi": "Julkinen haaste", "sv": "Offentlig utmaning", "en": "Public challenge"}), region
    )
    public = services.challenge_transition(actor=region.people["espoo_owner"], challenge=public, target="co_definition")
    vantaa = make_challenge(
        lead=region.vantaa,
        actor=vantaa_owner,
        title={"fi": "Vantaan tarve", "sv": "Vandas behov", "en": "Vantaa's need"},
    )
    secret = make_challenge(
        title={"fi": f"{MARKER} otsikko", "en": f"{MARKER} title"}, summary={"fi": f"{MARKER} tiivistelmä"}
    )
    candidates = SimpleNamespace(
        draft=publish_candidate(draft, days_ago=3),
        public=publish_candidate(public),
        vantaa=publish_candidate(vantaa, days_ago=2),
        secret=Candidate.objects.create(challenge=secret, public_reason={"fi": f"{MARKER} syy"}),
    )
    sdg = region.themes[0]
    today = timezone.localdate()
    this_month = today.replace(day=1)
    for back in range(3):  # 4 accepted signals a month in the last three months: sdg-11 is trending up
        month = (this_month - timedelta(days=28 * back + 1)).replace(day=1) if back else this_month
        make_signals(region.espoo, sdg, month, 4, marker=MARKER, day=1)
    make_signals(region.vantaa, region.themes[1], this_month, 5, marker=MARKER, status=Signal.Status.PENDING, day=1)
    candidates.challenges = SimpleNamespace(draft=draft, public=public, vantaa=vantaa, secret=secret)
    return candidates


@pytest.fixture
def foresight(region, make_challenge):
    return build_foresight(region, make_challenge)


def content(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_page_in_every_language(client, foresight, region, lang):
    response = client.get(url(lang))
    assert response.status_code == 200
    html = content(response)
    assert f'<html lang="{lang}">' in html
    with translation.override(lang):
        assert f"<h1>{gettext('Coming needs')}</h1>" in html
        assert gettext("Themes trending up") in html
        feed = reverse("foresight:feed")
    for text in (
        foresight.challenges.draft.title[lang],
        foresight.challenges.public.title[lang],
        foresight.challenges.vantaa.title[lang],
        REASON[lang],
        region.themes[0].name[lang],
    ):
        assert text in html.replace("&#x27;", "'"), text
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in html


@pytest.mark.parametrize("query", ["", "city=espoo", "period=6", "period=24", "city=vantaa&period=12"])
def test_only_published_candidates_and_only_counts_of_signals(client, foresight, query):
    html = content(client.get(url("en", query)))
    assert MARKER not in html
    for signal in Signal.objects.all():
        assert signal.title not in html and signal.location_name not in html


def test_the_marker_check_can_fail(client, foresight):
    Candidate.objects.filter(pk=foresight.secret.pk).update(published_at=timezone.now())
    assert MARKER in content(client.get(url("en")))


def test_a_public_challenge_is_linked_and_a_draft_is_not(client, foresight):
    html = content(client.get(url("en")))
    public, draft = foresight.challenges.public, foresight.challenges.draft
    assert f'href="/en/challenges/{public.slug}/"' in html
    assert f"/challenges/{draft.slug}/" not in html
    assert f'id="candidate-{foresight.draft.pk}"' in html
    assert foresight.challenges.draft.summary["en"] in html  # its summary is shown instead


def test_city_filter(client, foresight, region):
    html = content(client.get(url("en", "city=vantaa")))
    assert "Vantaa&#x27;s need" in html
    assert "Coming need<" not in html and "Public challenge" not in html
    with translation.override("en"):
        assert f'href="{reverse("foresight:feed")}?city=vantaa"' in html
    # Espoo's signals are the only ones: Vantaa has no theme with 3 signals.
    assert region.themes[0].name["en"] not in html
    html = content(client.get(url("en", "city=espoo")))
    assert "Vantaa&#x27;s need" not in html and "Coming need" in html and "Public challenge" in html
    assert region.themes[0].name["en"] in html


def test_trending_themes_have_a_chart_and_a_table(client, foresight, region):
    html = content(client.get(url("en")))
    with translation.override("en"):
        few, trending_up = gettext("fewer than %(n)s") % {"n": 3}, gettext("Trending up")
        about = gettext("Signals per month about %(theme)s: %(values)s.") % {
            "theme": "Sustainable cities",
            "values": "",
        }
    trending = html.split('id="trending-title"')[1].split('id="counts-title"')[0]
    assert "<h3>Sustainable cities</h3>" in trending
    chart = re.search(r'<svg role="img" aria-label="([^"]+)"', trending)
    assert chart and chart.group(1).startswith(about.rstrip("."))
    assert chart.group(1).count(": 4") == 3  # the last three months, 4 each
    assert chart.group(1).count(f": {few}") == 9
    table = html.split('id="counts-title"')[1]
    assert "<caption" in table and '<th scope="row">Sustainable cities</th>' in table
    assert table.count("<td>4</td>") == 3 and table.count(f"<td>{few}</td>") == 9
    assert f"<td>{trending_up}</td>" in table


def test_no_trending_theme_and_no_candidates(client, region):
    html = content(client.get(url("en")))
    assert gettext("No theme is trending up in this period.") in html
    assert gettext("No candidate challenges have been published yet.") in html
    assert gettext("Too few signals in this period to show any counts.") in html


@pytest.mark.parametrize(
    "query",
    [
        "city=nowhere",
        "city=testiyritys",
        "period=7",
        "period=abc",
        "period=-1",
        "city=%00&period=12",
        "period=99999999999999999999",
    ],
)
def test_bad_filter_values_give_the_page_with_a_message(client, foresight, query):
    response = client.get(url("en", query))
    assert response.status_code == 400
    html = content(response)
    assert "<h1>Coming needs</h1>" in html and gettext("Check the filters") in html
    assert 'aria-invalid="true"' in html
    assert "Coming need<" in html and "Vantaa&#x27;s need" in html  # shown without the bad filter
    assert MARKER not in html


def test_an_unknown_parameter_is_ignored(client, foresight):
    assert client.get(url("en", "utm_source=x")).status_code == 200


def test_rank_score_and_reason_as_the_selector_gives_them(client, foresight, region, monkeypatch):
    candidate = foresight.vantaa

    def selector(city=None):  # the real one reads the reason in the request's language too
        item = SimpleNamespace(
            candidate=candidate,
            challenge=candidate.challenge,
            cities=[region.vantaa, region.espoo],
            rank=2,
            score=72.5,
            public_reason=candidate.t.public_reason,
            published_at=candidate.published_at,
        )
        return [item, item]

    monkeypatch.setattr(views_foresight, "published_candidates", selector)
    html = content(client.get(url("en", "city=vantaa")))
    assert html.count(f'id="candidate-{candidate.pk}"') == 1  # one entry per candidate
    with translation.override("en"):
        rank = gettext("%(rank)s in the backlog of %(city)s") % {"rank": 2, "city": "City of Vantaa"}
        score = gettext("%(score)s / 100") % {"score": "72.5"}
    assert rank in html and score in html
    assert "<li>City of Vantaa</li><li>City of Espoo</li>" in html and REASON["en"] in html


def _queries(client, address) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(address)
    assert response.status_code in (200, 400)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("query", ["", "city=espoo&period=24", "city=nowhere"])
def test_a_constant_small_number_of_queries(client, foresight, region, make_challenge, query):
    small = _queries(client, url("en", query))
    for i in range(10):
        publish_candidate(make_challenge(title={"fi": f"Lisätarve {i}"}), days_ago=i + 5)
    for theme in region.themes:
        make_signals(region.espoo, theme, timezone.localdate().replace(day=1), 20, day=1)
        make_signals(region.helsinki, theme, timezone.localdate().replace(day=1), 20, day=1)
    assert Candidate.objects.filter(published_at__isnull=False).count() == 13
    assert _queries(client, url("en", query)) == small
    # the form's cities, the trends (2), the candidates (3) and each lead city's ranking (3 per city)
    assert small <= 12


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=60)
def test_served_from_the_page_cache(client, foresight):
    cache.clear()
    assert client.get(url("sv", "city=espoo"))["X-Page-Cache"] == "miss"
    assert client.get(url("sv", "city=espoo"))["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.get(url("sv", "period=5"))  # a 400 is not cached


def test_linked_from_the_main_navigation(client, region):
    html = content(client.get(reverse("site:home")))
    nav = html.split('class="site-nav"')[1].split("</nav>")[0]
    assert f'href="{reverse("foresight:index")}"' in nav


def test_the_counts_table_starts_at_the_newest_months(client, foresight):
    """The table of months scrolls in its own container, which starts at its right end (the newest months)."""
    html = content(client.get(url("fi", "period=24")))
    if 'aria-labelledby="counts-caption"' not in html:
        html = content(client.get(url("fi")))
    container = html.split('aria-labelledby="counts-caption"')[0].rsplit("<div", 1)[1]
    assert "hds-table-container" in container and "table-scroll--end" in container
    css = (Path(__file__).resolve().parents[2] / "core" / "static" / "core" / "site.css").read_text()
    assert ".table-scroll--end { direction: rtl; }" in css and ".table-scroll--end > table { direction: ltr; }" in css
