"""The staff-only signals API: 401 without a session, 403 without the permission, the staff's view otherwise."""

import pytest

from .conftest import ROLE_PEOPLE, make_signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world):
    accepted = make_signal(
        world, title="Valaistus puuttuu", department=world.education, latitude="60.2", longitude="24.7"
    )
    accepted.themes.set([world.themes[0]])
    vantaa = make_signal(world, city=world.vantaa, title="Pysäkin katos", language="sv")
    pending = make_signal(
        world, status="pending", source="resident", author=world.people["outsider"], title="Odottava ehdotus"
    )
    return {"accepted": accepted, "vantaa": vantaa, "pending": pending}


@pytest.mark.parametrize(
    "role,status",
    [
        ("anonymous", 401),
        ("resident", 403),
        ("company_member", 403),
        ("city_member", 200),
        ("other_city_editor", 200),
        ("city_editor", 200),
        ("platform_admin", 200),
    ],
)
def test_who_may_read_signals(client, world, data, role, status):
    if role != "anonymous":
        client.force_login(world.people[ROLE_PEOPLE[role]])
    for url in ("/api/v1/signals", f"/api/v1/signals/{data['accepted'].pk}"):
        response = client.get(url)
        assert response.status_code == status, (url, role)
        if status != 200:
            assert set(response.json()) == {"code", "message"}
            assert "Valaistus" not in response.content.decode()


def test_staff_see_accepted_signals_of_every_city_but_pending_ones_only_of_their_own(client, world, data):
    client.force_login(world.people["vantaa_owner"])
    body = client.get("/api/v1/signals").json()
    assert body["count"] == 2
    assert {s["title"] for s in body["results"]} == {"Valaistus puuttuu", "Pysäkin katos"}
    assert client.get(f"/api/v1/signals/{data['pending'].pk}").status_code == 404
    client.force_login(world.people["espoo_owner"])
    body = client.get("/api/v1/signals?status=pending").json()
    assert [s["id"] for s in body["results"]] == [data["pending"].pk]
    assert "author" not in body["results"][0]


def test_list_filters_and_detail_fields(client, world, data):
    client.force_login(world.people["espoo_member"])
    body = client.get("/api/v1/signals?city=vantaa").json()
    assert [s["title"] for s in body["results"]] == ["Pysäkin katos"]
    assert client.get("/api/v1/signals?city=nowhere").json()["count"] == 0
    assert client.get("/api/v1/signals?theme=sdg-11").json()["count"] == 1
    assert client.get("/api/v1/signals?status=bogus").status_code == 422
    detail = client.get(f"/api/v1/signals/{data['accepted'].pk}").json()
    assert detail["text"] == "Lapset kulkevat pimeässä."
    assert (detail["city"], detail["themes"], detail["latitude"], detail["longitude"]) == (
        "espoo",
        ["sdg-11"],
        60.2,
        24.7,
    )
    assert detail["department"]["fi"] == "Kasvun ja oppimisen toimiala"
    assert client.get("/api/v1/signals/999999").status_code == 404
