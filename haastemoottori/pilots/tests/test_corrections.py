"""Tester findings: editing and deleting KPIs and milestones, and their date rules (the results: test_finishing.py)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.pilots import services
from haastemoottori.pilots.models import KPI, Milestone, Pilot


def audits(pilot, action):
    return AuditEvent.objects.filter(target_type="pilots.pilot", target_id=str(pilot.pk), action=action)


def short(day):
    return date_format(day, "SHORT_DATE_FORMAT")


def finish(world, pilot, **extra):
    values = {"results": {"fi": "Toimi"}, "lessons": {}, "scale_up": "extend", "scale_up_reasons": "Lisää dataa"}
    values.update(extra)
    return services.pilot_finish(actor=world.people["espoo_owner"], pilot=pilot, **values)


# --- KPIs ---------------------------------------------------------------------------------------------


def test_kpi_edit_and_delete_without_measurements(world, pilot):
    owner = world.people["espoo_owner"]
    kpi = services.kpi_add(
        actor=owner, pilot=pilot, name={"fi": "Kävijät"}, baseline="10", target="20", direction="increase"
    )
    kpi = services.kpi_update(
        actor=owner,
        kpi=kpi,
        name={"fi": "Kävijät", "en": "Visitors"},
        baseline="12",
        target="30",
        direction="increase",
        unit="hlö",
    )
    kpi.refresh_from_db()
    assert (kpi.name, kpi.baseline, kpi.target, kpi.unit) == (
        {"fi": "Kävijät", "en": "Visitors"},
        Decimal(12),
        Decimal(30),
        "hlö",
    )
    change = audits(pilot, "kpi_updated").get().changes
    assert change["baseline"] == {"old": "10.0000", "new": "12"} and change["unit"] == {"old": "", "new": "hlö"}
    services.kpi_delete(actor=owner, kpi=kpi)
    assert not KPI.objects.filter(pk=kpi.pk).exists()
    assert audits(pilot, "kpi_deleted").get().data["name"] == {"fi": "Kävijät", "en": "Visitors"}


def test_kpi_with_measurements_is_not_deleted(world, tracked):
    with pytest.raises(ServiceConflict) as exc:
        services.kpi_delete(actor=world.people["espoo_owner"], kpi=tracked.kpi)
    assert exc.value.message == services.kpi_delete_refusal(tracked.kpi) != ""
    assert KPI.objects.filter(pk=tracked.kpi.pk).exists() and not audits(tracked, "kpi_deleted").exists()


def test_kpi_edit_keeps_the_rules(world, tracked):
    with pytest.raises(ServiceValidationError) as exc:
        services.kpi_update(
            actor=world.people["espoo_owner"],
            kpi=tracked.kpi,
            name={"fi": "Päästöt"},
            baseline="100",
            target="120",
            direction="decrease",
        )
    assert exc.value.message == _("The target must be on the better side of the baseline.")
    with pytest.raises(ServicePermissionDenied):
        services.kpi_update(
            actor=world.people["lead_member"],
            kpi=tracked.kpi,
            name={"fi": "X"},
            baseline="1",
            target="2",
            direction="increase",
        )
    assert KPI.objects.get(pk=tracked.kpi.pk).name == {"fi": "Päästöt", "en": "Emissions"}


def test_kpi_views(client, world, tracked):
    client.force_login(world.people["espoo_owner"])
    kpi = tracked.kpi
    edit = reverse("pilots:kpi-edit", args=[tracked.pk, kpi.pk])
    page = client.get(edit)
    assert page.status_code == 200 and 'value="Päästöt"' in page.content.decode()
    assert 'value="100"' in page.content.decode()  # the baseline without trailing zeros
    response = client.post(
        edit,
        {
            "name_fi": "Päästöt",
            "name_en": "CO2",
            "baseline": "100",
            "target": "50,5",
            "direction": "decrease",
            "unit": "t CO2e/a",
            "method": "GHG",
            "is_co2e": "on",
        },
    )
    assert response.status_code == 302
    kpi.refresh_from_db()
    assert kpi.target == Decimal("50.5") and kpi.name["en"] == "CO2"  # a decimal comma is accepted
    delete = reverse("pilots:kpi-delete", args=[tracked.pk, kpi.pk])
    page = client.get(delete).content.decode()
    assert services.kpi_delete_refusal(kpi) in page.replace("&#x27;", "'")
    button = _("Delete the KPI “%(name)s”") % {"name": "Päästöt"}
    assert f'<span class="hds-button__label">{button}</span>' not in page  # no button, only the reason
    assert client.post(delete).status_code == 409 and KPI.objects.filter(pk=kpi.pk).exists()
    empty = services.kpi_add(
        actor=world.people["espoo_owner"],
        pilot=tracked,
        name={"fi": "Tyhjä"},
        baseline="0",
        target="1",
        direction="increase",
    )
    delete = reverse("pilots:kpi-delete", args=[tracked.pk, empty.pk])
    page = client.get(delete)
    assert page.status_code == 200 and _("Delete the KPI “%(name)s”") % {"name": "Tyhjä"} in page.content.decode()
    assert KPI.objects.filter(pk=empty.pk).exists()  # asking changes nothing
    assert client.post(delete).status_code == 302 and not KPI.objects.filter(pk=empty.pk).exists()


# --- measurements ---------------------------------------------------------------------------------------


def test_measurement_not_before_the_start(world, tracked):
    Pilot.objects.filter(pk=tracked.pk).update(
        start_date=timezone.localdate() - timedelta(days=10), end_date=timezone.localdate() + timedelta(days=100)
    )
    tracked.refresh_from_db()
    kpi = KPI.objects.select_related("pilot").get(pk=tracked.kpi.pk)
    day = timezone.localdate() - timedelta(days=11)
    with pytest.raises(ServiceValidationError) as exc:
        services.measurement_record(actor=world.people["espoo_owner"], kpi=kpi, value="5", measured_on=day)
    assert exc.value.message == _("A measurement cannot be dated before the pilot started (%(start)s).") % {
        "start": short(tracked.start_date)
    }
    services.measurement_record(actor=world.people["espoo_owner"], kpi=kpi, value="5", measured_on=day + timedelta(1))


@pytest.mark.parametrize("language", ["fi", "en"])
def test_correction_choices_are_localised(world, tracked, language):
    from haastemoottori.pilots.forms import MeasurementForm

    kpi = KPI.objects.get(pk=tracked.kpi.pk)
    measured = timezone.localdate() - timedelta(days=2)
    services.measurement_record(
        actor=world.people["espoo_owner"], kpi=kpi, value=Decimal("30.0000"), measured_on=measured
    )
    services.measurement_record(
        actor=world.people["espoo_owner"], kpi=kpi, value=Decimal("1234.5"), measured_on=measured
    )
    with translation.override(language):
        labels = [label for _value, label in MeasurementForm(kpi=kpi).fields["corrects"].choices]
        assert f"{short(measured)}: 30" in labels
        assert f"{short(measured)}: {number_format(Decimal('1234.5'), force_grouping=True)}" in labels
        assert not any("E+" in str(label) for label in labels)
        # The note has the measurement's own word, the one the correction error uses.
        assert str(MeasurementForm(kpi=kpi).fields["note"].label) == translation.pgettext("measurement", "Note")


# --- milestones -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "due,ok",
    [
        (date(2025, 1, 1), True),
        (date(2024, 12, 31), False),  # a year before the start (2026-01-01)
        (date(2031, 6, 30), True),
        (date(2031, 7, 1), False),  # five years after the planned end (2026-06-30)
        (date(2002, 1, 1), False),
        (date(9999, 12, 31), False),
    ],
)
def test_milestone_window(world, pilot, due, ok):
    owner = world.people["espoo_owner"]
    if ok:
        assert services.milestone_add(actor=owner, pilot=pilot, title={"fi": "M"}, due_date=due).due_date == due
        return
    with pytest.raises(ServiceValidationError) as exc:
        services.milestone_add(actor=owner, pilot=pilot, title={"fi": "M"}, due_date=due)
    assert short(date(2025, 1, 1)) in exc.value.message and short(date(2031, 6, 30)) in exc.value.message
    assert not Milestone.objects.exists()


def test_milestone_edit_and_delete(client, world, tracked):
    milestone = tracked.milestones.get()
    client.force_login(world.people["espoo_owner"])
    edit = reverse("pilots:milestone-edit", args=[tracked.pk, milestone.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"milestone-title_fi": "Asennus", "milestone-due_date": "2001-01-01"})
    assert response.status_code == 400
    milestone.refresh_from_db()
    assert milestone.title == {"fi": "Asennus valmis"}
    response = client.post(edit, {"milestone-title_fi": "Asennus", "milestone-due_date": "2026-03-01"})
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.title == {"fi": "Asennus"} and milestone.due_date == date(2026, 3, 1)
    assert audits(tracked, "milestone_updated").get().changes["due_date"]["new"] == "2026-03-01"
    delete = reverse("pilots:milestone-delete", args=[tracked.pk, milestone.pk])
    page = client.get(delete).content.decode()
    assert _("Delete the milestone “%(title)s”") % {"title": "Asennus"} in page and Milestone.objects.exists()
    assert client.post(delete).status_code == 302 and not Milestone.objects.exists()
    assert audits(tracked, "milestone_deleted").get().data["title"] == {"fi": "Asennus"}


@pytest.mark.parametrize("who", ["lead_member", "helsinki_owner", "espoo_member"])
def test_corrections_need_manage_permission(client, world, tracked, who):
    client.force_login(world.people[who])
    milestone = tracked.milestones.get()
    for name, args in (
        ("kpi-edit", [tracked.pk, tracked.kpi.pk]),
        ("kpi-delete", [tracked.pk, tracked.kpi.pk]),
        ("milestone-edit", [tracked.pk, milestone.pk]),
        ("milestone-delete", [tracked.pk, milestone.pk]),
    ):
        assert client.get(reverse(f"pilots:{name}", args=args)).status_code in (403, 404), name
        assert client.post(reverse(f"pilots:{name}", args=args)).status_code in (403, 404), name
    assert Milestone.objects.filter(pk=milestone.pk).exists()
