"""Dashboard pages and downloads: permissions per role, filter errors, exports equal to the page, query counts."""

import csv
import io
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from haastemoottori.impact.figures import PUBLIC_FIGURES, STAFF_FIGURES, figure_compute
from haastemoottori.impact.selectors import impact_filters_for

from .conftest import at, make_world_challenge

pytestmark = pytest.mark.django_db

DASHBOARD = "/fi/impact/"
STAFF = "/fi/impact/staff/"
IMPACT_QUERIES = 15  # the anonymous public page, every figure computed (one per figure); may go down, never up


def login(client, world, role):
    if role != "anonymous":
        client.force_login(world.people[role])
    return client


@pytest.mark.parametrize(
    ("role", "public_status", "staff_status"),
    [
        ("anonymous", 200, 302),
        ("outsider", 200, 403),
        ("company_admin", 200, 403),
        ("espoo_member", 200, 200),
        ("vantaa_owner", 200, 200),
        ("platform_admin", 200, 200),
    ],
)
def test_permissions_per_role_on_every_view(client, world, role, public_status, staff_status):
    login(client, world, role)
    assert client.get(DASHBOARD).status_code == public_status
    assert client.get(STAFF).status_code == staff_status
    for path in ("/fi/impact/challenges-by-stage.csv", "/fi/impact/challenges-by-stage.xlsx", "/fi/impact/impact.xlsx"):
        assert client.get(path).status_code == 200
        assert client.get(path + "?scope=staff").status_code == staff_status
    assert client.get("/fi/impact/own-departments.csv").status_code == 404  # a staff figure only
    assert client.get("/fi/impact/own-departments.csv?scope=staff").status_code == staff_status
    if staff_status == 302:
        assert client.get(STAFF)["Location"].startswith(reverse("accounts:login"))


def test_anonymous_staff_link_only_for_staff(client, world):
    assert STAFF.encode() not in client.get(DASHBOARD).content
    login(client, world, "espoo_member")
    assert STAFF.encode() in client.get(DASHBOARD).content


def test_a_draft_is_counted_only_on_the_staff_dashboard(client, world):
    anonymous = client.get(DASHBOARD + "challenges-by-stage.csv?city=espoo")
    staff_csv = None
    login(client, world, "espoo_member")
    staff_csv = client.get(DASHBOARD + "challenges-by-stage.csv?city=espoo&scope=staff")
    public_rows = dict(list(csv.reader(io.StringIO(anonymous.content.decode("utf-8-sig"))))[1:])
    staff_rows = dict(list(csv.reader(io.StringIO(staff_csv.content.decode("utf-8-sig"))))[1:])
    draft = gettext("Draft")
    assert draft not in public_rows
    assert staff_rows[draft] == "1"
    page = client.get(STAFF + "?city=espoo").content.decode()
    assert 'aria-label="' in page and gettext("Draft") in page


@pytest.mark.parametrize(
    "query",
    [
        "from=2025-13-01",
        "from=2025-05-01&to=2025-01-01",
        "city=nowhere",
        "period=this_year&from=2025-01-01",
        "period=decade",
        "to=9999-12-31",
        "from=0001-01-01",
        "from=0001-01-01&to=0001-01-02",
    ],
)
def test_bad_filters_answer_400_with_the_error_in_the_users_language(client, world, query):
    response = client.get(DASHBOARD + "?" + query)
    assert response.status_code == 400
    text = response.content.decode()
    messages = {
        "from=2025-13-01": gettext("Enter a valid date."),
        "from=2025-05-01&to=2025-01-01": gettext("The end of the period must not be before its start."),
        "period=this_year&from=2025-01-01": gettext("Choose a preset period or dates, not both."),
    }
    expected = messages.get(query)
    if expected:
        assert expected in text
    assert 'role="alert"' in text
    export = client.get("/fi/impact/challenges-by-stage.csv?" + query)
    assert export.status_code == 400
    assert client.get("/fi/impact/impact.xlsx?" + query).status_code == 400
    if expected:
        assert expected in export.content.decode()


def test_errors_are_in_finnish_on_the_finnish_page(client, world):
    response = client.get(DASHBOARD + "?from=huomenna")
    with translation.override("fi"):
        message = gettext("Enter a valid date.")
    assert message != "Enter a valid date." and message in response.content.decode()


def test_presets_set_the_period(client, world):
    response = client.get(DASHBOARD + "challenges-by-stage.xlsx?period=this_year")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "1.1.2025–15.6.2025" in sheet.cell(row=3, column=2).value
    response = client.get(DASHBOARD + "?period=last_12_months")
    assert response.status_code == 200
    assert "from=2024-06-16&amp;to=2025-06-15" in response.content.decode()


