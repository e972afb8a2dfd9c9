"""Sending: in-app rows in the recipient's language, e-mail only after commit, per-category preferences,
inactive people skipped, a failing message does not stop the others and is retried by the command."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation

from conftest import make_user
from haastemoottori.notifications import emails
from haastemoottori.notifications.models import Notification, NotificationPreference
from haastemoottori.notifications.preferences import email_mode

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return {
        "sv": make_user("svea@example.test", preferred_language="sv"),
        "fi": make_user("fiia@example.test", preferred_language="fi"),
        "en": make_user("emma@example.test", preferred_language="en"),
    }


def test_each_recipient_gets_the_text_and_link_in_their_language(people, send, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = send(people["sv"], people["fi"], text="Extra")
    by_user = {n.user_id: n for n in created}
    sv, fi = by_user[people["sv"].pk], by_user[people["fi"].pk]
    with translation.override("sv"):
        assert sv.subject == translation.gettext("Test subject for %(name)s") % {"name": "svea@example.test"}
        assert sv.body.startswith(f"{translation.gettext('Yes')} / {translation.gettext('No')}")
    with translation.override("fi"):
        assert fi.body.startswith(f"{translation.gettext('Yes')} / {translation.gettext('No')}")
    assert sv.body.split("\n")[0] != fi.body.split("\n")[0]  # "Ja / Nej" vs "Kyllä / Ei"
    assert (sv.language, fi.language) == ("sv", "fi")
    assert sv.url.startswith("/sv/") and fi.url.startswith("/fi/")
    assert "Extra" in sv.body
    assert sorted(m.to[0] for m in mail.outbox) == ["fiia@example.test", "svea@example.test"]
    sv_mail = next(m for m in mail.outbox if m.to == ["svea@example.test"])
    assert sv_mail.subject == sv.subject and sv.body in sv_mail.body and sv.url in sv_mail.body
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2


def test_rolled_back_transaction_sends_nothing_and_leaves_no_rows(people, send, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send(people["fi"], people["sv"])
        assert Notification.objects.count() == 2
        raise RuntimeError("the calling service failed")
    assert callbacks == []
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_inactive_excluded_and_duplicate_recipients_are_skipped(people, send, django_capture_on_commit_callbacks):
    people["en"].is_active = False
    people["en"].save()
    with django_capture_on_commit_callbacks(execute=True):
        created = send(people["fi"], people["fi"], people["en"], people["sv"], None, exclude=[people["sv"]])
    assert [n.user for n in created] == [people["fi"]]
    assert [m.to for m in mail.outbox] == [["fiia@example.test"]]


def test_unknown_category_is_refused(people, send):
    with pytest.raises(ValueError):
        send(people["fi"], kind="nonsense.event")


def test_preferences_decide_the_email_and_are_read_in_one_query(
    people, send, django_capture_on_commit_callbacks, django_assert_num_queries
):
    NotificationPreference.objects.create(user=people["sv"], category="qa", email="digest")
    NotificationPreference.objects.create(user=people["fi"], category="qa", email="none")
    NotificationPreference.objects.create(user=people["en"], category="events", email="none")  # other category
    assert email_mode(user=people["sv"], category="qa") == "digest"
    assert email_mode(user=people["en"], category="qa") == "immediate"
    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        django_assert_num_queries(2),
    ):  # the preferences, the insert
        created = send(people["sv"], people["fi"], people["en"])
    for callback in callbacks:
        callback()
    assert {n.user_id: n.email for n in created} == {
        people["sv"].pk: "digest",
        people["fi"].pk: "none",
        people["en"].pk: "immediate",
    }
    assert [m.to for m in mail.outbox] == [["emma@example.test"]]
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 2  # the digest one waits


def test_a_failing_message_does_not_stop_the_others_and_is_retried(
    people, send, monkeypatch, django_capture_on_commit_callbacks
):
    real_send_mail = emails.send_mail

    def flaky(**kwargs):
        if kwargs["recipient_list"] == ["fiia@example.test"]:
            raise ConnectionError("mail server down")
        return real_send_mail(**kwargs)

    monkeypatch.setattr(emails, "send_mail", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        send(people["fi"], people["sv"], people["en"])
    assert sorted(m.to[0] for m in mail.outbox) == ["emma@example.test", "svea@example.test"]
    unsent = Notification.objects.get(emailed_at__isnull=True)
    assert unsent.user == people["fi"]

    monkeypatch.setattr(emails, "send_mail", real_send_mail)
    call_command("send_notification_emails", "--older-than", "10")
    assert len(mail.outbox) == 2  # too recent: the worker may still be sending it
    Notification.objects.filter(pk=unsent.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    call_command("send_notification_emails", "--older-than", "10")
    assert [m.to for m in mail.outbox[2:]] == [["fiia@example.test"]]
    unsent.refresh_from_db()
    assert unsent.emailed_at is not None
    call_command("send_notification_emails", "--older-than", "0")
    assert len(mail.outbox) == 3  # nothing twice


def test_command_skips_digest_none_and_inactive(people, send, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        send(people["fi"], people["sv"], people["en"])
    Notification.objects.filter(user=people["sv"]).update(email="digest")
    Notification.objects.filter(user=people["en"]).update(email="none")
    people["fi"].is_active = False
    people["fi"].save()
    Notification.objects.update(created_at=timezone.now() - timedelta(hours=1))
    call_command("send_notification_emails")
    assert mail.outbox == []
