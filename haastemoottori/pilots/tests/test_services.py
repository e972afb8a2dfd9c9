from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.notifications.models import Notification
from haastemoottori.pilots import services
from haastemoottori.pilots.models import KPIMeasurement, Pilot
from haastemoottori.pilots.progress import kpi_progress

from .conftest import create_pilot, select


def money(value):
    """A sum as the messages show it: two decimals with the page language's thousands separator."""
    return number_format(value, 2, force_grouping=True)


def audits(target, action):
    return AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk), action=action)


def test_create_prefills_participants_shares_and_audits(world):
    pilot = create_pilot(world)
    roles = {p.organisation.slug: p.role for p in pilot.participants.select_related("organisation")}
    assert roles == {"testiyritys": "company", "kumppani": "company", "espoo": "city", "vantaa": "city"}
    assert {s.organisation.slug: s.amount for s in pilot.budget_shares.select_related("organisation")} == {
        "espoo": Decimal("30000"),
        "vantaa": Decimal("20000"),
    }
    assert pilot.title == {"fi": world.proposal.title}
    assert pilot.status == Pilot.Status.PLANNED
    assert audits(pilot, "created").get().is_public
    # The lead company's members were told (not the actor).
    assert Notification.objects.filter(kind="pilots.created", user=world.people["lead_member"]).exists()
    assert not Notification.objects.filter(kind="pilots.created", user=world.people["espoo_owner"]).exists()


def test_create_needs_a_selected_decision(world):
    world.decision.delete()
    world.proposal.refresh_from_db()
    with pytest.raises(ServiceValidationError) as exc:
        create_pilot(world)
    assert exc.value.message == _("Only a selected proposal can become a pilot.")
    select(world.proposal, outcome="not_selected")
    world.proposal.refresh_from_db()
    with pytest.raises(ServiceValidationError):
        create_pilot(world)
    assert not Pilot.objects.exists()


def test_create_once_per_proposal(world):
    create_pilot(world)
    with pytest.raises(ServiceConflict):
        create_pilot(world)


@pytest.mark.parametrize("who", ["espoo_member", "vantaa_owner", "company_admin", "helsinki_owner", "outsider"])
def test_create_permission_denied(world, who):
    with pytest.raises(ServicePermissionDenied):
        services.pilot_create(actor=world.people[who], proposal=world.proposal)
    assert not Pilot.objects.exists()


def test_platform_admin_and_espoo_admin_can_create(world):
    pilot = services.pilot_create(actor=world.people["platform_admin"], proposal=world.proposal)
    assert pilot.pk


def test_shares_may_not_exceed_the_total(world):
    with pytest.raises(ServiceValidationError) as exc:
        create_pilot(world, budget_shares={world.region.espoo: Decimal("40000"), world.region.vantaa: "20000"})
    assert exc.value.field == "budget_shares"
    assert exc.value.message == _(
        "The cities' shares (%(sum)s EUR) add up to more than the total budget (%(total)s EUR)."
    ) % {"sum": money(Decimal("60000")), "total": money(Decimal("50000"))}
    assert not Pilot.objects.exists()


def test_shares_only_for_owning_cities_and_need_a_total(world):
    with pytest.raises(ServiceValidationError):
        create_pilot(world, budget_shares={world.region.helsinki: "10"})
    with pytest.raises(ServiceValidationError) as exc:
        create_pilot(world, budget_total=None, budget_shares={world.region.espoo: "10"})
    assert exc.value.code == "shares_without_total"


def test_end_must_be_after_start(world):
    with pytest.raises(ServiceValidationError) as exc:
        create_pilot(world, start_date=date(2026, 5, 1), end_date=date(2026, 5, 1))
    assert exc.value.message == _("The pilot must end after it starts.")


