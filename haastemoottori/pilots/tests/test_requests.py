"""Pilot requests on a development platform: the path from request to approval (services and pages), the named
permissions per role, overlaps, bad input that changes nothing, and the confidential details that never reach the
public platform page (test_requests_public.py).

The world (conftest): Testikylä is Espoo's platform; the company (``lead_member``, ``company_admin``) leads a
submitted proposal with Kumppani (``partner_admin``); Kilpailija (``other_company``) and Helsinki have nothing to
do with it; Vantaa co-owns the challenge but not the platform.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServicePermissionDenied, ServiceValidationError
from haastemoottori.notifications.models import Notification
from haastemoottori.pilots import services
from haastemoottori.pilots.models import PilotRequest
from haastemoottori.pilots.selectors_requests import overlapping_requests

from .request_helpers import CONDITIONS, QUESTION, SAFETY, _today, fresh, submit

pytestmark = pytest.mark.django_db

# ---- the path -----------------------------------------------------------------------------------------------


def test_the_whole_path_is_audited_and_notified(world):
    owner, company = world.people["espoo_owner"], world.people["lead_member"]
    request = submit(world, proposal=world.proposal)
    assert request.status == PilotRequest.Status.SUBMITTED
    assert Notification.objects.filter(user=owner, kind="pilots.request_submitted").exists()

    services.pilot_request_ask(actor=owner, request=request, body=QUESTION)
    assert fresh(request).status == PilotRequest.Status.QUESTION
    assert Notification.objects.filter(user=company, kind="pilots.request_question").exists()
    assert QUESTION not in Notification.objects.get(user=company, kind="pilots.request_question").body

    services.pilot_request_answer(actor=company, request=fresh(request), body="Aura pysähtyy 2 m päässä ihmisestä.")
    assert fresh(request).status == PilotRequest.Status.SUBMITTED
    assert Notification.objects.filter(user=owner, kind="pilots.request_answered").exists()

    approved = services.pilot_request_approve(actor=owner, request=fresh(request), conditions=CONDITIONS)
    assert approved.status == PilotRequest.Status.APPROVED and approved.decided_by == owner
    assert Notification.objects.filter(user=company, kind="pilots.request_approved").exists()
    actions = list(AuditEvent.objects.filter(target_id=str(request.pk)).order_by("id").values_list("action", flat=True))
    assert actions == [
        "pilot_request_submitted",
        "pilot_request_question",
        "pilot_request_answered",
        "pilot_request_approved",
    ]
    assert [m.side for m in fresh(request).messages.all()] == ["owner", "requester"]


def test_decline_needs_a_reason_and_is_final(world):
    owner = world.people["espoo_owner"]
    request = submit(world)
    with pytest.raises(ServiceValidationError) as exc:
        services.pilot_request_decline(actor=owner, request=request, reason="  ")
    assert exc.value.field == "reason"
    assert fresh(request).status == PilotRequest.Status.SUBMITTED
    services.pilot_request_decline(actor=owner, request=request, reason="Alue on rakennustyömaana.")
    assert fresh(request).status == PilotRequest.Status.DECLINED
    with pytest.raises(ServiceValidationError):
        services.pilot_request_approve(actor=owner, request=fresh(request))
    with pytest.raises(ServiceValidationError):
        services.pilot_request_answer(actor=world.people["lead_member"], request=fresh(request), body="Entä nyt?")


def test_withdraw(world):
    request = submit(world)
    services.pilot_request_withdraw(actor=world.people["lead_member"], request=request)
    assert fresh(request).status == PilotRequest.Status.WITHDRAWN
    with pytest.raises(ServiceValidationError):
        services.pilot_request_withdraw(actor=world.people["lead_member"], request=fresh(request))


# ---- bad input: a clear error on the field, nothing saved ----------------------------------------------------


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"end_date": _today() + timedelta(days=5)}, "end_date"),  # before the start (day 10)
        ({"start_date": _today() - timedelta(days=1)}, "start_date"),
        ({"start_date": None}, "start_date"),
        ({"title": "x" * 201}, "title"),
        ({"title": " "}, "title"),
        ({"summary": "y" * 2001}, "summary"),
        ({"safety_notes": "z" * 2001}, "safety_notes"),
        ({"site_area": ""}, "site_area"),
        ({"needs": ["helicopter"]}, "needs"),
        ({"language": "de"}, "language"),
    ],
)
def test_bad_input_changes_nothing(world, extra, field):
    before = AuditEvent.objects.count()
    with pytest.raises(ServiceValidationError) as exc:
        submit(world, **extra)
    assert exc.value.field == field
    assert not PilotRequest.objects.exists() and AuditEvent.objects.count() == before


def test_a_proposal_must_be_led_by_the_requester(world):
    with pytest.raises(ServiceValidationError) as exc:
        submit(world, who="partner_admin", requester=world.partner_org, proposal=world.proposal)
    assert exc.value.field == "proposal"


def test_a_company_asks_only_for_itself(world):
    with pytest.raises(ServicePermissionDenied):
        submit(world, who="other_company")  # a member of Kilpailija asking for the lead company
    with pytest.raises(ServicePermissionDenied):
        submit(world, who="espoo_owner")  # a city is not a requester


def test_the_form_shows_errors_and_saves_nothing(client, world):
    client.force_login(world.people["lead_member"])
    url = reverse("pilots:request-create", args=["testikyla"])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "requester": world.lead.pk,
            "language": "fi",
            "title": "T" * 201,
            "summary": "Kuvaus",
            "site_area": "Ranta",
            "start_date": (_today() - timedelta(days=3)).isoformat(),
            "end_date": (_today() - timedelta(days=5)).isoformat(),
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) >= {"title", "start_date", "end_date"}
    assert not PilotRequest.objects.exists()
    response = client.post(url, {"requester": world.lead.pk, "language": "fi", "start_date": "31.02.2027"})
    assert response.status_code == 400 and "start_date" in response.context["form"].errors


def test_the_form_sends_a_request(client, world):
    client.force_login(world.people["lead_member"])
    response = client.post(
        reverse("pilots:request-create", args=["testikyla"]),
        {
            "requester": world.lead.pk,
            "proposal": str(world.proposal.pk),
            "language": "en",
            "title": "Snow robot",
            "summary": "A small robot clears the path at night.",
            "site_area": "Shore path",
            "start_date": (_today() + timedelta(days=3)).isoformat(),
            "end_date": (_today() + timedelta(days=9)).isoformat(),
            "needs": ["power", "data"],
            "safety_notes": SAFETY,
        },
    )
    request = PilotRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse("pilots:request-detail", args=[request.pk])
    assert request.proposal == world.proposal and request.needs == ["power", "data"] and request.language == "en"


def test_bad_messages_answer_400_and_change_nothing(client, world):
    request = submit(world)
    client.force_login(world.people["espoo_owner"])
    before = AuditEvent.objects.count()
    response = client.post(reverse("pilots:request-ask", args=[request.pk]), {"body": "k" * 2001})
    assert response.status_code == 400
    response = client.post(reverse("pilots:request-decline", args=[request.pk]), {"reason": ""})
    assert response.status_code == 400
    assert AuditEvent.objects.count() == before and fresh(request).status == PilotRequest.Status.SUBMITTED


# ---- overlaps --------------------------------------------------------------------------------------------------


def test_overlaps_on_the_same_site_are_flagged(world):
    first = submit(world)
    services.pilot_request_approve(actor=world.people["espoo_owner"], request=first)
    same = submit(
        world,
        who="partner_admin",
        requester=world.partner_org,
        site_area="  rantaraitti ",
        start_date=_today() + timedelta(days=30),
        end_date=_today() + timedelta(days=60),
    )
    later = submit(world, start_date=_today() + timedelta(days=41), end_date=_today() + timedelta(days=50))
    elsewhere = submit(world, site_area="Metroaseman aukio")
    assert {r.pk for r in overlapping_requests(same)} == {first.pk, later.pk}  # case and spaces ignored
    assert [r.pk for r in overlapping_requests(later)] == [same.pk]  # the first ends on day 40
    assert overlapping_requests(elsewhere) == []
    services.pilot_request_withdraw(actor=world.people["partner_admin"], request=same)
    assert overlapping_requests(fresh(first)) == []  # a withdrawn request no longer holds the site


def test_the_reviewers_list_flags_the_overlaps(client, world):
    from haastemoottori.pilots.selectors_requests import pilot_requests_for

    first = submit(world)
    submit(world, who="partner_admin", requester=world.partner_org, title="Toinen robotti")
    alone = submit(world, site_area="Metroaseman aukio", title="Yksin")
    found = pilot_requests_for(user=world.people["espoo_owner"])
    assert {r.title: r.overlaps for r in found.to_review} == {
        first.title: True,
        "Toinen robotti": True,
        alone.title: False,
    }
    client.force_login(world.people["espoo_owner"])
    assert client.get(reverse("pilots:requests")).content.decode().count("Päällekkäisyydet samalla alueella") == 2


def test_the_reviewer_sees_the_overlap_on_the_page(client, world):
    first = submit(world)
    other = submit(world, who="partner_admin", requester=world.partner_org, title="Toinen robotti")
    client.force_login(world.people["espoo_owner"])
    page = client.get(reverse("pilots:request-detail", args=[first.pk])).content.decode()
    assert "Overlaps on the same site" in page or "Päällekkäisyydet" in page
    assert reverse("pilots:request-detail", args=[other.pk]) in page


# ---- named permissions, per role ----------------------------------------------------------------------------

ROLES = [
    "anonymous",
    "outsider",
    "lead_member",
    "company_admin",
    "partner_admin",
    "other_company",
    "espoo_owner",
    "espoo_admin",
    "espoo_member",
    "espoo_evaluator",
    "vantaa_owner",
    "helsinki_owner",
    "platform_admin",
]
# The platform admin is a superuser: Django grants them every permission (the submit service still asks for an
# organisation of their own, test_a_company_asks_only_for_itself).
EXPECTED = {
    # ask to pilot: a member of a verified company or research organisation
    "pilots.request_pilot": {"lead_member", "company_admin", "partner_admin", "other_company", "platform_admin"},
    # the whole request: the requester's members and the owner city's staff
    "pilots.view_pilot_request": {
        "lead_member",
        "company_admin",
        "espoo_owner",
        "espoo_admin",
        "espoo_member",
        "espoo_evaluator",
        "platform_admin",
    },
    "pilots.review_pilot_request": {"espoo_owner", "espoo_admin", "platform_admin"},
    "pilots.answer_pilot_request": {"lead_member", "company_admin", "platform_admin"},
}


@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_permissions_per_role(world, perm):
    request = submit(world)
    target = world.region.platform if perm == "pilots.request_pilot" else request
    allowed = {
        who for who in ROLES if (AnonymousUser() if who == "anonymous" else world.people[who]).has_perm(perm, target)
    }
    assert allowed == EXPECTED[perm]


@pytest.mark.parametrize("who", ["anonymous", "outsider", "partner_admin", "other_company", "helsinki_owner"])
def test_outsiders_get_404_and_change_nothing(client, world, who):
    request = submit(world)
    if who != "anonymous":
        client.force_login(world.people[who])
    before = AuditEvent.objects.count()
    detail = reverse("pilots:request-detail", args=[request.pk])
    assert client.get(detail).status_code in (302, 404)
    for name, data in (
        ("pilots:request-ask", {"body": "?"}),
        ("pilots:request-answer", {"body": "!"}),
        ("pilots:request-approve", {"conditions": ""}),
        ("pilots:request-decline", {"reason": "ei"}),
        ("pilots:request-withdraw", {}),
    ):
        response = client.post(reverse(name, args=[request.pk]), data)
        assert response.status_code in (302, 404), (name, response.status_code)
        if response.status_code == 302:
            assert "/accounts/login/" in response.url
    assert AuditEvent.objects.count() == before and fresh(request).status == PilotRequest.Status.SUBMITTED


def test_the_requester_cannot_decide_and_the_city_cannot_answer(client, world):
    request = submit(world)
    client.force_login(world.people["lead_member"])
    assert client.post(reverse("pilots:request-approve", args=[request.pk]), {}).status_code == 404
    client.force_login(world.people["espoo_member"])  # Espoo's staff see it, only its editors decide
    assert client.get(reverse("pilots:request-detail", args=[request.pk])).status_code == 200
    assert client.post(reverse("pilots:request-approve", args=[request.pk]), {}).status_code == 404
    client.force_login(world.people["espoo_owner"])
    assert client.post(reverse("pilots:request-answer", args=[request.pk]), {"body": "x"}).status_code == 404
    assert fresh(request).status == PilotRequest.Status.SUBMITTED


def test_a_city_member_cannot_ask_to_pilot(client, world):
    client.force_login(world.people["espoo_owner"])
    assert client.get(reverse("pilots:request-create", args=["testikyla"])).status_code == 403
