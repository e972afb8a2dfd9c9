"""Figures from the pilots and procurement apps. They run only when those apps have their models."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from haastemoottori.impact.figures import co2e_reductions, kpis_reached, pilots_started_finished, procurement_value
from haastemoottori.impact.selectors import impact_filters_for, optional_model

pytestmark = pytest.mark.django_db


def public(**kwargs):
    return impact_filters_for(user=AnonymousUser(), staff=False, **kwargs)


def need(app, *names):
    models = [optional_model(app, name) for name in names]
    if None in models:
        pytest.skip(f"the {app} app has no {', '.join(names)} model yet: run again when it lands")
    return models


@pytest.fixture
def pilots(world):
    pilot, kpi, measurement = need("pilots", "Pilot", "KPI", "KPIMeasurement")
    a, c, d = world.challenges["a"], world.challenges["c"], world.challenges["d"]

    def make(challenge, status, start, end=None):
        return pilot.objects.create(
            challenge=challenge,
            title={"fi": "Pilotti"},
            original_language="fi",
            status=status,
            start_date=start,
            end_date=end,
        )

    running = make(c, "running", date(2025, 5, 12))
    finished = make(a, "finished", date(2024, 9, 1), date(2025, 2, 1))
    make(a, "stopped", date(2025, 1, 10), date(2025, 3, 1))
    make(c, "planned", date(2025, 9, 1))  # not started
    draft_pilot = make(d, "running", date(2025, 5, 1))  # of a draft: staff only

    def kpi_with(p, *, direction, baseline, target, values, unit="kpl", co2e=False):
        k = kpi.objects.create(
            pilot=p,
            name={"fi": "Mittari"},
            original_language="fi",
            unit=unit,
            baseline=baseline,
            target=target,
            direction=direction,
            is_co2e=co2e,
        )
        for day, value in values:
            measurement.objects.create(kpi=k, value=value, measured_on=day)
        return k

    # Reached: latest 12 >= 10 (an earlier 5 is history). Not reached: decrease, latest 90 > 80.
    kpi_with(
        running, direction="increase", baseline=0, target=10, values=[(date(2025, 5, 20), 5), (date(2025, 6, 1), 12)]
    )
    kpi_with(
        running,
        direction="decrease",
        baseline=100,
        target=80,
        unit="t CO2e",
        co2e=True,
        values=[(date(2025, 5, 20), 95), (date(2025, 6, 10), 90)],
    )
    # CO2e reached: 40 <= 50, reduction 60 - 40 = 20 t; a second unit in kg.
    kpi_with(
        finished,
        direction="decrease",
        baseline=60,
        target=50,
        unit="t CO2e",
        co2e=True,
        values=[(date(2024, 12, 1), 55), (date(2025, 1, 15), 40)],
    )
    kpi_with(
        finished,
        direction="decrease",
        baseline=Decimal("500.5"),
        target=400,
        unit="kg CO2e",
        co2e=True,
        values=[(date(2024, 11, 1), Decimal("450.25"))],
    )
    kpi_with(running, direction="increase", baseline=0, target=5, values=[])  # not measured
    kpi_with(draft_pilot, direction="increase", baseline=0, target=1, values=[(date(2025, 5, 2), 1)])
    return world


def test_pilots_started_and_finished(pilots):
    def counts(filters):
        return [row[1] for row in pilots_started_finished(filters).rows]

    assert counts(public()) == [3, 1, 1]  # started: running, finished, stopped (not planned, not the draft's)
    assert counts(public(date_from=date(2025, 1, 1))) == [2, 1, 1]  # the finished one started in 2024
    assert counts(public(city=pilots.helsinki)) == [1, 0, 0]
    assert counts(impact_filters_for(user=pilots.people["espoo_member"], staff=True)) == [4, 1, 1]


def test_kpis_reached_uses_the_latest_measurement(pilots):
    def counts(filters):
        return [row[1] for row in kpis_reached(filters).rows]

    # 5 public KPIs, 4 measured, reached: 12 >= 10 and 40 <= 50; not reached: 90 > 80 and 450.25 > 400.
    assert counts(public()) == [5, 4, 2, 2]
    # Measurements in 2025 only: the kg KPI has none; the finished pilot's latest in 2025 is 40.
    assert counts(public(date_from=date(2025, 1, 1))) == [5, 3, 2, 1]
    # Until 2025-05-31: the increase KPI's latest is 5 (not reached), the decrease one 95.
    assert counts(public(date_to=date(2025, 5, 31))) == [5, 4, 1, 3]


def test_co2e_reductions_by_unit(pilots):
    rows = co2e_reductions(public()).rows
    # t CO2e: (100 - 90) + (60 - 40) = 30 from 2 KPIs; kg CO2e: 500.5 - 450.25 = 50.25.
    assert rows == [["kg CO2e", 1, Decimal("50.25")], ["t CO2e", 2, Decimal("30")]]
    assert co2e_reductions(public(city=pilots.helsinki)).rows == [["t CO2e", 1, Decimal("10")]]


@pytest.fixture
def procurement(world):
    path, award, contract = need("procurement", "ProcurementPath", "Award", "Contract")
    a, b = world.challenges["a"], world.challenges["b"]
    path_a = path.objects.create(challenge=a, ocid="ocds-test-a")
    path_b = path.objects.create(challenge=b, ocid="ocds-test-b")
    award_a = award.objects.create(
        path=path_a, supplier_name="Kasvu Oy", value=Decimal("100000"), date=date(2025, 4, 1)
    )
    contract.objects.create(
        award=award_a, value=Decimal("90000"), signed_on=date(2025, 4, 15), start_date=date(2025, 5, 1)
    )
    contract.objects.create(
        award=award_a, value=Decimal("5000.50"), signed_on=date(2025, 6, 1), start_date=date(2025, 6, 1)
    )
    award_b = award.objects.create(
        path=path_b, supplier_name="Testiyritys Oy", value=Decimal("20000"), date=date(2024, 8, 1)
    )
    contract.objects.create(
        award=award_b, value=Decimal("20000"), signed_on=date(2024, 8, 10), start_date=date(2024, 9, 1)
    )
    return world


def test_procurement_value_by_city(procurement):
    rows = procurement_value(public()).rows
    # A is led by Espoo and co-owned by Vantaa: its values count for both; B is Vantaa's.
    assert rows == [
        ["Espoon kaupunki", "EUR", Decimal("100000"), Decimal("95000.50")],
        ["Vantaan kaupunki", "EUR", Decimal("120000"), Decimal("115000.50")],
    ]
    assert procurement_value(public(date_from=date(2025, 1, 1), date_to=date(2025, 5, 31))).rows == [
        ["Espoon kaupunki", "EUR", Decimal("100000"), Decimal("90000")],
        ["Vantaan kaupunki", "EUR", Decimal("100000"), Decimal("90000")],
    ]
    assert procurement_value(public(city=procurement.helsinki)).rows == []
