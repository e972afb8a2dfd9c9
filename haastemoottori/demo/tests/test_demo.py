"""The demo data loads through the services and covers what the product needs to show."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from haastemoottori.accounts.models import User
from haastemoottori.audit.models import AuditEvent
from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.challenges.models import Challenge
from haastemoottori.organisations.models import Membership, Organisation

pytestmark = pytest.mark.xdist_group("demo-" + __name__)


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    """seed_demo once for the module (it takes seconds, on PostgreSQL ten), rolled back after the module; each
    test runs in a savepoint inside it, so what a test changes is undone before the next one."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_loaded, db):
    return None


def test_every_stage_and_the_region_are_there(demo):
    stages = set(Challenge.objects.values_list("stage", flat=True))
    assert stages == set(Stage.values)
    assert Challenge.objects.count() >= 12
    assert Organisation.objects.cities().count() == 3
    assert Organisation.objects.filter(kind="company").count() >= 20
    co_owned = [
        c
        for c in Challenge.objects.prefetch_related("ownerships__organisation")
        if sum(o.organisation.kind == "city" for o in c.ownerships.all()) >= 2
    ]
    assert len(co_owned) >= 4


def test_translations_are_mostly_there_with_deliberate_gaps(demo):
    titles = list(Challenge.objects.values_list("title", flat=True))
    assert all(t.get("fi") for t in titles)
    missing = [t for t in titles if not (t.get("sv") and t.get("en"))]
    assert 1 <= len(missing) <= len(titles) // 2


def test_one_demo_user_per_role_and_an_audit_trail(demo):
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Membership.Role.values)
    assert User.objects.filter(is_superuser=True).exists()
    assert AuditEvent.objects.filter(action="transitioned").count() >= 20


def test_loading_twice_is_refused(demo):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", "--if-empty", stdout=io.StringIO())


def test_companies_and_research_organisations_have_profiles(demo):
    from haastemoottori.organisations.models import JoinRequest, Reference

    solvers = Organisation.objects.filter(kind__in=("company", "research"))
    assert all(o.offering and o.languages_served and o.cities_served.exists() for o in solvers)
    assert {o.original_language for o in solvers} == {"fi", "sv", "en"}
    assert solvers.filter(trl__isnull=False).count() >= 20
    assert Reference.objects.count() >= 15 and Reference.objects.filter(is_pilot=True).exists()
    assert all(r.client_organisation for r in Reference.objects.all())
    assert JoinRequest.objects.visible_to_admins().filter(organisation__slug="lampoaalto").count() == 1
    assert Membership.objects.filter(organisation__slug="lampoaalto", role="admin").exists()


def test_co_development_is_there(demo):
    from haastemoottori.comments.models import Comment
    from haastemoottori.events.models import Event, Registration
    from haastemoottori.qa.models import Question

    assert Question.objects.filter(status="published").count() >= 8
    assert Question.objects.filter(status="pending").exists()
    assert Comment.objects.filter(status="hidden").count() == 1
    assert Comment.objects.filter(taken_into_account_at__isnull=False).count() >= 3
    assert Event.objects.filter(starts_at__lt=timezone.now()).exists()
    assert Event.objects.filter(starts_at__gt=timezone.now()).count() >= 3
    assert Registration.objects.count() >= 10


def test_calls_and_proposals_are_there(demo):
    from haastemoottori.proposals.models import Call, Proposal, ProposalPartner

    assert Call.objects.count() == 5 + 3  # codevelopment.json, and delivery.json for piloting and closed challenges
    assert Proposal.objects.filter(status="submitted", call__challenge__stage__in=("piloting", "closed")).count() == 7
    assert Proposal.objects.filter(status="submitted").count() >= 4
    assert Proposal.objects.filter(status="draft").exists()
    assert Proposal.objects.filter(status="submitted", call__challenge__stage="evaluation").exists()
    assert ProposalPartner.objects.filter(status="confirmed").count() >= 2
    assert all(len(p.content_hash) == 64 for p in Proposal.objects.filter(status="submitted"))


def test_pilot_requests_on_keilaniemi_and_aviapolis(demo):
    from haastemoottori.pilots.models import PilotRequest
    from haastemoottori.pilots.selectors_requests import overlapping_requests, platform_pilots
    from haastemoottori.platforms.models import DevelopmentPlatform

    requests = list(PilotRequest.objects.select_related("platform"))
    assert {r.platform.slug for r in requests} == {"keilaniemi", "aviapolis"}
    assert {r.language for r in requests} == {"fi", "sv", "en"}
    assert {r.status for r in requests} >= {"question", "approved", "submitted"}
    keilaniemi = platform_pilots(platform=DevelopmentPlatform.objects.get(slug="keilaniemi"))
    aviapolis = platform_pilots(platform=DevelopmentPlatform.objects.get(slug="aviapolis"))
    assert keilaniemi.now and aviapolis.before  # tested now on Keilaniemi, before on Aviapolis
    sensors = PilotRequest.objects.get(requester__slug="havsdata")
    assert [r.requester.slug for r in overlapping_requests(sensors)] == ["datapuro"]
    assert AuditEvent.objects.filter(action="pilot_request_approved").count() == 2
