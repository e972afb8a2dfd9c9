"""Tester findings: editing and deleting KPIs and milestones, date rules, the results' end date and limits."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.i18n import language_name
from haastemoottori.pilots import services
from haastemoottori.pilots.models import KPI, CheckIn, Milestone, Pilot

from .conftest import create_pilot


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


# --- results ------------------------------------------------------------------------------------------


def test_finish_stores_the_actual_end_date(world):
    today = timezone.localdate()
    pilot = create_pilot(world, start_date=today - timedelta(days=100), end_date=today + timedelta(days=200))
    finished = finish(world, pilot, ended_on=today - timedelta(days=3))
    assert finished.status == "finished" and finished.end_date == today - timedelta(days=3)
    assert audits(pilot, "pilot_finished").get().changes["end_date"] == {
        "old": (today + timedelta(days=200)).isoformat(),
        "new": (today - timedelta(days=3)).isoformat(),
    }


def test_finish_without_a_date_ends_today_when_the_planned_end_is_ahead(world):
    today = timezone.localdate()
    pilot = create_pilot(world, start_date=today - timedelta(days=100), end_date=today + timedelta(days=200))
    assert finish(world, pilot).end_date == today


def test_finish_without_a_date_keeps_a_planned_end_that_has_passed(world):
    today = timezone.localdate()
    pilot = create_pilot(world, start_date=today - timedelta(days=200), end_date=today - timedelta(days=20))
    assert services.default_end_date(pilot) == today - timedelta(days=20)
    assert finish(world, pilot).end_date == today - timedelta(days=20)


@pytest.mark.parametrize(
    "offset,message",
    [
        (1, "The pilot cannot have ended in the future."),
        (-100, "The pilot must end after it starts (%(start)s)."),
    ],
)
def test_finish_end_date_rules(world, offset, message):
    today = timezone.localdate()
    pilot = create_pilot(world, start_date=today - timedelta(days=100), end_date=today + timedelta(days=200))
    with pytest.raises(ServiceValidationError) as exc:
        finish(world, pilot, ended_on=today + timedelta(days=offset))
    assert exc.value.message == _(message) % {"start": short(today - timedelta(days=100))}
    pilot.refresh_from_db()
    assert pilot.status == "planned" and pilot.end_date == today + timedelta(days=200)


@pytest.mark.parametrize("field,length", [("results", 5001), ("lessons", 5001), ("scale_up_reasons", 2001)])
def test_results_have_length_limits(world, pilot, field, length):
    values = {"results": {"fi": "Toimi"}, "lessons": {}, "scale_up_reasons": "Syy"}
    values[field] = "x" * length if field == "scale_up_reasons" else {"fi": "Toimi", "en": "x" * length}
    with pytest.raises(ServiceValidationError) as exc:
        services.pilot_finish(actor=world.people["espoo_owner"], pilot=pilot, scale_up="stop", ended_on=None, **values)
    assert exc.value.field == field
    pilot.refresh_from_db()
    assert pilot.status == "planned" and not pilot.results


def test_results_view_asks_for_the_end_date_and_limits(client, world):
    today = timezone.localdate()
    pilot = create_pilot(world, start_date=today - timedelta(days=100), end_date=today + timedelta(days=200))
    client.force_login(world.people["espoo_owner"])
    url = reverse("pilots:results", args=[pilot.pk])
    page = client.get(url).content.decode()
    assert 'name="ended_on"' in page and f'value="{today.isoformat()}"' in page
    assert 'maxlength="5000"' in page and 'maxlength="2000"' in page
    data = {
        "results_fi": "Toimi",
        "scale_up": "extend",
        "scale_up_reasons": "x" * 20000,
        "ended_on": (today - timedelta(days=1)).isoformat(),
    }
    assert client.post(url, data).status_code == 400
    data["scale_up_reasons"] = "Lisää dataa"
    assert client.post(url, data).status_code == 302
    pilot.refresh_from_db()
    assert pilot.status == "finished" and pilot.end_date == today - timedelta(days=1)


def test_editing_a_finished_pilot_keeps_it_finished(client, world, pilot):
    finish(world, pilot, ended_on=date(2026, 6, 30))
    client.force_login(world.people["espoo_owner"])
    url = reverse("pilots:edit", args=[pilot.pk])
    assert 'name="status"' not in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title_fi": "Uusi nimi",
            "start_date": "2026-01-01",
            "end_date": "2026-06-30",
            "budget_total": "50000,00",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    pilot.refresh_from_db()
    assert (pilot.status, pilot.title, pilot.budget_total) == ("finished", {"fi": "Uusi nimi"}, Decimal("50000"))


def test_original_language_error_names_the_language(world, pilot):
    with pytest.raises(ServiceValidationError) as exc:
        services.kpi_add(
            actor=world.people["espoo_owner"],
            pilot=pilot,
            name={"en": "Visitors"},
            baseline="1",
            target="2",
            direction="increase",
        )
    assert exc.value.message == _("Fill in “%(field)s” in %(language)s, the original language.") % {
        "field": _("Name"),
        "language": language_name("fi"),
    }


def test_share_error_formats_money(client, world):
    client.force_login(world.people["espoo_owner"])
    url = reverse("pilots:create", args=[world.proposal.pk])
    data = {
        "title_fi": "Pilotti",
        "start_date": "2026-01-01",
        "end_date": "2026-03-01",
        "budget_total": "900000",
        f"share_{world.region.espoo.pk}": "800000",
        f"share_{world.region.vantaa.pk}": "800000",
    }
    response = client.post(url, data)
    expected = _("The cities' shares (%(sum)s EUR) add up to more than the total budget (%(total)s EUR).") % {
        "sum": number_format(Decimal("1600000"), 2, force_grouping=True),
        "total": number_format(Decimal("900000"), 2, force_grouping=True),
    }
    assert response.status_code == 400 and "1600000" not in response.content.decode()
    assert expected.replace("'", "&#x27;") in response.content.decode()
    with translation.override("en"):  # the separators follow the language
        assert number_format(Decimal("900000"), 2, force_grouping=True) == "900,000.00"


# --- pages ------------------------------------------------------------------------------------------


def test_check_in_page_of_a_finished_pilot_has_no_form(client, world, pilot):
    finish(world, pilot, ended_on=date(2026, 6, 30))
    client.force_login(world.people["lead_member"])
    url = reverse("pilots:check-in", args=[pilot.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="summary"' not in page.content.decode()
    assert client.post(url, {"status": "on_track", "summary": "Hyvin"}).status_code == 409
    assert not CheckIn.objects.exists()


def test_status_badge_and_filter_use_their_own_words(client, world, pilot):
    from haastemoottori.pilots.forms import PilotFilterForm

    finish(world, pilot, ended_on=date(2026, 6, 30))
    with translation.override("fi"):
        assert str(Pilot.Status.FINISHED.label) == translation.pgettext("pilot status", "Finished")
        choices = dict(PilotFilterForm().fields["status"].choices)
        assert str(choices["finished"]) == translation.pgettext("pilots filter", "Finished")
    page = client.get(reverse("pilots:detail", args=[pilot.pk]), HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert f'<span class="stage-label">{translation.pgettext("pilot status", "Finished")}</span>' in page


def test_kpi_table_header_is_capitalised(client, world, tracked):
    page = client.get(reverse("pilots:detail", args=[tracked.pk])).content.decode()
    header = translation.pgettext("table column", "KPI")
    assert f'<th scope="col">{header[:1].upper()}{header[1:]}</th>' in page
    assert 'class="hds-table-container" tabindex="0" role="region"' in page


def test_challenge_page_lists_a_finished_pilot_in_evaluation(client, world, pilot):
    finish(world, pilot, ended_on=date(2026, 6, 30))
    Challenge.objects.filter(pk=world.challenge.pk).update(stage="evaluation")
    page = client.get(reverse("challenges:detail", args=[world.challenge.slug])).content.decode()
    assert reverse("pilots:detail", args=[pilot.pk]) in page and _("No pilots yet.") not in page
