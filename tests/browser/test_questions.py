"""The equal-treatment Q&A in a real browser: a company user asks through the form, the owner answers on
the management page, and an anonymous visitor reads the answer on the log. Each page: zero axe violations."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_org, make_user
from haastemoottori.challenges.models import Challenge, ChallengeOwnership
from haastemoottori.organisations.models import Membership
from haastemoottori.qa.models import Question

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "test-password-123"


@pytest.fixture
def world(transactional_db):
    espoo = make_org("espoo", name={"fi": "Espoon kaupunki", "sv": "Esbo stad", "en": "City of Espoo"})
    company = make_org("testiyritys", kind="company", name={"fi": "Testiyritys Oy"})
    now = timezone.now()
    challenge = Challenge.objects.create(
        slug="talvikunnossapito",
        original_language="fi",
        stage="open_call",
        published_at=now,
        call_deadline=now + timedelta(days=30),
        title={"fi": "Talvikunnossapito", "sv": "Vinterunderhåll", "en": "Winter maintenance"},
        summary={"fi": "Kävelyreitit turvallisiksi.", "en": "Safe walking routes."},
    )
    ChallengeOwnership.objects.create(challenge=challenge, organisation=espoo, role="lead")
    owner = make_user("owner@espoo.test", espoo, Membership.Role.CHALLENGE_OWNER)
    asker = make_user("asker@company.test", company, Membership.Role.ADMIN, full_name="Aino Asiakas")
    return challenge, owner, asker


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def sign_in(page, base, email):
    page.context.clear_cookies()
    page.goto(f"{base}/en/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def test_ask_answer_and_read_the_answer(live_server, page, world):
    challenge, owner, asker = world
    base = live_server.url
    log = f"{base}/en/challenges/{challenge.slug}/questions/"

    page.goto(log)
    check(page)  # anonymous, nothing published yet: a sign-in link instead of the form
    sign_in(page, base, asker.email)
    page.goto(log)
    check(page)
    page.fill("#id_text", "Can Aino Asiakas from Testiyritys bid in English?")
    page.select_option("#id_language", "en")
    page.select_option("#id_asker_organisation", label="Testiyritys Oy")
    with page.expect_navigation():
        page.get_by_role("button", name="Send the question").click()
    assert "Your questions" in page.locator("main").inner_text()
    check(page)  # with the success message and the asker's own question
    question = Question.objects.get()
    assert question.status == "pending" and question.asker == asker

    sign_in(page, base, owner.email)
    page.goto(f"{log}manage/")
    check(page)
    prefix = f"#id_p{question.pk}"
    page.fill(f"{prefix}-public_text", "Can a proposal be written in English?")
    page.fill(f"{prefix}-text_en", "Yes, proposals in English are welcome.")
    page.select_option(f"{prefix}-original_language", "en")
    with page.expect_navigation():
        page.get_by_role("button", name="Publish the answer").click()
    question.refresh_from_db()
    assert question.status == "published" and question.number == 1
    check(page)

    page.context.clear_cookies()
    page.goto(log)
    text = page.locator("main").inner_text()
    assert "Can a proposal be written in English?" in text and "Yes, proposals in English are welcome." in text
    assert "Aino" not in text and "Testiyritys" not in text and "asker@company.test" not in text
    check(page)
