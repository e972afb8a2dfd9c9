"""Tester findings: finishing a pilot (the actual end date and its rules), the results' limits, the finished pages."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import ServiceValidationError
from haastemoottori.core.i18n import language_name
from haastemoottori.pilots import services
from haastemoottori.pilots.models import CheckIn, Pilot

from .conftest import create_pilot


def audits(pilot, action):
    return AuditEvent.objects.filter(target_type="pilots.pilot", target_id=str(pilot.pk), action=action)


def short(day):
    return date_format(day, "SHORT_DATE_FORMAT")


def finish(world, pilot, **extra):
    values = {"results": {"fi": "Toimi"}, "lessons": {}, "scale_up": "extend", "scale_up_reasons": "Lisää dataa"}
    values.update(extra)
    return services.pilot_finish(actor=world.people["espoo_owner"], pilot=pilot, **values)


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
