"""Reminder e-mails: once per registration, registered people only, in the recipient's language."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from haastemoottori.events import services
from haastemoottori.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def soon(region, make_event, company_people, settings):
    settings.SITE_URL = "https://haaste.example"
    start = timezone.now() + timedelta(hours=30)
    event = make_event(
        starts_at=start,
        capacity=2,
        online_url="https://meet.example/abc",
        title={"fi": "Markkinavuoropuhelu", "sv": "Marknadsdialog", "en": "Market dialogue"},
    )
    swede, finn = region.people["company_admin"], region.people["outsider"]
    swede.preferred_language = "sv"
    swede.save()
    services.registration_create(actor=swede, event=event)
    services.registration_create(actor=finn, event=event)
    services.registration_create(actor=company_people["company_member"], event=event)  # waitlisted
    cancelled = company_people["other_company"]
    Notification.objects.all().delete()
    return event, start, swede, finn, cancelled


def test_reminders_are_sent_once_to_registered_people_in_their_language(soon, django_capture_on_commit_callbacks):
    event, start, swede, finn, _ = soon
    with time_machine.travel(start - timedelta(hours=25)):
        assert services.event_reminders_send().sent == 0  # not yet within 24 hours
    with time_machine.travel(start - timedelta(hours=23)), django_capture_on_commit_callbacks(execute=True):
        run = services.event_reminders_send()
    assert (run.events, run.sent) == (1, 2)
    reminders = Notification.objects.filter(kind="events.reminder")
    assert set(reminders.values_list("user", flat=True)) == {swede.pk, finn.pk}
    sv = reminders.get(user=swede)
    assert sv.language == "sv" and "Marknadsdialog" in sv.subject
    assert "https://meet.example/abc" in sv.body and "Kamreerintie 2, Espoo" in sv.body
    assert f"https://haaste.example/sv/events/{event.slug}/" in sv.body
    fi = reminders.get(user=finn)
    assert fi.language == "fi" and "Markkinavuoropuhelu" in fi.subject and "/fi/events/" in fi.body
    assert event.registrations.filter(reminded_at__isnull=False).count() == 2
    with time_machine.travel(start - timedelta(hours=22)):
        assert services.event_reminders_send().sent == 0
        call_command("send_event_reminders", stdout=io.StringIO())
    assert reminders.count() == 2


def test_reminder_time_is_in_helsinki_time(region, make_event, settings):
    start = timezone.make_aware(timezone.datetime(2026, 12, 10, 9, 30), timezone.get_fixed_timezone(120))
    with time_machine.travel(start - timedelta(days=3)):
        event = make_event(starts_at=start)
        services.registration_create(actor=region.people["outsider"], event=event)
    with time_machine.travel(start - timedelta(hours=2)):
        services.event_reminders_send()
    body = Notification.objects.get(kind="events.reminder").body
    assert "10.12.2026 9.30" in body and "7.30" not in body, body  # 07:30 UTC is 9.30 in Helsinki (Finnish)


def test_no_reminders_for_cancelled_events_or_cancelled_registrations(soon):
    event, start, swede, finn, _ = soon
    services.registration_cancel(actor=finn, event=event)
    with time_machine.travel(start - timedelta(hours=2)):
        assert services.event_reminders_send().sent == 2  # swede, and the promoted member
    assert not Notification.objects.filter(kind="events.reminder", user=finn).exists()
    other_start = timezone.now() + timedelta(hours=30)
    services.event_cancel(actor=swede.__class__.objects.get(email="owner@espoo.test"), event=event, reason="Peruttu")
    with time_machine.travel(other_start - timedelta(hours=2)):
        assert services.event_reminders_send().sent == 0


def test_the_command_sends_and_the_mail_goes_out(soon, django_capture_on_commit_callbacks, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    _event, start, *_ = soon
    mail.outbox.clear()
    with time_machine.travel(start - timedelta(hours=3)), django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=io.StringIO())
    assert Notification.objects.filter(kind="events.reminder").count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["admin@company.test", "someone@example.test"]
