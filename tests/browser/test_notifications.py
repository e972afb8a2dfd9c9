"""Notifications in a real browser: the header shows the unread count, the inbox opens from it, an item is
marked read without JavaScript tricks, and the inbox and settings pages have zero axe violations."""

import re

import pytest

from conftest import make_user
from haastemoottori.notifications.models import Notification, NotificationPreference

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "test-password-123"


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def sign_in(page, base, user):
    page.goto(f"{base}/en/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def test_unread_count_inbox_mark_read_and_settings(live_server, page, transactional_db):
    base = live_server.url
    user = make_user("reader@example.test", preferred_language="en")
    for subject in ("Your question was answered", "New comment on your challenge"):
        Notification.objects.create(
            user=user,
            kind="qa.answer_published",
            language="en",
            subject=subject,
            body="Open the challenge to read it.",
            url="/en/challenges/",
        )
    sign_in(page, base, user)

    link = page.get_by_role("link", name=re.compile(r"^Notifications\s*,\s*2 unread$"))
    assert link.count() == 1
    with page.expect_navigation():
        link.click()
    assert page.url.endswith("/en/notifications/")
    check(page)
    assert page.locator("main .stage-label", has_text="Unread").count() == 2

    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Mark as read\s*:\s*Your question was answered$")).click()
    assert Notification.objects.get(subject="Your question was answered").read_at is not None
    assert page.get_by_role("link", name=re.compile(r"^Notifications\s*,\s*1 unread$")).count() == 1
    assert page.locator("main .stage-label", has_text="Unread").count() == 1
    check(page)  # with the success message

    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Open\s*:\s*New comment on your challenge$")).click()
    assert "/en/challenges/" in page.url
    assert page.get_by_role("link", name="Notifications", exact=True).count() == 1

    page.goto(f"{base}/en/notifications/settings/")
    check(page)
    page.get_by_role("group", name="Questions and answers").get_by_label("In the digest").check()
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert NotificationPreference.objects.get(user=user, category="qa").email == "digest"
    check(page)