def test_every_figure_on_the_page_has_a_chart_a_table_and_downloads(client, world):
    page = client.get("/en/impact/?city=vantaa").content.decode()
    for key in PUBLIC_FIGURES:
        assert f'id="figure-{key}"' in page
        assert f"/en/impact/{key}.csv?city=vantaa" in page
        assert f"/en/impact/{key}.xlsx?city=vantaa" in page
    assert page.count('role="img"') == page.count("<table")
    assert page.count('<th scope="col">') > 10
    assert (
        'aria-label="Bar chart, Challenges by city (Challenges): City of Espoo: 1; City of Helsinki: 0; '
        'City of Vantaa: 2."' in page
    )
    assert "/en/impact/impact.xlsx?city=vantaa" in page


@pytest.mark.parametrize("key", list(PUBLIC_FIGURES))
def test_exports_contain_the_same_numbers(client, world, key):
    filters = impact_filters_for(user=AnonymousUser(), staff=False, date_from=date(2025, 1, 1))
    figure = figure_compute(key, filters)
    expected = [[str(cell) for cell in row] for row in figure.rows]
    response = client.get(f"/fi/impact/{key}.csv?from=2025-01-01")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [str(c) for c in figure.columns]
    assert rows[1:] == expected
    sheet = load_workbook(io.BytesIO(client.get(f"/fi/impact/{key}.xlsx?from=2025-01-01").content)).active
    assert [c.value for c in sheet[5]] == [str(c) for c in figure.columns]
    xlsx_rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=6)]
    assert [[float(v) if isinstance(v, (int, float)) else v for v in row] for row in xlsx_rows] == [
        [float(v) if not isinstance(v, str) else v for v in row] for row in figure.rows
    ]


def test_the_workbook_has_one_sheet_per_figure(client, world):
    login(client, world, "espoo_member")
    book = load_workbook(io.BytesIO(client.get("/fi/impact/impact.xlsx?scope=staff").content))
    assert book.sheetnames == list(STAFF_FIGURES)
    stage = book["challenges-by-stage"]
    values = {row[0].value: row[1].value for row in stage.iter_rows(min_row=6)}
    assert values[gettext("Draft")] == 1
    public_book = load_workbook(io.BytesIO(client.get("/fi/impact/impact.xlsx").content))
    assert public_book.sheetnames == list(PUBLIC_FIGURES)
    assert gettext("Draft") not in {row[0].value for row in public_book["challenges-by-stage"].iter_rows(min_row=6)}


def _add_challenges(world, n, prefix):
    for i in range(n):
        make_world_challenge(
            f"{prefix}-{i}",
            stage="open_call",
            created=at(2025, 1, 2),
            themes=world.themes,
            changes=[("draft", "in_review", at(2025, 1, 3)), ("in_review", "open_call", at(2025, 1, 4))],
            owners=[(world.espoo, "lead", world.departments["espoo"]), (world.helsinki, "co_owner", None)],
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        DASHBOARD,
        DASHBOARD + "?city=espoo&period=this_year",
        STAFF,
        "/fi/impact/impact.xlsx",
        "/fi/impact/time-in-stage.csv",
    ],
)
def test_query_counts_are_bounded_and_do_not_grow_with_the_data(client, world, url, django_assert_max_num_queries):
    if url.startswith(STAFF):
        login(client, world, "espoo_member")
    _add_challenges(world, 3, "few")
    few = _count(client, url)
    _add_challenges(world, 27, "many")
    assert _count(client, url) == few
    # One query per figure (two for proposals per call: counts, then the titles of the rows kept) plus the
    # city choices. Above the usual 10 for a page when computed, so the public figures are cached too.
    with django_assert_max_num_queries(25 if url.startswith(STAFF) else IMPACT_QUERIES):
        client.get(url)


def test_a_long_figure_shows_its_largest_rows_and_exports_them_all(client, world, monkeypatch):
    from haastemoottori.impact import views

    monkeypatch.setattr(views, "PAGE_ROWS", 1)
    page = client.get(DASHBOARD).content.decode()
    figure = figure_compute("challenges-by-city", impact_filters_for(user=AnonymousUser(), staff=False))
    assert len(figure.rows) > 1
    section = page.split('id="figure-challenges-by-city"')[1].split("</section>")[0]
    assert str(figure.rows[0][0]) in section and str(figure.rows[1][0]) not in section
    rows = list(csv.reader(io.StringIO(client.get("/fi/impact/challenges-by-city.csv").content.decode("utf-8-sig"))))
    assert len(rows) - 1 == len(figure.rows)
