from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from haastemoottori.challenges.models import Challenge
from haastemoottori.challenges.selectors import challenge_get_visible
from haastemoottori.pilots.models import CheckIn, KPIMeasurement, Pilot

ROLES = [
    "anonymous",
    "outsider",
    "lead_member",
    "other_company",
    "espoo_member",
    "espoo_owner",
    "helsinki_owner",
    "platform_admin",
]
MANAGERS = {"espoo_owner", "platform_admin"}
CHECKERS = MANAGERS | {"lead_member"}
INTERNAL = CHECKERS | {"espoo_member"}


def money(value):
    """A sum as the messages show it: two decimals with the page language's thousands separator."""
    return number_format(value, 2, force_grouping=True)


def login(client, world, who):
    if who != "anonymous":
        client.force_login(world.people[who])


def expected(who, allowed):
    if who in allowed:
        return 200
    return 302 if who == "anonymous" else 403


@pytest.mark.parametrize("who", ROLES)
def test_public_pages_per_role(client, world, tracked, who, django_assert_max_num_queries):
    login(client, world, who)
    limit = 10 if who == "anonymous" else 25
    with django_assert_max_num_queries(limit):
        response = client.get(reverse("pilots:detail", args=[tracked.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Asennukset myöhässä" in page and _("At risk") in page  # the public check-in
    assert ("SALAINEN-SEURAAVA" in page) == (who in INTERNAL)  # next steps stay with the participants
    assert "t CO2e/a" in page and "GHG Protocol" in page  # CO2e unit and method
    assert '<progress max="100" value="50"' in page and "<caption" in page
    with django_assert_max_num_queries(limit):
        response = client.get(reverse("pilots:list"))
    assert response.status_code == 200 and str(tracked.t.title) in response.content.decode()


def test_list_filters(client, world, tracked):
    url = reverse("pilots:list")
    assert str(tracked.t.title) in client.get(url, {"city": "vantaa", "status": "planned"}).content.decode()
    page = client.get(url, {"city": "helsinki"}).content.decode()
    assert str(tracked.t.title) not in page
    assert str(tracked.t.title) not in client.get(url, {"status": "finished"}).content.decode()
    assert str(tracked.t.title) in client.get(url, {"platform": "testikyla"}).content.decode()
    assert client.get(url, {"status": "nonsense"}).status_code == 400


@pytest.mark.parametrize("who", ["anonymous", "outsider", "other_company", "helsinki_owner"])
def test_private_pilot_is_404_for_outsiders(client, world, pilot, who):
    Challenge.objects.filter(pk=world.challenge.pk).update(published_at=None)
    login(client, world, who)
    assert client.get(reverse("pilots:detail", args=[pilot.pk])).status_code == 404
    assert client.get(reverse("api-1.0.0:get_pilot", args=[pilot.pk])).status_code == 404


def test_private_pilot_visible_to_participants(client, world, pilot):
    Challenge.objects.filter(pk=world.challenge.pk).update(published_at=None)
    client.force_login(world.people["lead_member"])
    assert client.get(reverse("pilots:detail", args=[pilot.pk])).status_code == 200


@pytest.mark.parametrize("who", ROLES)
def test_staff_pages_per_role(client, world, tracked, who, django_assert_max_num_queries):
    login(client, world, who)
    for name, allowed in (("manage", MANAGERS), ("edit", MANAGERS), ("results", MANAGERS), ("check-in", CHECKERS)):
        with django_assert_max_num_queries(25):
            response = client.get(reverse(f"pilots:{name}", args=[tracked.pk]))
        assert response.status_code == expected(who, allowed), (name, who)
    response = client.get(reverse("pilots:challenge", args=[world.challenge.slug]))
    assert response.status_code == expected(who, MANAGERS)


@pytest.mark.parametrize("who", ROLES)
def test_create_page_per_role(client, world, who):
    login(client, world, who)
    response = client.get(reverse("pilots:create", args=[world.proposal.pk]))
    if who in MANAGERS:
        assert response.status_code == 200
    else:
        assert response.status_code in ((302,) if who == "anonymous" else (404,))


@pytest.mark.parametrize("who", ROLES)
def test_posts_per_role(client, world, tracked, who):
    login(client, world, who)
    kpi = tracked.kpi
    milestone = tracked.milestones.get()
    before = KPIMeasurement.objects.count()
    posts = [
        (
            "pilots:measurement-add",
            [tracked.pk, kpi.pk],
            {f"kpi{kpi.pk}-value": "70", f"kpi{kpi.pk}-measured_on": timezone.localdate()},
        ),
        ("pilots:milestone-done", [tracked.pk, milestone.pk], {"done": "1"}),
        ("pilots:kpi-add", [tracked.pk], {"name_fi": "Uusi", "baseline": "1", "target": "2", "direction": "increase"}),
        ("pilots:milestone-add", [tracked.pk], {"milestone-title_fi": "M2", "milestone-due_date": "2026-03-01"}),
    ]
    for name, args, data in posts:
        response = client.post(reverse(name, args=args), data)
        if who in MANAGERS:
            assert response.status_code == 302 and response["Location"] == reverse("pilots:manage", args=[tracked.pk])
        else:
            assert response.status_code == (302 if who == "anonymous" else 403), (name, who)
    assert (KPIMeasurement.objects.count() == before + 1) == (who in MANAGERS)


def test_owner_records_measurement_and_bad_input_is_400(client, world, tracked):
    client.force_login(world.people["espoo_owner"])
    kpi = tracked.kpi
    url = reverse("pilots:measurement-add", args=[tracked.pk, kpi.pk])
    response = client.post(url, {f"kpi{kpi.pk}-value": "abc", f"kpi{kpi.pk}-measured_on": "2026-01-01"})
    assert response.status_code == 400
    response = client.post(
        url,
        {
            f"kpi{kpi.pk}-value": "1",
            f"kpi{kpi.pk}-measured_on": "2026-01-01",
            f"kpi{kpi.pk}-corrects": kpi.measurements.first().pk,
        },
    )
    assert response.status_code == 400
    assert _("Say in the note why the value is corrected.") in response.content.decode()
    assert kpi.measurements.count() == 2
    response = client.post(url, {f"kpi{kpi.pk}-value": "70", f"kpi{kpi.pk}-measured_on": "2026-01-01"})
    assert response.status_code == 302 and kpi.measurements.count() == 3


def test_create_view_and_share_error(client, world):
    client.force_login(world.people["espoo_owner"])
    url = reverse("pilots:create", args=[world.proposal.pk])
    data = {
        "title_fi": "Pilotti",
        "start_date": "2026-01-01",
        "end_date": "2026-03-01",
        "budget_total": "1000",
        f"share_{world.region.espoo.pk}": "800",
        f"share_{world.region.vantaa.pk}": "800",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and not Pilot.objects.exists()
    assert (
        escape(
            _("The cities' shares (%(sum)s EUR) add up to more than the total budget (%(total)s EUR).")
            % {"sum": money(Decimal("1600")), "total": money(Decimal("1000"))}
        )
        in response.content.decode()
    )
    data[f"share_{world.region.vantaa.pk}"] = "200"
    response = client.post(url, data)
    pilot = Pilot.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("pilots:manage", args=[pilot.pk])
    assert pilot.title == {"fi": "Pilotti"}


def test_check_in_view(client, world, pilot):
    client.force_login(world.people["lead_member"])
    url = reverse("pilots:check-in", args=[pilot.pk])
    assert client.post(url, {"status": "on_track"}).status_code == 400
    response = client.post(url, {"status": "on_track", "summary": "Kaikki hyvin", "next_steps": "Jatketaan"})
    assert response.status_code == 302 and CheckIn.objects.get().summary == "Kaikki hyvin"


def test_results_view_finishes(client, world, pilot):
    client.force_login(world.people["espoo_owner"])
    url = reverse("pilots:results", args=[pilot.pk])
    response = client.post(url, {"results_fi": "Toimi", "scale_up": "extend"})
    assert response.status_code == 400
    response = client.post(
        url, {"results_fi": "Toimi", "scale_up": "extend", "scale_up_reasons": "Lisää dataa", "ended_on": "2026-06-30"}
    )
    assert response.status_code == 302
    pilot.refresh_from_db()
    assert pilot.status == "finished"
    client.force_login(world.people["helsinki_owner"])
    page = client.get(reverse("pilots:detail", args=[pilot.pk])).content.decode()
    assert "Lisää dataa" in page and _("Adopt in my city") in page
    client.force_login(world.people["espoo_owner"])
    assert _("Adopt in my city") not in client.get(reverse("pilots:detail", args=[pilot.pk])).content.decode()


def test_api(client, world, tracked):
    data = client.get("/api/v1/pilots").json()
    assert [p["id"] for p in data] == [tracked.pk]
    detail = client.get(f"/api/v1/pilots/{tracked.pk}").json()
    assert detail["kpis"][0]["latest"] in ("80.0000", "80", 80)
    assert [m["value"] for m in detail["kpis"][0]["measurements"]]
    assert detail["check_ins"][0]["summary"] == "Asennukset myöhässä"
    assert "SALAINEN-SEURAAVA" not in str(detail) and "author" not in detail["check_ins"][0]
    assert client.get("/api/v1/pilots", {"city": "helsinki"}).json() == []
    assert client.get("/api/v1/pilots/999999").status_code == 404


def _render_section(challenge, user):
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load pilots_tags %}{% pilots_section challenge %}").render(
        RequestContext(request, {"challenge": challenge})
    )


def test_pilots_section_queries(world, tracked, django_assert_num_queries, django_assert_max_num_queries):
    anonymous = AnonymousUser()
    challenge = challenge_get_visible(slug=world.challenge.slug, user=anonymous)
    with django_assert_num_queries(1):
        html = _render_section(challenge, anonymous)
    assert str(tracked.t.title) in html
    for stage in ("open_call", "co_definition"):  # no pilot can exist before the evaluation: no query
        challenge.stage = stage
        with django_assert_num_queries(0):
            assert _render_section(challenge, anonymous) == ""
    for stage in ("evaluation", "withdrawn", "archived"):  # an existing pilot is listed in any later stage
        challenge.stage = stage
        with django_assert_num_queries(1):
            assert str(tracked.t.title) in _render_section(challenge, anonymous)
    owner = world.people["espoo_owner"]
    challenge.stage = "evaluation"
    _render_section(challenge, owner)  # fills the membership cache
    with django_assert_num_queries(1):
        assert reverse("pilots:challenge", args=[challenge.slug]) in _render_section(challenge, owner)


def test_detail_query_count_does_not_grow(client, world, tracked, django_assert_max_num_queries):
    owner = world.people["espoo_owner"]
    from haastemoottori.pilots import services

    for i in range(5):
        kpi = services.kpi_add(
            actor=owner, pilot=tracked, name={"fi": f"K{i}"}, baseline="0", target="10", direction="increase"
        )
        for d in range(3):
            services.measurement_record(
                actor=owner, kpi=kpi, value=str(d), measured_on=timezone.localdate() - timedelta(days=d)
            )
        services.milestone_add(actor=owner, pilot=tracked, title={"fi": f"M{i}"}, due_date=timezone.localdate())
        services.check_in_create(actor=owner, pilot=tracked, status="on_track", summary=f"S{i}")
    with django_assert_max_num_queries(10):
        assert client.get(reverse("pilots:detail", args=[tracked.pk])).status_code == 200
    client.force_login(owner)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("pilots:manage", args=[tracked.pk])).status_code == 200
