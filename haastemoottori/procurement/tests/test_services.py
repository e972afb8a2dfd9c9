"""Services: validation before any change, permissions, audit."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.procurement import services
from haastemoottori.procurement.models import Award, Contract, ProcurementNotice, ProcurementPath

from .conftest import a_date

pytestmark = pytest.mark.django_db


def counts():
    return (
        ProcurementPath.objects.count(),
        ProcurementNotice.objects.count(),
        Award.objects.count(),
        Contract.objects.count(),
        AuditEvent.objects.filter(target_type__startswith="procurement.").count(),
    )


def test_path_is_created_once_with_its_ocid_and_audited(path_world):
    w = path_world
    path = services.path_update(actor=w.owner, challenge=w.challenge, route="pcp", description={"fi": "Kuvaus"})
    again = services.path_update(actor=w.owner, challenge=w.challenge, route="agile_pilot", description={})
    assert again.pk == path.pk and again.ocid == path.ocid and again.route == "agile_pilot"
    actions = list(
        AuditEvent.objects.filter(target_type="procurement.procurementpath")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["created", "updated", "updated"]


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda w: services.path_update(actor=w.owner, challenge=w.challenge, route="auction"),
            "Choose a procurement route.",
        ),
        (
            lambda w: services.path_update(actor=w.owner, challenge=w.challenge, route="pcp", description={"xx": "?"}),
            None,
        ),
        (
            lambda w: services.notice_add(
                actor=w.owner,
                challenge=w.challenge,
                kind="contract_notice",
                notice_id="1",
                url="javascript:alert(1)",
                published_on=a_date(),
            ),
            "Give a web address starting with https://.",
        ),
        (
            lambda w: services.notice_add(
                actor=w.owner,
                challenge=w.challenge,
                kind="contract_notice",
                notice_id="1",
                url="https://example.test/",
                published_on=a_date(3),
            ),
            "A notice cannot be published in the future.",
        ),
        (
            lambda w: services.notice_add(
                actor=w.owner,
                challenge=w.challenge,
                kind="other",
                notice_id="1",
                url="https://example.test/",
                published_on=a_date(),
            ),
            "Choose the kind of notice.",
        ),
        (
            lambda w: services.notice_add(
                actor=w.owner,
                challenge=w.challenge,
                kind="contract_notice",
                notice_id=" ",
                url="https://example.test/",
                published_on=a_date(),
            ),
            "Give the notice ID (at most 100 characters).",
        ),
        (
            lambda w: services.award_add(
                actor=w.owner, challenge=w.challenge, proposal=w.proposal, value=Decimal("-1"), date=a_date()
            ),
            "The value cannot be negative.",
        ),
        (
            lambda w: services.award_add(
                actor=w.owner, challenge=w.challenge, proposal=w.proposal, value=10, date=a_date(), currency="USD"
            ),
            "Values are recorded in euros (EUR).",
        ),
        (
            lambda w: services.award_add(
                actor=w.owner, challenge=w.challenge, proposal=w.proposal, value="lots", date=a_date()
            ),
            "Give the value as a number of euros.",
        ),
        (
            lambda w: services.award_add(
                actor=w.owner, challenge=w.challenge, proposal=w.proposal, value=10, date=a_date(-400)
            ),
            "The award date cannot be before the challenge was published.",
        ),
        (
            lambda w: services.award_add(actor=w.owner, challenge=w.challenge, value=10, date=a_date()),
            "Choose the supplier.",
        ),
        (
            lambda w: services.award_add(
                actor=w.owner,
                challenge=w.challenge,
                proposal=w.proposal,
                supplier=w.region.helsinki,
                value=10,
                date=a_date(),
            ),
            "The supplier must be the proposal's lead or a confirmed partner.",
        ),
    ],
)
def test_invalid_input_changes_nothing(path_world, call, message):
    before = counts()
    with pytest.raises(ServiceValidationError) as exc:
        call(path_world)
    if message:
        assert str(exc.value.message) == _(message)
    assert counts() == before


def test_unselected_proposal_cannot_be_awarded(path_world):
    w = path_world
    w.proposal.decision.outcome = "not_selected"
    w.proposal.decision.save()
    with pytest.raises(ServiceValidationError) as exc:
        services.award_add(actor=w.owner, challenge=w.challenge, proposal=w.proposal, value=1, date=a_date())
    assert exc.value.code == "proposal_not_selected"
    assert Award.objects.count() == 0


def test_award_waits_for_the_call_to_close(region, make_challenge):
    challenge = make_challenge()
    before = counts()
    with pytest.raises(ServiceConflict):
        services.award_add(
            actor=region.people["espoo_owner"], challenge=challenge, supplier=region.company, value=1, date=a_date()
        )
    assert counts() == before


@pytest.mark.parametrize(
    "change, code",
    [
        ({"signed_on": -1}, "signed_before_award"),
        ({"start_date": -1}, "start_before_award"),
        ({"end_date": -1}, "end_before_start"),
        ({"value": Decimal("-0.01")}, "negative_value"),
        ({"status": "finished"}, "invalid_status"),
    ],
)
def test_contract_dates_and_values_are_checked(path_world, change, code):
    w = path_world
    award = services.award_add(actor=w.owner, challenge=w.challenge, proposal=w.proposal, value=100, date=a_date())
    values = {
        "value": Decimal("100"),
        "signed_on": a_date(),
        "start_date": a_date(),
        "end_date": a_date(10),
        "status": "active",
    }
    for key, value in change.items():
        values[key] = a_date(value) if key in ("signed_on", "start_date", "end_date") else value
    before = counts()
    with pytest.raises(ServiceValidationError) as exc:
        services.contract_add(actor=w.owner, award=award, **values)
    assert exc.value.code == code
    assert counts() == before


def test_duplicate_notice_is_a_conflict(full_path):
    w = full_path
    n = w.notices[0]
    before = counts()
    with pytest.raises(ServiceConflict):
        services.notice_add(
            actor=w.owner,
            challenge=w.challenge,
            kind=n.kind,
            notice_id=n.notice_id,
            url=n.url,
            published_on=n.published_on,
        )
    assert counts() == before


def test_full_path_is_audited(full_path):
    types = set(AuditEvent.objects.filter(action="created").values_list("target_type", flat=True))
    assert {
        "procurement.procurementpath",
        "procurement.procurementnotice",
        "procurement.award",
        "procurement.contract",
    } <= types
    services.notice_remove(actor=full_path.owner, notice=full_path.notices[0])
    assert AuditEvent.objects.filter(action="deleted", target_type="procurement.procurementnotice").count() == 1


def test_award_defaults_to_the_proposal_lead(path_world):
    w = path_world
    award = services.award_add(actor=w.owner, challenge=w.challenge, proposal=w.proposal, value=5, date=a_date())
    assert award.supplier == w.region.company and award.supplier_name == "Testiyritys Oy"


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("resident", False),
        ("company", False),
        ("other_company", False),
        ("contributor", False),
        ("contributor_editor", False),
        ("owner", True),
        ("co_owner", True),
        ("platform_admin", True),
    ],
)
def test_service_permissions(path_world, people, who, allowed):
    w = path_world
    actor = people[who]
    calls = [
        lambda: services.path_update(actor=actor, challenge=w.challenge, route="pcp"),
        lambda: services.notice_add(
            actor=actor,
            challenge=w.challenge,
            kind="contract_notice",
            notice_id=f"id-{who}",
            url="https://example.test/",
            published_on=a_date(),
        ),
        lambda: services.award_add(actor=actor, challenge=w.challenge, proposal=w.proposal, value=1, date=a_date()),
    ]
    for call in calls:
        if allowed:
            call()
        else:
            with pytest.raises(ServicePermissionDenied):
                call()
    if allowed:
        award = Award.objects.latest("id")
        contract = services.contract_add(actor=actor, award=award, value=1, signed_on=a_date(), start_date=a_date())
        services.notice_remove(actor=actor, notice=ProcurementNotice.objects.latest("id"))
        assert contract.pk
    else:
        assert counts()[:4] == (0, 0, 0, 0)


def test_anonymous_is_refused(path_world):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ServicePermissionDenied):
        services.path_update(actor=AnonymousUser(), challenge=path_world.challenge, route="")


def test_notice_date_today_is_accepted(path_world):
    n = services.notice_add(
        actor=path_world.owner,
        challenge=path_world.challenge,
        kind="prior_information",
        notice_id="X",
        url="https://example.test/x",
        published_on=timezone.localdate() - timedelta(days=30),
    )
    assert n.path.challenge_id == path_world.challenge.pk
