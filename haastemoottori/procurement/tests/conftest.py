"""A challenge taken along the whole path: market dialogue, open call, a submitted proposal with a
confidential answer, evaluation with a selected proposal, piloting, a procurement path with notices,
an award and a contract."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from conftest import make_org, make_user, publishable
from haastemoottori.challenges import services as challenge_services
from haastemoottori.challenges.models import Challenge, StageChange
from haastemoottori.core.errors import ServiceError
from haastemoottori.organisations.models import Membership
from haastemoottori.procurement import services

Role = Membership.Role
SECRET = "SALAINEN-MERKKI-7c1f"  # planted in a confidential answer; must never reach an export


def move(challenge, target, actor, **extra):
    """Transition through the service; if another app's guard (still being written) refuses, force it."""
    try:
        return challenge_services.challenge_transition(actor=actor, challenge=challenge, target=target, **extra)
    except ServiceError:
        StageChange.objects.create(
            challenge=challenge, from_stage=challenge.stage, to_stage=target, changed_at=timezone.now()
        )
        Challenge.objects.filter(pk=challenge.pk).update(stage=target, stage_changed_at=timezone.now())
        challenge.refresh_from_db()
        return challenge


def _open_call_challenge(region, make_challenge):
    from haastemoottori.events import services as event_services
    from haastemoottori.proposals import services as proposal_services

    owner = region.people["espoo_owner"]
    challenge = make_challenge()
    challenge_services.challenge_add_owner(
        actor=owner, challenge=challenge, organisation=region.vantaa, role="co_owner"
    )
    challenge_services.challenge_add_owner(
        actor=owner, challenge=challenge, organisation=region.helsinki, role="contributor"
    )
    challenge = publishable(challenge, region)
    challenge_services.challenge_approve(
        actor=region.people["vantaa_owner"], challenge=challenge, organisation=region.vantaa
    )
    challenge = move(challenge, "co_definition", owner)
    start = timezone.now() + timedelta(days=2)
    event_services.event_create(
        actor=owner,
        organiser=region.espoo,
        original_language="fi",
        challenges=[challenge],
        title={"fi": "Markkinavuoropuhelu", "en": "Market dialogue"},
        kind="market_dialogue",
        description={"fi": "Kuulemme yrityksiä."},
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location="Espoo",
        language="fi",
    )
    challenge = move(challenge, "open_call", owner)
    proposal_services.call_update(
        actor=owner,
        challenge=challenge,
        eligibility={"fi": "Yritykset"},
        instructions={"fi": "Ohjeet"},
        max_file_size=100_000,
        max_files=3,
    )
    public_q = proposal_services.question_add(
        actor=owner,
        challenge=challenge,
        values={"label": {"fi": "Tiivistelmä"}, "kind": "text", "required": True, "order": 1},
    )
    secret_q = proposal_services.question_add(
        actor=owner,
        challenge=challenge,
        values={"label": {"fi": "Liikesalaisuus"}, "kind": "text", "confidential": True, "order": 2},
    )
    challenge.refresh_from_db()
    return challenge, public_q, secret_q


@pytest.fixture
def people(region):
    other = make_org("kilpailija", kind="company", name={"fi": "Kilpailija Oy"}, business_id="2464491-9")
    return {
        "anonymous": None,
        "resident": region.people["outsider"],
        "company": make_user("member@company.test", region.company, Role.MEMBER),
        "other_company": make_user("member@kilpailija.test", other, Role.MEMBER),
        "contributor": region.people["espoo_member"],  # a lead-city member without an editor role
        "contributor_editor": region.people["helsinki_owner"],  # editor of a contributor organisation
        "owner": region.people["espoo_owner"],
        "co_owner": region.people["vantaa_owner"],
        "platform_admin": region.people["platform_admin"],
    }


@pytest.fixture
def path_world(region, make_challenge):
    """A challenge in piloting with a selected proposal (with a confidential marker) and no path yet."""
    from haastemoottori.evaluation.models import Decision
    from haastemoottori.proposals import services as proposal_services

    region.company.identifiers.create(scheme="FI-PRO", identifier="1572860-0")
    challenge, public_q, secret_q = _open_call_challenge(region, make_challenge)
    actor = region.people["company_admin"]
    proposal = proposal_services.proposal_start(
        actor=actor, challenge=challenge, lead=region.company, title="Lämpöpumppuratkaisu"
    )
    proposal = proposal_services.proposal_save(
        actor=actor,
        proposal=proposal,
        version=proposal.version,
        answers={public_q.pk: "Julkinen tiivistelmä", secret_q.pk: f"Hinta ja {SECRET}"},
    )
    proposal = proposal_services.proposal_submit(actor=actor, proposal=proposal)
    Challenge.objects.filter(pk=challenge.pk).update(call_deadline=timezone.now() - timedelta(seconds=1))
    challenge.refresh_from_db()
    owner = region.people["espoo_owner"]
    challenge = move(challenge, "evaluation", owner)
    Decision.objects.create(
        proposal=proposal, outcome="selected", justification="Paras.", decided_by=owner, decided_at=timezone.now()
    )
    challenge = move(challenge, "piloting", owner)

    class World:
        pass

    w = World()
    w.region, w.challenge, w.proposal, w.owner = region, challenge, proposal, owner
    return w


@pytest.fixture
def full_path(path_world):
    """The procurement path recorded: route, two notices, an award to the selected proposal, a contract."""
    w = path_world
    today = timezone.localdate()
    w.path = services.path_update(
        actor=w.owner,
        challenge=w.challenge,
        route="innovation_procurement",
        description={"fi": "Pilotti ja sen jälkeen innovatiivinen hankinta."},
    )
    w.notices = [
        services.notice_add(
            actor=w.owner,
            challenge=w.challenge,
            kind="prior_information",
            notice_id="2024-001",
            url="https://www.hankintailmoitukset.fi/fi/public/procurement/1/notice/1/overview",
            published_on=today - timedelta(days=1),
        ),
        services.notice_add(
            actor=w.owner,
            challenge=w.challenge,
            kind="contract_notice",
            notice_id="2024-002",
            url="https://www.hankintailmoitukset.fi/fi/public/procurement/1/notice/2/overview",
            published_on=today,
        ),
    ]
    w.award = services.award_add(
        actor=w.owner, challenge=w.challenge, proposal=w.proposal, value=Decimal("48500.50"), date=today
    )
    w.contract = services.contract_add(
        actor=w.owner,
        award=w.award,
        value=Decimal("48500.50"),
        signed_on=today,
        start_date=today,
        end_date=today + timedelta(days=180),
        status="active",
    )
    return w


def a_date(days: int = 0) -> date:
    return timezone.localdate() + timedelta(days=days)
