import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.challenges.models import Challenge
from haastemoottori.challenges.selectors import challenge_get_visible
from haastemoottori.core.errors import ServicePermissionDenied, ServiceValidationError
from haastemoottori.pilots import services
from haastemoottori.pilots.models import Adoption


def finish(world, pilot):
    return services.pilot_finish(
        actor=world.people["espoo_owner"],
        pilot=pilot,
        results={"fi": "Päästöt -20 %"},
        lessons={"fi": "Aloita pienestä"},
        scale_up="procure",
        scale_up_reasons="Toimii",
    )


def test_adopt_challenge_keeps_provenance_both_ways(world):
    source = world.challenge
    adopted = services.challenge_adopt(
        actor=world.people["helsinki_owner"], source_challenge=source, organisation=world.region.helsinki
    )
    assert adopted.stage == "draft" and adopted.pk != source.pk
    assert adopted.title == source.title and adopted.problem == source.problem
    assert [o.organisation for o in adopted.ownerships.all()] == [world.region.helsinki]
    adoption = Adoption.objects.get()
    assert adoption.adopted_challenge == adopted and adoption.source_challenge == source
    assert adopted.adopted_from == adoption  # the copy knows its original
    assert list(source.adoptions.all()) == [adoption]  # the original knows its copies
    assert AuditEvent.objects.filter(action="adopted_from", target_id=str(adopted.pk)).exists()
    assert AuditEvent.objects.filter(
        action="adopted", target_id=str(source.pk), target_type="challenges.challenge"
    ).exists()


def test_adopted_draft_is_private_to_the_adopter(world, client):
    adopted = services.challenge_adopt(
        actor=world.people["helsinki_owner"], source_challenge=world.challenge, organisation=world.region.helsinki
    )
    url = reverse("challenges:detail", args=[adopted.slug])
    assert client.get(url).status_code == 404
    for who in ("espoo_owner", "outsider", "company_admin"):
        client.force_login(world.people[who])
        assert client.get(url).status_code == 404, who
    client.force_login(world.people["helsinki_owner"])
    assert client.get(url).status_code == 200


def test_adopt_finished_pilot_copies_results_into_tried(world, pilot):
    finish(world, pilot)
    adopted = services.challenge_adopt(
        actor=world.people["helsinki_owner"],
        source_challenge=world.challenge,
        organisation=world.region.helsinki,
        source_pilot=pilot,
    )
    assert "Päästöt -20 %" in adopted.tried["fi"] and "Aloita pienestä" in adopted.tried["fi"]
    assert adopted.tried["fi"].startswith(world.challenge.tried["fi"])
    assert Adoption.objects.get().source_pilot == pilot


def test_only_finished_pilots_can_be_adopted(world, pilot):
    with pytest.raises(ServiceValidationError) as exc:
        services.challenge_adopt(
            actor=world.people["helsinki_owner"],
            source_challenge=world.challenge,
            organisation=world.region.helsinki,
            source_pilot=pilot,
        )
    assert exc.value.message == _("Only a finished pilot can be adopted.")


@pytest.mark.parametrize(
    "who,org",
    [
        ("outsider", "helsinki"),
        ("company_admin", "helsinki"),
        ("helsinki_owner", "vantaa"),
        ("vantaa_member", "vantaa"),
        ("company_admin", "testiyritys"),
    ],
)
def test_adopt_permissions(world, who, org):
    organisation = {
        "helsinki": world.region.helsinki,
        "vantaa": world.region.vantaa,
        "testiyritys": world.region.company,
    }[org]
    with pytest.raises((ServicePermissionDenied, ServiceValidationError)):
        services.challenge_adopt(actor=world.people[who], source_challenge=world.challenge, organisation=organisation)
    assert not Adoption.objects.exists()


def test_owner_cannot_adopt_own_and_drafts_cannot_be_adopted(world, make_challenge):
    with pytest.raises(ServiceValidationError):
        services.challenge_adopt(
            actor=world.people["espoo_owner"], source_challenge=world.challenge, organisation=world.region.espoo
        )
    draft = make_challenge()
    with pytest.raises(ServicePermissionDenied):
        services.challenge_adopt(
            actor=world.people["helsinki_owner"], source_challenge=draft, organisation=world.region.helsinki
        )
    assert Challenge.objects.filter(ownerships__organisation=world.region.helsinki).count() == 0


def render_adoptions(challenge, user):
    """The {% adoptions_section %} tag as the challenge page will call it (the page template adds it)."""
    request = RequestFactory().get("/")
    request.user = user
    challenge = challenge_get_visible(slug=challenge.slug, user=user)
    return Template("{% load pilots_tags %}{% adoptions_section challenge %}").render(
        RequestContext(request, {"challenge": challenge})
    )


def test_original_page_shows_adopted_by_and_button(world, client, django_assert_max_num_queries):
    url = reverse("challenges:detail", args=[world.challenge.slug])
    client.force_login(world.people["helsinki_owner"])
    page = render_adoptions(world.challenge, world.people["helsinki_owner"])
    assert _("Adopt in my city") in page and 'method="post"' in page
    assert render_adoptions(world.challenge, AnonymousUser()) == ""
    assert render_adoptions(world.challenge, world.people["espoo_owner"]) == ""
    response = client.post(
        reverse("pilots:adopt", args=[world.challenge.slug]), {"organisation": world.region.helsinki.pk}
    )
    adopted = Adoption.objects.get().adopted_challenge
    assert response.status_code == 302 and response["Location"] == reverse("challenges:manage", args=[adopted.slug])
    client.logout()
    assert client.get(url).status_code == 200
    anonymous = AnonymousUser()
    challenge = challenge_get_visible(slug=world.challenge.slug, user=anonymous)
    request = RequestFactory().get("/")
    request.user = anonymous
    with django_assert_max_num_queries(1):
        page = Template("{% load pilots_tags %}{% adoptions_section challenge %}").render(
            RequestContext(request, {"challenge": challenge})
        )
    assert _("Adopted by") in page and "Helsingin kaupunki" in page
    assert _("Adopt in my city") not in page


def test_adopt_view_roles(world, client):
    url = reverse("pilots:adopt", args=[world.challenge.slug])
    assert client.get(url).status_code == 302  # sign in first
    for who, status in (
        ("outsider", 403),
        ("company_admin", 403),
        ("espoo_owner", 403),
        ("vantaa_member", 403),
        ("helsinki_owner", 200),
    ):
        client.force_login(world.people[who])
        assert client.get(url).status_code == status, who
    client.force_login(world.people["helsinki_owner"])
    response = client.post(url, {"organisation": world.region.espoo.pk})
    assert response.status_code == 400 and not Adoption.objects.exists()
    assert client.get(url + "?pilot=999").status_code == 404
