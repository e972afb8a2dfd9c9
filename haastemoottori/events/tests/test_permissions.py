"""Every role on every events view: anonymous, resident, company members, a city member without the
editor role (contributor), the organiser's editors, another city's editor and a platform admin."""

import pytest
from django.urls import reverse

from haastemoottori.events import services
from haastemoottori.events.models import Event, Registration

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "outsider",
    "company_admin",
    "company_member",
    "other_company",
    "espoo_member",
    "espoo_evaluator",
    "espoo_owner",
    "espoo_admin",
    "vantaa_owner",
    "platform_admin",
]
ORGANISERS = {"espoo_owner", "espoo_admin", "platform_admin"}
CAN_ADD = ORGANISERS | {"vantaa_owner", "helsinki_owner"}


def person(region, company_people, role):
    return None if role == "anonymous" else (region.people.get(role) or company_people[role])


@pytest.fixture
def login(client, region, company_people):
    def _login(role):
        client.logout()
        user = person(region, company_people, role)
        if user is not None:
            client.force_login(user)
        return user

    return _login


def _expect(role: str, allowed: set[str], ok: int = 200) -> int | tuple:
    if role == "anonymous":
        return 302
    return ok if role in allowed else 403


@pytest.mark.parametrize("role", ROLES)
def test_rules(region, company_people, make_event, role):
    user = person(region, company_people, role)
    event = make_event()
    from django.contrib.auth.models import AnonymousUser

    user = user or AnonymousUser()
    assert user.has_perm("events.add_event") is (role in CAN_ADD)
    assert user.has_perm("events.add_event", region.espoo) is (role in ORGANISERS)
    assert user.has_perm("events.manage_event", event) is (role in ORGANISERS)
    assert user.has_perm("events.view_participants", event) is (role in ORGANISERS)
    assert user.has_perm("events.register", event) is (role != "anonymous")
    services.event_cancel(actor=region.people["espoo_owner"], event=event, reason="Peruttu")
    # Django grants an active superuser every permission; the service refuses a cancelled event for them too.
    assert user.has_perm("events.register", Event.objects.get()) is (role == "platform_admin")


@pytest.mark.parametrize("role", ROLES)
def test_every_view_for_every_role(client, login, region, make_event, public_challenge, role):
    event = make_event()
    services.registration_create(
        actor=region.people["outsider"] if role != "outsider" else region.people["company_admin"],
        event=event,
        note="Pähkinäallergia",
    )
    user = login(role)
    slug = event.slug
    url = lambda name, *args: reverse(f"events:{name}", args=args)  # noqa: E731

    assert client.get(url("list")).status_code == 200
    detail = client.get(url("detail", slug))
    assert detail.status_code == 200
    assert "Pähkinäallergia" not in detail.content.decode()
    assert client.get(url("ics", slug)).status_code == 200
    assert client.get(url("challenge-feed", public_challenge.slug)).status_code == 200
    assert client.get(url("organisation-feed", "espoo")).status_code == 200
    assert client.get(url("my")).status_code == (302 if user is None else 200)
    assert client.get(url("create")).status_code == _expect(role, CAN_ADD)
    assert client.get(url("edit", slug)).status_code == _expect(role, ORGANISERS)
    participants = client.get(url("participants", slug))
    assert participants.status_code == _expect(role, ORGANISERS)
    csv = client.get(url("participants-csv", slug))
    assert csv.status_code == _expect(role, ORGANISERS)
    if role in ORGANISERS:
        assert "Pähkinäallergia" in participants.content.decode() and "Pähkinäallergia" in csv.content.decode()
    else:
        assert "Pähkinäallergia".encode() not in csv.content
        assert "Pähkinäallergia" not in participants.content.decode()

    # GET on POST-only actions is refused; POST by anonymous goes to sign-in.
    for name in ("register", "unregister", "cancel"):
        response = client.get(url(name, slug))
        assert response.status_code in ((302,) if user is None else (405, 403)), (name, response.status_code)

    before = Registration.objects.count()
    response = client.post(url("register", slug), {"note": ""})
    if user is None:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert Registration.objects.count() == before
    else:
        assert response.status_code == 302
        assert Registration.objects.filter(user=user, event=event).exclude(status="cancelled").exists()
        assert client.post(url("unregister", slug)).status_code == 302
        assert Registration.objects.get(user=user, event=event).status == "cancelled"

    response = client.post(url("cancel", slug), {"reason": "Peruttu"})
    event.refresh_from_db()
    assert response.status_code == _expect(role, ORGANISERS, 302)
    assert (event.status == "cancelled") is (role in ORGANISERS)
