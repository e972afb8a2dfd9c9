"""Tester findings on “Adopt in my city”: once per city, each city listed once, reasons instead of a bare 403."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from haastemoottori.challenges.models import Challenge
from haastemoottori.pilots import services
from haastemoottori.pilots.models import Adoption

from .test_adoption import render_adoptions


def adopt(world, who="helsinki_owner", org=None):
    return services.challenge_adopt(
        actor=world.people[who], source_challenge=world.challenge, organisation=org or world.region.helsinki
    )


def test_a_city_adopts_a_challenge_once_while_its_copy_exists(world):
    first = adopt(world)
    with pytest.raises(services.AlreadyAdopted) as exc:
        adopt(world)
    assert exc.value.status == 409 and exc.value.adopted_challenge == first
    assert str(first.t.title) in exc.value.message
    assert Adoption.objects.count() == 1
    assert Challenge.objects.filter(ownerships__organisation=world.region.helsinki).count() == 1
    Challenge.objects.filter(pk=first.pk).delete()  # the copy is gone: adopting again is fine
    assert adopt(world).pk != first.pk


def test_second_click_links_to_the_existing_draft(client, world):
    first = adopt(world)
    client.force_login(world.people["helsinki_owner"])
    url = reverse("pilots:adopt", args=[world.challenge.slug])
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200 and reverse("challenges:manage", args=[first.slug]) in body
    assert 'name="organisation"' not in body  # nothing left to adopt for
    response = client.post(url, {"organisation": world.region.helsinki.pk})
    assert response.status_code == 409 and Adoption.objects.count() == 1
    assert reverse("challenges:manage", args=[first.slug]) in response.content.decode()
    section = render_adoptions(world.challenge, world.people["helsinki_owner"])
    assert reverse("challenges:manage", args=[first.slug]) in section and 'method="post"' not in section


def test_each_adopting_city_is_listed_once(world, make_challenge):
    first = adopt(world)
    copy = Adoption.objects.get()
    # An older duplicate (made before the rule) must not list the city twice.
    second = make_challenge()
    Adoption.objects.create(
        source_challenge=world.challenge, adopted_challenge=second, organisation=world.region.helsinki
    )
    section = render_adoptions(world.challenge, AnonymousUser())
    assert section.count(str(world.region.helsinki)) == 1
    assert first.pk == copy.adopted_challenge_id


def test_owner_gets_a_reason_not_a_bare_403(client, world):
    client.force_login(world.people["espoo_owner"])
    url = reverse("pilots:adopt", args=[world.challenge.slug])
    for response in (client.get(url), client.post(url, {"organisation": world.region.espoo.pk})):
        body = response.content.decode()
        assert response.status_code == 403
        assert escape(str(world.region.espoo)) in body and 'name="organisation"' not in body
    assert not Adoption.objects.exists()
    assert render_adoptions(world.challenge, world.people["espoo_owner"]) == ""  # no button for the owners


def test_non_editor_gets_a_reason(client, world):
    client.force_login(world.people["company_admin"])
    response = client.get(reverse("pilots:adopt", args=[world.challenge.slug]))
    assert response.status_code == 403
    assert (
        escape(
            _(
                "Only an administrator or challenge owner of a city or another public body can adopt a "
                "challenge for their organisation."
            )
        )
        in response.content.decode()
    )


def test_adopt_form_has_no_orphan_label(client, world):
    client.force_login(world.people["helsinki_owner"])
    body = client.get(reverse("pilots:adopt", args=[world.challenge.slug])).content.decode()
    assert 'type="hidden" name="pilot"' in body and 'for="id_pilot"' not in body
    assert 'for="id_organisation"' in body