def test_update_checks_shares_against_new_total(world, pilot):
    owner = world.people["espoo_owner"]
    with pytest.raises(ServiceValidationError):
        services.pilot_update(actor=owner, pilot=pilot, budget_total="10000")
    services.pilot_update(
        actor=owner, pilot=pilot, budget_total="60000", status="running", budget_shares={world.region.espoo: "60000"}
    )
    pilot.refresh_from_db()
    assert pilot.status == "running" and pilot.budget_total == Decimal("60000")
    assert [s.organisation_id for s in pilot.budget_shares.all()] == [world.region.espoo.pk]
    event = audits(pilot, "updated").get()
    assert event.changes["budget_shares"]["old"] == {"espoo": "30000.00", "vantaa": "20000.00"}
    with pytest.raises(ServiceValidationError):
        services.pilot_update(actor=owner, pilot=pilot, status="finished")
    with pytest.raises(ServicePermissionDenied):
        services.pilot_update(actor=world.people["lead_member"], pilot=pilot, location="x")


def test_measurements_keep_history_and_corrections_are_new_rows(world, pilot):
    owner = world.people["espoo_owner"]
    kpi = services.kpi_add(
        actor=owner, pilot=pilot, name={"fi": "Käyttäjät"}, baseline="0", target="200", direction="increase", unit="hlö"
    )
    today = timezone.localdate()
    first = services.measurement_record(actor=owner, kpi=kpi, value="50", measured_on=today - timedelta(days=7))
    wrong = services.measurement_record(actor=owner, kpi=kpi, value="500", measured_on=today)
    with pytest.raises(ServiceValidationError) as exc:
        services.measurement_record(actor=owner, kpi=kpi, value="150", measured_on=today, corrects=wrong)
    assert exc.value.message == _("Say in the note why the value is corrected.")
    fixed = services.measurement_record(
        actor=owner, kpi=kpi, value="150", measured_on=today, corrects=wrong, note="Kirjoitusvirhe"
    )
    values = list(KPIMeasurement.objects.filter(kpi=kpi).order_by("id").values_list("value", flat=True))
    assert values == [Decimal("50"), Decimal("500"), Decimal("150")]
    wrong.refresh_from_db()
    first.refresh_from_db()
    assert wrong.value == Decimal("500") and first.value == Decimal("50")  # never overwritten
    assert fixed.corrects == wrong
    progress = kpi_progress(kpi)
    assert progress.latest == Decimal("150") and progress.percent == Decimal("75.0") and not progress.reached
    assert audits(pilot, "kpi_measured").count() == 3


def test_progress_for_a_decreasing_kpi(tracked):
    progress = kpi_progress(tracked.kpi)
    assert progress.latest == Decimal("80")
    assert progress.percent == Decimal("50.0")
    assert progress.bar_percent == 50
    assert not progress.reached


def test_progress_reached_and_clamped(world, pilot):
    owner = world.people["espoo_owner"]
    kpi = services.kpi_add(actor=owner, pilot=pilot, name={"fi": "K"}, baseline="10", target="5", direction="decrease")
    assert kpi_progress(kpi).latest is None and kpi_progress(kpi).percent is None
    services.measurement_record(actor=owner, kpi=kpi, value="2", measured_on=timezone.localdate())
    progress = kpi_progress(kpi)
    assert progress.reached and progress.percent == Decimal("160.0") and progress.bar_percent == 100


def test_kpi_validation(world, pilot):
    owner = world.people["espoo_owner"]
    with pytest.raises(ServiceValidationError) as exc:
        services.kpi_add(
            actor=owner,
            pilot=pilot,
            name={"fi": "CO2"},
            baseline="10",
            target="5",
            direction="decrease",
            is_co2e=True,
            unit="t",
        )
    assert exc.value.message == _("A CO2e indicator needs its unit and measurement method.")
    with pytest.raises(ServiceValidationError):
        services.kpi_add(actor=owner, pilot=pilot, name={"fi": "K"}, baseline="10", target="5", direction="increase")
    with pytest.raises(ServiceValidationError):
        services.kpi_add(actor=owner, pilot=pilot, name={"fi": "K"}, baseline="x", target="5", direction="decrease")
    with pytest.raises(ServicePermissionDenied):
        services.kpi_add(
            actor=world.people["lead_member"],
            pilot=pilot,
            name={"fi": "K"},
            baseline="1",
            target="5",
            direction="increase",
        )
    assert not pilot.kpis.exists()


