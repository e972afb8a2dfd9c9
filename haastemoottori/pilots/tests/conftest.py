"""A challenge in piloting with a selected proposal (lead company + confirmed partner), and people in every role."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from conftest import make_org, make_user
from haastemoottori.challenges.models import Challenge
from haastemoottori.evaluation.models import Decision
from haastemoottori.organisations.models import Membership
from haastemoottori.pilots import services
from haastemoottori.proposals.tests.conftest import close_call, make_proposal, open_call

Role = Membership.Role


def select(proposal, outcome="selected"):
    return Decision.objects.create(
        proposal=proposal, outcome=outcome, justification="Paras kokonaisuus.", decided_at=timezone.now()
    )


@pytest.fixture
def world(region, make_challenge):
    challenge, questions = open_call(region, make_challenge)
    partner_org = make_org("kumppani", kind="company", name={"fi": "Kumppani Oy"}, business_id="1572860-0")
    other = make_org("kilpailija", kind="company", name={"fi": "Kilpailija Oy"}, business_id="2464491-9")
    people = dict(region.people)
    people.update(
        {
            "lead_member": make_user("member@company.test", region.company, Role.MEMBER),
            "partner_admin": make_user("admin@kumppani.test", partner_org, Role.ADMIN),
            "other_company": make_user("member@kilpailija.test", other, Role.MEMBER),
        }
    )

    class World:
        pass

    w = World()
    w.region, w.challenge, w.q, w.lead, w.partner_org, w.other, w.people = (
        region,
        challenge,
        questions,
        region.company,
        partner_org,
        other,
        people,
    )
    w.proposal = make_proposal(w, submit=True, partner=partner_org)
    close_call(challenge)
    Challenge.objects.filter(pk=challenge.pk).update(stage="piloting")
    challenge.refresh_from_db()
    w.decision = select(w.proposal)
    return w


def create_pilot(w, **extra):
    values = {
        "start_date": date(2026, 1, 1),
        "end_date": date(2026, 6, 30),
        "location": "Otaniemi",
        "platform": w.region.platform,
        "budget_total": Decimal("50000"),
        "budget_shares": {w.region.espoo: Decimal("30000"), w.region.vantaa: Decimal("20000")},
        "scope": {"fi": "Kolme koulua"},
    }
    values.update(extra)
    return services.pilot_create(actor=w.people["espoo_owner"], proposal=w.proposal, **values)


@pytest.fixture
def pilot(world):
    return create_pilot(world)


@pytest.fixture
def tracked(world, pilot):
    """The pilot with a CO2e KPI and two measurements, a milestone and a check-in."""
    owner = world.people["espoo_owner"]
    kpi = services.kpi_add(
        actor=owner,
        pilot=pilot,
        name={"fi": "Päästöt", "en": "Emissions"},
        baseline="100",
        target="60",
        direction="decrease",
        unit="t CO2e/a",
        method="GHG Protocol, kulutusdata",
        is_co2e=True,
    )
    today = timezone.localdate()
    services.measurement_record(actor=owner, kpi=kpi, value="90", measured_on=today - timedelta(days=30))
    services.measurement_record(actor=owner, kpi=kpi, value="80", measured_on=today)
    services.milestone_add(actor=owner, pilot=pilot, title={"fi": "Asennus valmis"}, due_date=date(2026, 2, 1))
    services.check_in_create(
        actor=world.people["lead_member"],
        pilot=pilot,
        status="at_risk",
        summary="Asennukset myöhässä",
        next_steps="SALAINEN-SEURAAVA",
    )
    pilot.kpi = kpi
    return pilot
