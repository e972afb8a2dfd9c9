"""The digest: one e-mail per person per period, grouped by what they follow, in their language, public only."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from haastemoottori.alerts import services
from haastemoottori.alerts.tasks import send_digests_task
from haastemoottori.challenges import services as challenge_services
from haastemoottori.notifications.models import AlertPreference

BASE = "https://haastemoottori.example"


def run(frequency="weekly", now=None):
    return services.digest_send_due(frequency=frequency, now=now or timezone.now(), base_url=BASE)


@pytest.fixture
def reader(region):
    user = region.people["company_admin"]
    user.full_name = "Riikka Lukija"
    user.preferred_language = "en"
    user.save()
    return user


def test_two_followed_items_give_one_email_with_two_groups(region, reader, publish, mailoutbox):
    services.theme_follow(actor=reader, theme=region.themes[0], follow=True)
    services.organisation_follow(actor=reader, organisation=region.espoo, follow=True)
    publish(themes=[region.themes[0]])
    publish(title={"fi": "Toinen haaste", "en": "Another challenge"})
    assert run().sent == 1
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [reader.email]
    assert message.subject == "Haastemoottori: 3 new things in what you follow"
    body = message.body
    theme_group = body.index("== New challenges in the theme: Sustainable cities ==")
    city_group = body.index("== New challenges from: City of Espoo ==")
    assert body.count("Carbon-neutral heating") == 2  # in both groups it matches
    assert body.count("Another challenge") == 1 and body.index("Another challenge") > city_group > 0
    assert theme_group > 0
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html" and html.count("<h2") == 2


@pytest.mark.parametrize(
    ("language", "theme", "title", "greeting_path"),
    [
        ("sv", "Hållbara städer", "Klimatneutral uppvärmning", "/sv/"),
        ("fi", "Kestävät kaupungit", "Hiilineutraali lämmitys", "/fi/"),
        ("en", "Sustainable cities", "Carbon-neutral heating", "/en/"),
        ("", "Kestävät kaupungit", "Hiilineutraali lämmitys", "/fi/"),  # no preference: the site's default
    ],
)
def test_digest_is_in_the_persons_language(region, reader, publish, mailoutbox, language, theme, title, greeting_path):
    reader.preferred_language = language
    reader.save()
    services.theme_follow(actor=reader, theme=region.themes[0], follow=True)
    challenge = publish(themes=[region.themes[0]])
    run()
    message = mailoutbox[0]
    assert message.extra_headers["Content-Language"] == (language or "fi")
    assert f'<html lang="{language or "fi"}">' in message.alternatives[0][0]
    assert theme in message.body and title in message.body
    assert f"{BASE}{greeting_path}challenges/{challenge.slug}/" in message.body
    assert f"{BASE}{greeting_path}alerts/unsubscribe/" in message.extra_headers["List-Unsubscribe"]


def test_unsubscribe_headers_follow_rfc_8058(region, reader, publish, mailoutbox):
    services.theme_follow(actor=reader, theme=region.themes[0], follow=True)
    publish(themes=[region.themes[0]])
    run()
    headers = mailoutbox[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = headers["List-Unsubscribe"]
    assert link.startswith(f"<{BASE}/en/alerts/unsubscribe/") and link.endswith("/>")
    assert link[1:-1] in mailoutbox[0].body


def test_no_email_when_nothing_happened(region, reader, publish, mailoutbox):
    publish(themes=[region.themes[0]])  # new, but not in the theme followed
    services.theme_follow(actor=reader, theme=region.themes[1], follow=True)
    result = run()
    assert (result.sent, result.empty) == (0, 1)
    assert mailoutbox == [] and AlertPreference.objects.get(user=reader).last_sent_at is None


def test_rerun_in_the_same_period_sends_nothing_twice(region, reader, publish, mailoutbox):
    services.theme_follow(actor=reader, theme=region.themes[0], follow=True)
    publish(themes=[region.themes[0]])
    first = timezone.now()
    assert run(now=first).sent == 1
    assert AlertPreference.objects.get(user=reader).last_sent_at == first
    later = publish(title={"fi": "Myöhempi", "en": "Later one"}, themes=[region.themes[0]])
    assert run(now=first + timedelta(seconds=1)).sent == 0  # the same week: not due
    assert len(mailoutbox) == 1
    assert run(now=first + timedelta(days=7)).sent == 1  # next week: only what is new since the last one
    assert "Later one" in mailoutbox[1].body and "Carbon-neutral heating" not in mailoutbox[1].body
    assert later.slug in mailoutbox[1].body


def test_a_failed_send_moves_nothing_and_is_retried(region, reader, publish, mailoutbox, monkeypatch):
    services.theme_follow(actor=reader, theme=region.themes[0], follow=True)
    publish(themes=[region.themes[0]])

    def broken(self, fail_silently=False):
        raise ConnectionRefusedError("smtp down")

    with monkeypatch.context() as patch:
        patch.setattr(mail.EmailMultiAlternatives, "send", broken)
        assert run().failed == 1
    assert AlertPreference.objects.get(user=reader).last_sent_at is None
    assert run().sent == 1 and len(mailoutbox) == 1


def test_unpublished_challenges_never_appear(region, reader, draft_and_review, publish, mailoutbox):
    services.theme_follow(actor=reader, theme=region.themes[0], follow=True)
    services.organisation_follow(actor=reader, organisation=region.espoo, follow=True)
    services.saved_search_create(actor=reader, params="q=a")  # matches every title above
    assert run().sent == 0 and mailoutbox == []
    publish(title={"fi": "Julkinen", "en": "Public one"}, themes=region.themes)
    run()
    body = mailoutbox[0].body + mailoutbox[0].alternatives[0][0]
    assert "Julkinen" in body or "Public one" in body
    for secret in ("Salainen luonnos", "Secret draft", "Arvioitava", "Under review"):
        assert secret not in body


def test_followed_challenge_stage_change_and_update(region, reader, publish, mailoutbox):
    challenge = publish()
    services.challenge_follow(actor=reader, challenge=challenge, follow=True)
    owner = region.people["espoo_owner"]
    challenge_services.challenge_update(
        actor=owner, challenge=challenge, summary={"fi": "Tiivistelmä", "en": "New summary"}
    )
    challenge_services.challenge_transition(actor=owner, challenge=challenge, target="open_call")
    run()
    body = mailoutbox[0].body
    assert "== Challenge: Carbon-neutral heating ==" in body
    assert "Stage changed to Open call" in body
    assert "Co-definition" not in body and "In review" not in body  # before it was followed
    assert "The description of the challenge was updated." in body
    assert "New summary" not in body  # what changed is not copied into the e-mail


def test_frequency_off_and_inactive_people_get_nothing(region, reader, publish, mailoutbox):
    services.theme_follow(actor=reader, theme=region.themes[0], follow=True)
    services.preference_set_frequency(actor=reader, frequency="off")
    inactive = region.people["outsider"]
    services.theme_follow(actor=inactive, theme=region.themes[0], follow=True)
    inactive.is_active = False
    inactive.save()
    publish(themes=[region.themes[0]])
    assert run().sent == 0 and run("daily").sent == 0 and mailoutbox == []


def test_daily_and_weekly_are_separate_runs(region, reader, publish, mailoutbox):
    services.theme_follow(actor=reader, theme=region.themes[0], follow=True)
    services.preference_set_frequency(actor=reader, frequency="daily")
    publish(themes=[region.themes[0]])
    assert run("weekly").sent == 0
    assert run("daily").sent == 1


def test_command_and_task(region, reader, publish, mailoutbox, capsys, settings):
    settings.SITE_URL = "https://alerts.example/"
    services.theme_follow(actor=reader, theme=region.themes[0], follow=True)
    publish(themes=[region.themes[0]])
    call_command("send_digests", "--frequency", "weekly")
    assert "weekly: sent 1" in capsys.readouterr().out
    assert "https://alerts.example/en/challenges/" in mailoutbox[0].body
    call_command("send_digests")
    assert "weekly: sent 0" in capsys.readouterr().out
    AlertPreference.objects.update(last_sent_at=None)
    result = send_digests_task.enqueue(frequency="weekly")  # the immediate backend in tests
    assert result.return_value == {"sent": 1, "empty": 0, "failed": 0}
    assert len(mailoutbox) == 2


# Notifications in the digest -------------------------------------------------------------------------


def _notify_digest(
    user,
    *,
    category="qa",
    subject="Your question was answered",
    url_name="challenges:list",
    django_capture_on_commit_callbacks=None,
):
    from haastemoottori.notifications.models import NotificationPreference
    from haastemoottori.notifications.services import notification_send

    NotificationPreference.objects.update_or_create(user=user, category=category, defaults={"email": "digest"})
    return notification_send(
        recipients=[user],
        kind=f"{category}.test",
        template="notifications/tests/greeting.txt",
        context={"extra": subject},
        url_name=url_name,
    )


def test_digest_mode_notifications_come_in_the_digest_once(
    region, reader, publish, mailoutbox, django_capture_on_commit_callbacks
):
    from haastemoottori.notifications.models import Notification

    services.theme_follow(actor=reader, theme=region.themes[0], follow=True)
    publish(themes=[region.themes[0]])
    with django_capture_on_commit_callbacks(execute=True):
        first = _notify_digest(reader)[0]
    assert mailoutbox == []  # not e-mailed at once
    now = timezone.now()
    assert run(now=now).sent == 1
    message = mailoutbox[0]
    assert message.subject == "Haastemoottori: 2 new things in what you follow"
    assert "== Notifications: Your notifications ==" in message.body
    assert message.body.index("== Notifications") < message.body.index("== New challenges in the theme")
    assert first.subject in message.body and f"{BASE}/en/challenges/" in message.body
    assert f"{BASE}/en/notifications/settings/" in message.body
    assert f"<{BASE}/en/notifications/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    first.refresh_from_db()
    assert first.emailed_at == now == AlertPreference.objects.get(user=reader).last_sent_at
    # the next week: only the new notification, never the first one again
    with django_capture_on_commit_callbacks(execute=True):
        second = _notify_digest(reader, subject="Second")[0]
    Notification.objects.filter(pk=second.pk).update(subject="Second notification")
    assert run(now=now + timedelta(days=7)).sent == 1
    body = mailoutbox[1].body
    assert "Second notification" in body and first.subject not in body
    assert run(now=now + timedelta(days=14)).sent == 0


def test_notifications_alone_make_a_digest_and_read_ones_are_left_out(region, reader, mailoutbox):
    from haastemoottori.notifications.models import Notification

    n1, n2 = _notify_digest(reader)[0], _notify_digest(reader, category="events")[0]
    Notification.objects.filter(pk=n2.pk).update(read_at=timezone.now(), subject="Already read")
    assert run().sent == 1
    assert "Already read" not in mailoutbox[0].body
    assert mailoutbox[0].subject == "Haastemoottori: 1 new thing in what you follow"
    n1.refresh_from_db()
    n2.refresh_from_db()
    assert n1.emailed_at and n2.emailed_at is None


def test_digest_off_sends_a_daily_email_with_only_the_notifications(region, reader, publish, mailoutbox):
    services.theme_follow(actor=reader, theme=region.themes[0], follow=True)
    services.preference_set_frequency(actor=reader, frequency="off")
    publish(themes=[region.themes[0]])
    assert run("daily").sent == 0  # followed items alone: the digest is off
    _notify_digest(reader)
    assert run("weekly").sent == 0
    now = timezone.now()
    assert run("daily", now=now).sent == 1
    message = mailoutbox[0]
    assert message.subject == "Haastemoottori: 1 new notification"
    assert "== Notifications" in message.body and "Carbon-neutral heating" not in message.body
    assert "these are your new notifications" in message.body
    assert run("daily", now=now + timedelta(minutes=1)).sent == 0  # once a day
    _notify_digest(reader, category="events")
    assert run("daily", now=now + timedelta(days=1)).sent == 1
    assert mailoutbox[1].body.count("== Notifications") == 1 and len(mailoutbox) == 2


def test_digest_notifications_without_any_alert_preference_use_the_weekly_default(region, mailoutbox):
    from haastemoottori.notifications.models import Notification

    person = region.people["outsider"]
    _notify_digest(person)
    AlertPreference.objects.filter(user=person).delete()  # e.g. a preference set before the digest existed
    assert run("daily").sent == 0
    assert run("weekly").sent == 1
    assert AlertPreference.objects.get(user=person).frequency == "weekly"
    assert Notification.objects.get(user=person).emailed_at is not None


def test_a_failed_digest_leaves_notifications_unsent(region, reader, mailoutbox, monkeypatch):
    from haastemoottori.notifications.models import Notification

    _notify_digest(reader)

    def broken(self, fail_silently=False):
        raise ConnectionRefusedError("smtp down")

    with monkeypatch.context() as patch:
        patch.setattr(mail.EmailMultiAlternatives, "send", broken)
        assert run().failed == 1
    assert Notification.objects.get(user=reader).emailed_at is None
    assert run().sent == 1 and Notification.objects.get(user=reader).emailed_at is not None


def test_many_notifications_are_listed_up_to_the_limit_and_counted(region, reader, mailoutbox):
    from haastemoottori.alerts.digest import MAX_ITEMS_PER_GROUP
    from haastemoottori.notifications.models import Notification

    for _i in range(MAX_ITEMS_PER_GROUP + 3):
        _notify_digest(reader)
    run()
    assert "3 more notifications in your inbox" in mailoutbox[0].body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_the_digest_unsubscribe_link_stops_digest_and_notification_digest(client, region, reader, mailoutbox):
    from haastemoottori.notifications.models import NotificationPreference

    _notify_digest(reader)
    run()
    link = mailoutbox[0].extra_headers["List-Unsubscribe"][1:-1].removeprefix(BASE)
    assert client.get(link).status_code == 200
    assert NotificationPreference.objects.get(user=reader).email == "digest"  # a GET changes nothing
    response = client.post(link)
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=reader).email == "none"
    assert AlertPreference.objects.get(user=reader).frequency == "off"
    assert client.post(link.replace("/unsubscribe/", "/unsubscribe/x")).status_code == 400