def test_future_measurement_refused(world, pilot):
    owner = world.people["espoo_owner"]
    kpi = services.kpi_add(actor=owner, pilot=pilot, name={"fi": "K"}, baseline="1", target="5", direction="increase")
    with pytest.raises(ServiceValidationError):
        services.measurement_record(
            actor=owner, kpi=kpi, value="3", measured_on=timezone.localdate() + timedelta(days=1)
        )


@pytest.mark.parametrize(
    "who,allowed",
    [
        ("espoo_owner", True),
        ("lead_member", True),
        ("partner_admin", True),
        ("platform_admin", True),
        ("espoo_member", False),
        ("other_company", False),
        ("outsider", False),
        ("helsinki_owner", False),
    ],
)
def test_check_in_permissions(world, pilot, who, allowed):
    if allowed:
        check_in = services.check_in_create(actor=world.people[who], pilot=pilot, status="on_track", summary="Hyvin")
        assert check_in.pk and audits(pilot, "checked_in").exists()
    else:
        with pytest.raises(ServicePermissionDenied):
            services.check_in_create(actor=world.people[who], pilot=pilot, status="on_track", summary="Hyvin")


def test_check_in_records_the_authors_organisation(world, pilot):
    check_in = services.check_in_create(
        actor=world.people["lead_member"], pilot=pilot, status="off_track", summary="Ongelmia"
    )
    assert check_in.organisation == world.lead
    with pytest.raises(ServiceValidationError):
        services.check_in_create(actor=world.people["lead_member"], pilot=pilot, status="bad", summary="x")
    with pytest.raises(ServiceValidationError):
        services.check_in_create(actor=world.people["lead_member"], pilot=pilot, status="on_track", summary=" ")


def test_milestones(world, pilot):
    owner = world.people["espoo_owner"]
    milestone = services.milestone_add(actor=owner, pilot=pilot, title={"fi": "Aloitus"}, due_date=date(2026, 1, 15))
    services.milestone_set_done(actor=owner, milestone=milestone, done=True)
    milestone.refresh_from_db()
    assert milestone.done_at is not None
    services.milestone_set_done(actor=owner, milestone=milestone, done=False)
    milestone.refresh_from_db()
    assert milestone.done_at is None
    assert audits(pilot, "milestone_done").count() == 1 and audits(pilot, "milestone_reopened").count() == 1
    with pytest.raises(ServicePermissionDenied):
        services.milestone_set_done(actor=world.people["lead_member"], milestone=milestone, done=True)


def test_finish_requires_reasons_and_sets_finished(world, pilot):
    owner = world.people["espoo_owner"]
    with pytest.raises(ServiceValidationError) as exc:
        services.pilot_finish(
            actor=owner, pilot=pilot, results={"fi": "Toimi"}, lessons={}, scale_up="procure", scale_up_reasons="  "
        )
    assert exc.value.message == _("Give the reasons for the scale-up decision.")
    with pytest.raises(ServiceValidationError):
        services.pilot_finish(
            actor=owner, pilot=pilot, results={"fi": "Toimi"}, lessons={}, scale_up="", scale_up_reasons="Syyt"
        )
    pilot.refresh_from_db()
    assert pilot.status == "planned"
    services.pilot_finish(
        actor=owner,
        pilot=pilot,
        results={"fi": "Toimi"},
        lessons={"fi": "Opit"},
        scale_up="procure",
        scale_up_reasons="Säästöt",
    )
    pilot.refresh_from_db()
    assert pilot.status == "finished" and pilot.finished_at and pilot.scale_up == "procure"
    event = audits(pilot, "pilot_finished").get()
    assert event.changes["scale_up_reasons"]["new"] == "Säästöt" and event.is_public
    with pytest.raises(ServiceValidationError):
        services.check_in_create(actor=owner, pilot=pilot, status="on_track", summary="x")
    with pytest.raises(ServicePermissionDenied):
        services.pilot_finish(
            actor=world.people["lead_member"],
            pilot=pilot,
            results={"fi": "x"},
            lessons={},
            scale_up="stop",
            scale_up_reasons="x",
        )
