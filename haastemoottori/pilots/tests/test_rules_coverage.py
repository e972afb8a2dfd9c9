"""Each named permission of pilots: who is allowed, who is refused, and the service or page that enforces it.

The world (conftest): Espoo leads the challenge, Vantaa contributes; the company (``lead_member``) leads the
selected proposal with Kumppani (``partner_admin``) as a confirmed partner; Kilpailija (``other_company``) and
Helsinki (``helsinki_owner``) have nothing to do with it.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import ServicePermissionDenied
from haastemoottori.pilots import services
from haastemoottori.pilots.models import Adoption, CheckIn, Pilot

pytestmark = pytest.mark.django_db

ANONYMOUS = AnonymousUser()


def _allowed(w, perm, obj, who):
    return ANONYMOUS.has_perm(perm, obj) if who == "anonymous" else w.people[who].has_perm(perm, obj)


def _fresh(pilot) -> Pilot:
    return Pilot.objects.select_related("challenge").prefetch_related("participants").get(pk=pilot.pk)


def _unpublish(world, pilot) -> Pilot:
    Challenge.objects.filter(pk=world.challenge.pk).update(published_at=None)
    return _fresh(pilot)


# ---- pilots.view_pilot ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "outsider", "other_company", "helsinki_owner"])
def test_anyone_may_view_a_public_pilot(world, pilot, who):
    assert _allowed(world, "pilots.view_pilot", _fresh(pilot), who)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("espoo_owner", True),
        ("espoo_member", True),
        ("vantaa_member", True),  # the owners' people
        ("lead_member", True),
        ("partner_admin", True),  # the pilot's companies
        ("platform_admin", True),
        ("anonymous", False),
        ("outsider", False),
        ("other_company", False),
        ("helsinki_owner", False),
    ],
)
def test_a_private_pilot_is_for_the_people_involved(world, pilot, who, allowed):
    assert _allowed(world, "pilots.view_pilot", _unpublish(world, pilot), who) is allowed


def test_view_pilot_is_enforced(client, world, pilot):
    _unpublish(world, pilot)
    url = reverse("pilots:detail", args=[pilot.pk])
    client.force_login(world.people["other_company"])
    assert client.get(url).status_code == 404
    client.force_login(world.people["partner_admin"])
    assert client.get(url).status_code == 200


# ---- pilots.view_pilot_internal -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("espoo_owner", True),
        ("espoo_member", True),
        ("vantaa_member", True),
        ("lead_member", True),
        ("partner_admin", True),
        ("platform_admin", True),
        ("anonymous", False),
        ("outsider", False),
        ("other_company", False),
        ("helsinki_owner", False),
    ],
)
def test_view_pilot_internal(world, pilot, who, allowed):
    # Even on a public pilot, the check-ins' next steps and the staff pages are for the people involved.
    assert _allowed(world, "pilots.view_pilot_internal", _fresh(pilot), who) is allowed


def test_view_pilot_internal_is_enforced(client, world, tracked):
    url = reverse("pilots:detail", args=[tracked.pk])
    client.force_login(world.people["other_company"])
    response = client.get(url)
    assert response.status_code == 200 and "SALAINEN-SEURAAVA" not in response.content.decode()
    client.force_login(world.people["espoo_member"])
    assert "SALAINEN-SEURAAVA" in client.get(url).content.decode()


# ---- pilots.manage_pilot --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("espoo_owner", True),
        ("espoo_admin", True),
        ("platform_admin", True),
        ("vantaa_owner", False),  # an editor of a contributor organisation
        ("espoo_member", False),
        ("lead_member", False),
        ("partner_admin", False),
        ("helsinki_owner", False),
        ("anonymous", False),
    ],
)
def test_manage_pilot(world, pilot, who, allowed):
    assert _allowed(world, "pilots.manage_pilot", _fresh(pilot), who) is allowed
    # Starting a pilot is checked against the challenge with the same rule.
    assert _allowed(world, "pilots.manage_pilot", world.challenge, who) is allowed


def test_manage_pilot_is_enforced(client, world, pilot):
    with pytest.raises(ServicePermissionDenied):
        services.pilot_update(actor=world.people["lead_member"], pilot=pilot, location="Tapiola")
    assert _fresh(pilot).location == "Otaniemi"
    client.force_login(world.people["vantaa_owner"])
    assert client.get(reverse("pilots:manage", args=[pilot.pk])).status_code == 403
    client.force_login(world.people["espoo_owner"])
    assert client.get(reverse("pilots:manage", args=[pilot.pk])).status_code == 200


# ---- pilots.check_in ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("espoo_owner", True),
        ("lead_member", True),
        ("partner_admin", True),
        ("platform_admin", True),
        ("espoo_member", False),  # reads the check-ins but does not report
        ("vantaa_owner", False),
        ("other_company", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_check_in(world, pilot, who, allowed):
    assert _allowed(world, "pilots.check_in", _fresh(pilot), who) is allowed


def test_check_in_is_enforced(client, world, pilot):
    with pytest.raises(ServicePermissionDenied):
        services.check_in_create(
            actor=world.people["other_company"], pilot=pilot, status="on_track", summary="Kaikki hyvin"
        )
    assert not CheckIn.objects.exists()
    client.force_login(world.people["espoo_member"])
    assert client.get(reverse("pilots:check-in", args=[pilot.pk])).status_code == 403
    services.check_in_create(
        actor=world.people["partner_admin"], pilot=pilot, status="on_track", summary="Kaikki hyvin"
    )
    assert CheckIn.objects.get().organisation == world.partner_org


# ---- pilots.adopt_challenge (the source challenge) ------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("helsinki_owner", True),
        ("vantaa_owner", True),
        ("espoo_owner", True),  # editors of a city somewhere
        ("espoo_member", False),
        ("espoo_evaluator", False),  # city people without an editor role
        ("company_admin", False),
        ("lead_member", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_adopt_challenge(world, who, allowed):
    assert _allowed(world, "pilots.adopt_challenge", world.challenge, who) is allowed


def test_a_private_challenge_cannot_be_adopted(world):
    Challenge.objects.filter(pk=world.challenge.pk).update(published_at=None)
    challenge = Challenge.objects.get(pk=world.challenge.pk)
    assert not world.people["helsinki_owner"].has_perm("pilots.adopt_challenge", challenge)


def test_adopt_challenge_is_enforced(client, world):
    with pytest.raises(ServicePermissionDenied):
        services.challenge_adopt(
            actor=world.people["company_admin"], source_challenge=world.challenge, organisation=world.region.helsinki
        )
    client.force_login(world.people["company_admin"])
    assert client.get(reverse("pilots:adopt", args=[world.challenge.slug])).status_code == 403
    assert not Adoption.objects.exists()


def test_a_platform_admin_cannot_adopt_an_unpublished_challenge(world):
    Challenge.objects.filter(pk=world.challenge.pk).update(published_at=None)
    challenge = Challenge.objects.get(pk=world.challenge.pk)
    with pytest.raises(ServicePermissionDenied):
        services.challenge_adopt(
            actor=world.people["platform_admin"], source_challenge=challenge, organisation=world.region.helsinki
        )
    assert not Adoption.objects.exists()
