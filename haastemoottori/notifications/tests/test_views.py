"""The inbox, marking read, the settings page and the header link: only the owner, no JavaScript needed."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.notifications.categories import CATEGORIES
from haastemoottori.notifications.models import Notification, NotificationPreference

pytestmark = pytest.mark.django_db

ROLES = ["outsider", "company_admin", "vantaa_member", "espoo_member", "espoo_owner", "platform_admin"]
INBOX = reverse("notifications:inbox")


def notify(user, n=1, prefix="Aihe", **extra):
    return [
        Notification.objects.create(
            user=user,
            kind="qa.answer_published",
            language="fi",
            subject=f"{prefix} {i}",
            body=f"Viesti {i}",
            url="/fi/challenges/",
            **extra,
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("name", ["notifications:inbox", "notifications:settings"])
def test_anonymous_is_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_anonymous_cannot_mark_read(client, region):
    mine = notify(region.people["outsider"])[0]
    for url in (reverse("notifications:mark-read", args=[mine.pk]), reverse("notifications:mark-all-read")):
        response = client.post(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    mine.refresh_from_db()
    assert mine.read_at is None


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_only_their_own_and_cannot_mark_others(client, region, role):
    me, other = region.people[role], region.people["helsinki_owner"]
    mine, theirs = notify(me)[0], notify(other)[0]
    theirs.subject = "Someone else's secret"
    theirs.save()
    client.force_login(me)
    page = client.get(INBOX).content.decode()
    assert "Aihe 0" in page and "secret" not in page
    assert client.post(reverse("notifications:mark-read", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("notifications:mark-read", args=[theirs.pk]), {"next": "go"}).status_code == 404
    assert client.post(reverse("notifications:mark-all-read")).status_code == 302
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.read_at is None and mine.read_at is not None


def test_inbox_lists_newest_first_marks_unread_and_paginates(client, region, django_assert_max_num_queries):
    me = region.people["outsider"]
    rows = notify(me, settings.LIST_PAGE_SIZE + 2)
    notify(me, 1, prefix="Luettu", read_at=rows[0].created_at)
    client.force_login(me)
    with django_assert_max_num_queries(8):
        response = client.get(INBOX)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Luettu 0") < page.index(f"Aihe {settings.LIST_PAGE_SIZE + 1}") < page.index("Aihe 3")
    assert "Aihe 0<" not in page  # the oldest are on page 2
    assert page.count(f'<span class="stage-label">{_("Unread")}</span>') == settings.LIST_PAGE_SIZE - 1
    assert page.count('class="challenge-card') == settings.LIST_PAGE_SIZE
    assert "<time datetime=" in page
    second = client.get(INBOX, {"page": 2}).content.decode()
    assert second.count('class="challenge-card') == 3
    assert client.get(INBOX, {"page": "x"}).status_code == 200


def test_header_shows_the_unread_count_in_one_query(client, region, django_assert_max_num_queries):
    me = region.people["outsider"]
    notify(me, 3)
    client.force_login(me)
    page = client.get(reverse("notifications:settings")).content.decode()
    assert f'href="{INBOX}">{_("Notifications")}<span aria-hidden="true"> (3)</span>' in page
    assert "3 unread" in page or ", 3 " in page
    client.post(reverse("notifications:mark-all-read"))
    page = client.get(reverse("notifications:settings")).content.decode()
    assert f'href="{INBOX}">{_("Notifications")}</a>' in page
    client.logout()
    assert INBOX not in client.get(reverse("site:home")).content.decode()


def test_header_costs_one_query(rf, region, django_assert_num_queries):
    from django.template import Context, Template

    me = region.people["outsider"]
    notify(me, 2)
    template = Template("{% load notifications_tags %}{% notifications_link %}")
    with django_assert_num_queries(1):
        html = template.render(Context({"user": me}))
    assert "(2)" in html
    from django.contrib.auth.models import AnonymousUser

    with django_assert_num_queries(0):
        assert template.render(Context({"user": AnonymousUser()})) == ""


def test_mark_read_goes_to_the_link_with_next_go(client, region):
    me = region.people["outsider"]
    first, second = notify(me, 2)
    client.force_login(me)
    response = client.post(reverse("notifications:mark-read", args=[first.pk]), {"next": "go"})
    assert response.status_code == 302 and response.url == "/fi/challenges/"
    response = client.post(reverse("notifications:mark-read", args=[second.pk]), {"page": "2"})
    assert response.status_code == 302 and response.url == f"{INBOX}?page=2"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at and second.read_at
    assert AuditEvent.objects.filter(target_type="notifications.notification", actor=me).count() == 2
    assert client.get(reverse("notifications:mark-read", args=[first.pk])).status_code == 405


def test_mark_read_never_redirects_off_site(client, region):
    me = region.people["outsider"]
    n = notify(me)[0]
    Notification.objects.filter(pk=n.pk).update(url="https://evil.example/")
    client.force_login(me)
    response = client.post(reverse("notifications:mark-read", args=[n.pk]), {"next": "go"})
    assert response.url == INBOX


def test_mark_all_read(client, region):
    me = region.people["outsider"]
    notify(me, 3)
    client.force_login(me)
    response = client.post(reverse("notifications:mark-all-read"), follow=True)
    assert _("All notifications are marked as read.") in response.content.decode()
    assert Notification.objects.unread().count() == 0
    assert AuditEvent.objects.filter(actor=me, data__notifications_marked_read=3).count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_settings_page_saves_choices_with_audit(client, region, role, django_assert_max_num_queries):
    me = region.people[role]
    client.force_login(me)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("notifications:settings"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('type="radio"') == len(CATEGORIES) * 3
    assert 'name="qa" value="immediate" ' in page and "checked" in page
    data = {**{category: "immediate" for category in CATEGORIES}, "qa": "digest", "comments": "none"}
    response = client.post(reverse("notifications:settings"), data)
    assert response.status_code == 302
    assert dict(NotificationPreference.objects.filter(user=me).values_list("category", "email")) == {
        "qa": "digest",
        "comments": "none",
    }
    event = AuditEvent.objects.get(actor=me, data__via="notification_settings")
    assert event.changes["notification_email.qa"] == {"old": "immediate", "new": "digest"}
    assert me.alert_preference.frequency == "weekly"  # the digest exists for the digest choice
    client.post(reverse("notifications:settings"), data)
    assert AuditEvent.objects.filter(actor=me, data__via="notification_settings").count() == 1  # no change


def test_settings_bad_input_is_400_without_change(client, region):
    me = region.people["outsider"]
    client.force_login(me)
    response = client.post(reverse("notifications:settings"), {"qa": "carrier-pigeon"})
    assert response.status_code == 400
    assert 'class="error-summary' in response.content.decode() or "error-summary" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_settings_linked_from_alert_settings(client, region):
    client.force_login(region.people["outsider"])
    assert reverse("notifications:settings") in client.get(reverse("alerts:settings")).content.decode()


def test_open_goes_to_the_link_in_the_language_being_browsed(client, region):
    """The stored link has the recipient's profile language (/fi/); browsing in Swedish opens /sv/."""
    me = region.people["outsider"]
    with translation.override("fi"):
        stored = reverse("challenges:list") + "#latest"
    n = notify(me)[0]
    Notification.objects.filter(pk=n.pk).update(url=stored)
    client.force_login(me)
    with translation.override("sv"):
        url = reverse("notifications:mark-read", args=[n.pk])
        expected = reverse("challenges:list") + "#latest"
    assert url.startswith("/sv/") and expected.startswith("/sv/")
    response = client.post(url, {"next": "go"})
    assert response.status_code == 302 and response.url == expected
    # A stored on-site link that is not one of our pages is left as it is; off-site is still refused.
    Notification.objects.filter(pk=n.pk).update(url="/static/nothing-here.txt")
    assert client.post(url, {"next": "go"}).url == "/static/nothing-here.txt"
    Notification.objects.filter(pk=n.pk).update(url="https://evil.example/fi/challenges/")
    assert client.post(url, {"next": "go"}).url.startswith("/sv/notifications/")


def test_settings_empty_post_is_400_with_errors_and_changes_nothing(client, region):
    me = region.people["outsider"]
    client.force_login(me)
    response = client.post(reverse("notifications:settings"), {})
    assert response.status_code == 400
    assert _("This field is required.") in response.content.decode()
    assert not NotificationPreference.objects.exists()
    assert not AuditEvent.objects.filter(actor=me, data__via="notification_settings").exists()
