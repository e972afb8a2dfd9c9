"""Co-definition comments in a real browser: a company user comments on a section, the owner marks the comment
taken into account, and an anonymous visitor sees the badge and the note. Every page: zero axe violations."""

import pytest
from django.utils import timezone

from conftest import make_org, make_user
from haastemoottori.challenges.models import Challenge, ChallengeOwnership
from haastemoottori.comments.models import Comment
from haastemoottori.notifications.models import Notification

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "test-password-123"


@pytest.fixture
def world(transactional_db):
    espoo = make_org("espoo", name={"fi": "Espoon kaupunki", "sv": "Esbo stad", "en": "City of Espoo"})
    company = make_org("lumityo", kind="company", name={"fi": "Lumityö Oy", "en": "Lumityö Ltd"})
    challenge = Challenge.objects.create(
        slug="talvikunnossapito",
        original_language="fi",
        stage="co_definition",
        published_at=timezone.now(),
        title={"fi": "Talvikunnossapito", "sv": "Vinterunderhåll", "en": "Winter maintenance"},
        summary={"fi": "Kävelyreitit turvallisiksi.", "en": "Safe walking routes."},
        problem={"fi": "Jäiset kävelytiet.", "en": "Icy walkways."},
        constraints={"fi": "Budjetti on pieni.", "en": "The budget is small."},
    )
    ChallengeOwnership.objects.create(challenge=challenge, organisation=espoo, role="lead")
    writer = make_user("writer@lumityo.test", company, "member", full_name="Liisa Lumi", preferred_language="en")
    owner = make_user("owner@espoo.test", espoo, "challenge_owner", full_name="Olli Omistaja")
    return challenge, writer, owner


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def sign_in(page, base, user, next_url):
    page.goto(f"{base}/en/accounts/login/?next={next_url}")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def test_comment_take_into_account_and_see_the_badge(live_server, page, world):
    challenge, writer, owner = world
    base = live_server.url
    comments_url = f"/en/challenges/{challenge.slug}/comments/"

    page.goto(f"{base}/en/challenges/{challenge.slug}/")
    with page.expect_navigation():
        page.click("text=Read and write comments")
    assert page.url.endswith(comments_url)
    check(page)  # anonymous, no comments yet, a sign-in link

    sign_in(page, base, writer, comments_url)
    assert page.url.endswith(comments_url)
    page.select_option("#id_section", "constraints")
    page.fill("#id_text", "Snow ploughs could share GPS data with the city.")
    page.select_option("#id_organisation", label="Lumityö Ltd")
    check(page)  # the form
    with page.expect_navigation():
        page.click("text=Publish the comment")
    comment = Comment.objects.get()
    assert comment.section == "constraints" and comment.author_organisation.slug == "lumityo"
    assert page.locator(f"#comment-{comment.pk}").inner_text().count("Liisa Lumi") == 1
    check(page)  # with the success message and a report form

    page.context.clear_cookies()
    sign_in(page, base, owner, comments_url)
    page.click(f"#comment-{comment.pk} summary:has-text('Owner actions')")
    page.fill(f"#note-{comment.pk}", "We added this to the constraints.")
    check(page)  # the open owner actions
    with page.expect_navigation():
        page.click(f"#comment-{comment.pk} button:has-text('Mark as taken into account')")
    comment.refresh_from_db()
    assert comment.is_taken_into_account
    assert Notification.objects.filter(kind="comments.taken_into_account", user=writer).count() == 1

    page.goto(f"{base}/en/challenges/{challenge.slug}/comments/moderation/")
    check(page)

    page.context.clear_cookies()
    page.goto(f"{base}{comments_url}")
    item = page.locator(f"#comment-{comment.pk}")
    assert "Taken into account" in item.inner_text()
    assert "We added this to the constraints." in item.inner_text()
    assert "writer@lumityo.test" not in page.content()
    check(page)
    page.goto(f"{base}/en/challenges/{challenge.slug}/")
    assert "1 taken into account by the owners" in page.locator("#comments-title + p").inner_text()
