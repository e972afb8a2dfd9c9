"""The public figures' cache: shared per filter and language, dropped by a public change, never for staff."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.challenges.services.transitions import challenge_transition
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.impact.cache import dashboard_figure, dashboard_figures
from haastemoottori.impact.figures import PUBLIC_FIGURES, STAFF_FIGURES, figures_compute
from haastemoottori.impact.selectors import impact_filters_for

from .conftest import at, make_world_challenge

pytestmark = pytest.mark.django_db

DASHBOARD, STAFF = "/fi/impact/", "/fi/impact/staff/"


@pytest.fixture
def cached(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def public(**kwargs):
    return impact_filters_for(user=AnonymousUser(), staff=False, **kwargs)


def by_stage(figures):
    figure = next(f for f in figures if f.key == "challenges-by-stage")
    return {row[0]: row[1] for row in figure.rows}


def add_open_call(world, slug):
    """A published challenge written straight to the database: no service, so nothing tells the cache."""
    return make_world_challenge(
        slug,
        stage="open_call",
        created=at(2025, 1, 2),
        owners=[(world.espoo, "lead", None)],
        changes=[("in_review", "open_call", at(2025, 1, 4))],
    )


def test_a_second_request_reads_the_cache_and_equals_the_computed_figures(world, cached):
    with translation.override("fi"):
        first = dashboard_figures(public(), limit=20)
        with CaptureQueriesContext(connection) as queries:
            second = dashboard_figures(public(), limit=20)
        assert len(queries) == 0
        assert [f.rows for f in second] == [f.rows for f in first] == [f.rows for f in figures_compute(public())]
        assert [f.key for f in second] == list(PUBLIC_FIGURES)


def test_a_public_change_through_a_service_shows_on_the_next_request(world, cached, django_capture_on_commit_callbacks):
    open_call, evaluation = str(Stage.OPEN_CALL.label), str(Stage.EVALUATION.label)
    before = by_stage(dashboard_figures(public()))
    assert (before[open_call], before[evaluation]) == (1, 1)
    add_open_call(world, "unreported")
    assert by_stage(dashboard_figures(public())) == before  # cached: this write told nobody
    with django_capture_on_commit_callbacks(execute=True):
        challenge_transition(
            actor=world.people["espoo_owner"], challenge=world.challenges["a"], target=Stage.EVALUATION
        )
    after = by_stage(dashboard_figures(public()))
    # A moved on; the challenge written behind the services' back is counted now too.
    assert (after[open_call], after[evaluation]) == (1, 2)


def page_count(html: str, key: str, label: str) -> str:
    section = html.split(f'id="figure-{key}"')[1].split("</section>")[0]
    return section.split(f'<th scope="row">{label}</th><td>')[1].split("</td>")[0]


def test_public_content_changed_drops_every_entry_and_the_page_shows_it(
    client, world, cached, django_capture_on_commit_callbacks
):
    client.force_login(world.people["outsider"])  # signed in: no page cache; the figures' cache still serves
    open_call = str(Stage.OPEN_CALL.label)
    assert page_count(client.get(DASHBOARD + "?city=espoo").content.decode(), "challenges-by-stage", open_call) == "1"
    add_open_call(world, "later")
    assert page_count(client.get(DASHBOARD + "?city=espoo").content.decode(), "challenges-by-stage", open_call) == "1"
    with django_capture_on_commit_callbacks(execute=True):
        public_content_changed()
    assert page_count(client.get(DASHBOARD + "?city=espoo").content.decode(), "challenges-by-stage", open_call) == "2"


def test_the_time_to_live_bounds_what_no_service_reports(world, cached, time_machine):
    assert by_stage(dashboard_figures(public()))[str(Stage.OPEN_CALL.label)] == 1
    add_open_call(world, "quiet")
    assert by_stage(dashboard_figures(public()))[str(Stage.OPEN_CALL.label)] == 1
    time_machine.shift(61)
    assert by_stage(dashboard_figures(public()))[str(Stage.OPEN_CALL.label)] == 2


def test_the_staff_dashboard_is_never_cached_and_never_reaches_the_public_cache(client, world, cached):
    draft = gettext("Draft")
    member = world.people["espoo_member"]
    staff = impact_filters_for(user=member, staff=True)
    assert draft in by_stage(dashboard_figures(staff))
    with CaptureQueriesContext(connection) as queries:
        dashboard_figures(staff)
    assert len(queries) >= len(STAFF_FIGURES)  # computed again
    assert draft not in by_stage(dashboard_figures(public()))
    client.force_login(member)
    staff_page = client.get(STAFF).content.decode()
    public_page = client.get(DASHBOARD).content.decode()
    assert 'id="figure-own-departments"' in staff_page and 'id="figure-own-departments"' not in public_page
    assert f'<th scope="row">{draft}</th>' in staff_page
    assert f'<th scope="row">{draft}</th>' not in public_page
    # A draft written now shows at once on the staff page; the public page never counts it.
    make_world_challenge(
        "new-draft", stage="draft", created=at(2025, 6, 1), changes=[], owners=[(world.espoo, "lead", None)]
    )
    assert by_stage(dashboard_figures(staff))[draft] == 2
    assert draft not in by_stage(dashboard_figures(public()))


def test_entries_are_per_language_and_per_filter(world, cached):
    with translation.override("en"):
        english = dashboard_figure("challenges-by-stage", public())
    with translation.override("fi"):
        finnish = dashboard_figure("challenges-by-stage", public())
        espoo = dashboard_figure("challenges-by-stage", public(city=world.espoo))
        with translation.override("en"):
            label = str(Stage.OPEN_CALL.label)
        assert str(Stage.OPEN_CALL.label) != label
        assert finnish.rows[1][0] == str(Stage.OPEN_CALL.label)
    assert english.rows[1][0] == label
    assert sum(row[1] for row in finnish.rows) == 3 and sum(row[1] for row in espoo.rows) == 1


def test_without_a_time_to_live_nothing_is_cached(world, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    dashboard_figures(public())
    with CaptureQueriesContext(connection) as queries:
        dashboard_figures(public())
    assert len(queries) >= len(PUBLIC_FIGURES)


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=60)
def test_the_page_and_the_downloads_share_whole_figures_but_not_their_rows(client, world, monkeypatch):
    from haastemoottori.impact import views

    cache.clear()
    monkeypatch.setattr(views, "PAGE_ROWS", 1)
    client.get(DASHBOARD)
    rows = client.get("/fi/impact/challenges-by-city.csv").content.decode("utf-8-sig").strip().splitlines()
    assert len(rows) - 1 == 3  # every city, not the one row the page shows
    cache.clear()


def test_a_signed_in_person_gets_the_rendered_figures_from_the_cache(client, world, cached):
    client.force_login(world.people["company_admin"])
    url = DASHBOARD + "?city=vantaa&period=this_year"
    with CaptureQueriesContext(connection) as first:
        rendered = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as second:
        again = client.get(url).content.decode()
    assert len(second) <= len(first) - len(PUBLIC_FIGURES)  # no figure query at all
    section = rendered.split('<section class="impact-figure"', 1)[1]
    assert section == again.split('<section class="impact-figure"', 1)[1]
    assert "/fi/impact/challenges-by-city.csv?city=vantaa&amp;from=2025-01-01&amp;to=2025-06-15" in again
