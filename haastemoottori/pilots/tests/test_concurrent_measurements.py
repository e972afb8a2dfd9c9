"""Two people recording the same KPI reading at once: the later one is refused with both values shown."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from haastemoottori.core.concurrency import EditConflict
from haastemoottori.pilots import services
from haastemoottori.pilots.models import KPIMeasurement

pytestmark = pytest.mark.django_db


def _token(response, kpi) -> str:
    html = response.content.decode()
    form = html[html.index(reverse("pilots:measurement-add", args=[kpi.pilot_id, kpi.pk])) :]
    return re.search(r'name="edit_token" value="([^"]*)"', form).group(1)


def test_the_same_days_value_recorded_twice_at_once_is_refused_the_second_time(client, world, tracked):
    kpi = tracked.kpi
    manage = reverse("pilots:manage", args=[tracked.pk])
    url = reverse("pilots:measurement-add", args=[tracked.pk, kpi.pk])
    other = Client()
    client.force_login(world.people["espoo_owner"])
    other.force_login(world.people["espoo_owner"])
    token_one, token_two = _token(client.get(manage), kpi), _token(other.get(manage), kpi)
    before = kpi.measurements.count()

    def reading(value: str, token: str, day: str = "2026-02-01") -> dict[str, str]:
        return {f"kpi{kpi.pk}-value": value, f"kpi{kpi.pk}-measured_on": day, "edit_token": token}

    assert client.post(url, reading("75", token_one)).status_code == 302
    response = other.post(url, reading("74", token_two))
    assert response.status_code == 409
    html = response.content.decode()
    assert re.search(r"<td>75</td><td>74</td>", html), "theirs and yours side by side"
    assert kpi.measurements.count() == before + 1

    # Another day is not a conflict; recording again from the refused page adds the second value knowingly.
    assert other.post(url, reading("73", token_two, day="2026-02-02")).status_code == 302
    assert other.post(url, reading("74", _token(response, kpi))).status_code == 302
    assert sorted(str(m.value.normalize()) for m in kpi.measurements.filter(measured_on="2026-02-01")) == ["74", "75"]


def test_two_corrections_of_the_same_value(world, tracked):
    owner, kpi = world.people["espoo_owner"], tracked.kpi
    wrong = kpi.measurements.order_by("pk").first()
    token = services.measurement_token(kpi)
    services.measurement_record(
        actor=owner, kpi=kpi, value="91", measured_on=wrong.measured_on, corrects=wrong, note="Luku", edit_token=token
    )
    with pytest.raises(EditConflict) as exc:
        services.measurement_record(
            actor=owner,
            kpi=kpi,
            value="92",
            measured_on=wrong.measured_on,
            corrects=wrong,
            note="Kirjoitus",
            edit_token=token,
        )
    assert [(d.field, d.theirs, d.yours) for d in exc.value.differences] == [
        ("value", "91", "92"),
        ("note", "Luku", "Kirjoitus"),
    ]
    assert KPIMeasurement.objects.filter(corrects=wrong).count() == 1
