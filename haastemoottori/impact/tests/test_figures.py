"""Every figure equals counts derived by hand from the world fixture (see conftest.py for the dates)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.challenges.models import Challenge
from haastemoottori.impact.db import Epoch
from haastemoottori.impact.figures import (
    challenges_by_city,
    challenges_by_department,
    challenges_by_stage,
    challenges_by_theme,
    companies_engaged,
    figure_compute,
    followers_and_answers,
    own_departments,
    proposals_per_call,
    time_in_stage,
)
from haastemoottori.impact.selectors import impact_filters_for

pytestmark = pytest.mark.django_db

THIS_YEAR = {"date_from": date(2025, 1, 1), "date_to": date(2025, 6, 15)}


def public(**kwargs):
    return impact_filters_for(user=AnonymousUser(), staff=False, **kwargs)


def staff(user, **kwargs):
    return impact_filters_for(user=user, staff=True, **kwargs)


def table(figure):
    return {row[0]: row[1:] if len(row) > 2 else row[1] for row in figure.rows}


def test_challenges_by_stage_public_staff_and_filters(world):
    by_stage = {row[0]: row[1] for row in challenges_by_stage(public()).rows}
    assert sum(by_stage.values()) == 3  # A, B and C: the draft D and E in review are not public
    assert len(by_stage) == 5  # co-definition, open call, evaluation, piloting, closed
    assert by_stage[str(Stage.OPEN_CALL.label)] == 1
    assert str(Stage.DRAFT.label) not in by_stage

    def counts(filters):
        return [row[1] for row in challenges_by_stage(filters).rows]

    # Order: (draft, in review,) co-definition, open call, evaluation, piloting, closed.
    assert counts(public()) == [0, 1, 1, 1, 0]
    assert counts(public(**THIS_YEAR)) == [0, 1, 0, 1, 0]  # B was published in 2024
    assert counts(public(city=world.espoo)) == [0, 1, 0, 0, 0]
    assert counts(public(city=world.vantaa)) == [0, 1, 1, 0, 0]  # co-owning A counts
    # Staff of Espoo: its draft D too, not Vantaa's E; a platform admin sees both.
    assert counts(staff(world.people["espoo_member"])) == [1, 0, 0, 1, 1, 1, 0]
    assert counts(staff(world.people["platform_admin"])) == [1, 1, 0, 1, 1, 1, 0]
    assert counts(staff(world.people["vantaa_member"])) == [0, 1, 0, 1, 1, 1, 0]


def test_challenges_by_city_counts_co_ownership_for_each_city(world):
    def cities(filters):
        return {row[0]: row[1] for row in challenges_by_city(filters).rows}

    assert cities(public()) == {"Espoon kaupunki": 1, "Helsingin kaupunki": 1, "Vantaan kaupunki": 2}
    assert cities(public(**THIS_YEAR)) == {"Espoon kaupunki": 1, "Helsingin kaupunki": 1, "Vantaan kaupunki": 1}
    assert cities(public(city=world.espoo)) == {"Espoon kaupunki": 1, "Helsingin kaupunki": 0, "Vantaan kaupunki": 1}
    assert cities(staff(world.people["espoo_member"])) == {
        "Espoon kaupunki": 2,
        "Helsingin kaupunki": 1,
        "Vantaan kaupunki": 2,
    }


def test_challenges_by_department_and_theme(world):
    assert table(challenges_by_department(public())) == {
        "Ympäristö (Espoon kaupunki)": 1,
        "Kaupunkiympäristö (Vantaan kaupunki)": 1,
    }
    assert table(challenges_by_department(public(**THIS_YEAR))) == {"Ympäristö (Espoon kaupunki)": 1}
    assert table(challenges_by_department(staff(world.people["espoo_member"]))) == {
        "Ympäristö (Espoon kaupunki)": 2,
        "Kaupunkiympäristö (Vantaan kaupunki)": 1,
    }
    assert table(challenges_by_theme(public())) == {"Kestävät kaupungit": 2, "Hiilineutraalius": 2}
    assert table(challenges_by_theme(public(**THIS_YEAR))) == {"Kestävät kaupungit": 2, "Hiilineutraalius": 1}
    assert table(challenges_by_theme(public(city=world.helsinki))) == {"Kestävät kaupungit": 1, "Hiilineutraalius": 1}


def test_own_departments_only_for_the_staff_members_organisations(world):
    espoo = own_departments(staff(world.people["espoo_member"]))
    assert espoo.rows == [["Ympäristö (Espoon kaupunki)", 2, 1, 1]]  # A published, D a draft
    vantaa = own_departments(staff(world.people["vantaa_member"]))
    assert vantaa.rows == [["Kaupunkiympäristö (Vantaan kaupunki)", 1, 1, 0]]
    admin = own_departments(staff(world.people["platform_admin"]))
    assert len(admin.rows) == 2


def test_time_in_stage_median_and_mean_days(world):
    rows = {row[0]: row[1:] for row in time_in_stage(public()).rows}
    values = list(rows.values())
    # co-definition: A 39, C 28; open call: A 106 (until now), B 30, C 31; evaluation: B 349 (until now), C 30;
    # piloting: C 36 (until now).
    assert values == [
        [2, Decimal("33.5"), Decimal("33.5")],
        [3, Decimal("31"), Decimal("55.7")],
        [2, Decimal("189.5"), Decimal("189.5")],
        [1, Decimal("36"), Decimal("36")],
    ]
    staff_rows = [row[1:] for row in time_in_stage(staff(world.people["espoo_member"])).rows]
    # Draft: A 10, B 4, C 2, D 74 (until now); in review: A 10, B 27, C 7. Vantaa's E is not Espoo's.
    assert staff_rows[0] == [4, Decimal("7"), Decimal("22.5")]
    assert staff_rows[1] == [3, Decimal("10"), Decimal("14.7")]
    # Stays that began in the period: from 2025-02-01, B's stays and A's co-definition drop out.
    period = [row[1:] for row in time_in_stage(public(date_from=date(2025, 2, 1))).rows]
    assert period == [
        [1, Decimal("28"), Decimal("28")],
        [2, Decimal("68.5"), Decimal("68.5")],
        [1, Decimal("30"), Decimal("30")],
        [1, Decimal("36"), Decimal("36")],
    ]


def test_companies_engaged_sme_share_and_returning(world):
    def measures(filters):
        return [row[1:] for row in companies_engaged(filters).rows]

    # All time: the company (SME), Kasvu (SME), Tutkimus (research, confirmed partner and a lead). The invited
    # partner, the draft and the withdrawn proposal do not count.
    assert measures(public()) == [
        [3, Decimal("100")],
        [2, Decimal("66.7")],
        [1, Decimal("33.3")],
        [3, Decimal("100")],
        [0, Decimal("0")],
    ]
    # This year: the same three; the company took part in 2024 already.
    assert measures(public(**THIS_YEAR)) == [
        [3, Decimal("100")],
        [2, Decimal("66.7")],
        [1, Decimal("33.3")],
        [2, Decimal("66.7")],
        [1, Decimal("33.3")],
    ]
    assert measures(public(city=world.helsinki)) == [
        [1, Decimal("100")],
        [0, Decimal("0")],
        [1, Decimal("100")],
        [1, Decimal("100")],
        [0, Decimal("0")],
    ]
    assert measures(public(date_from=date(2026, 1, 1))) == []


def test_proposals_per_call_counts_only_submitted(world):
    assert table(proposals_per_call(public())) == {"A": 2, "B": 1, "C": 1}
    assert table(proposals_per_call(public(**THIS_YEAR))) == {"A": 2, "C": 1}
    assert table(proposals_per_call(public(city=world.vantaa, date_to=date(2024, 12, 31)))) == {"B": 1}


def test_followers_and_public_answers(world):
    assert [row[1] for row in followers_and_answers(public()).rows] == [2, 1]
    assert [row[1] for row in followers_and_answers(public(date_from=date(2025, 3, 4))).rows] == [2, 0]
    assert [row[1] for row in followers_and_answers(public(city=world.helsinki)).rows] == [0, 0]


def test_proposals_per_call_keeps_the_largest_rows_and_counts_them_all(world):
    whole = proposals_per_call(public())
    assert whole.rows == [["A", 2], ["B", 1], ["C", 1]] and whole.row_count == 3
    # Ties at the edge are ordered by title, as in the whole figure; the count still covers every call.
    top = proposals_per_call(public(), limit=2)
    assert top.rows == [["A", 2], ["B", 1]] and top.row_count == 3
    assert proposals_per_call(public(), limit=5).rows == whole.rows
    cities = figure_compute("challenges-by-city", public(), limit=1)
    assert len(cities.rows) == 1 and cities.row_count == 3


def test_epoch_keeps_microseconds(world):
    moment = datetime(2025, 3, 1, 10, 20, 30, 123456, tzinfo=UTC)
    Challenge.objects.filter(pk=world.challenges["a"].pk).update(created_at=moment)
    value = (
        Challenge.objects.filter(pk=world.challenges["a"].pk)
        .annotate(e=Epoch("created_at"))
        .values_list("e", flat=True)
        .get()
    )
    assert value == pytest.approx(moment.timestamp(), abs=1e-5)
    assert round(value % 1, 6) == 0.123456
