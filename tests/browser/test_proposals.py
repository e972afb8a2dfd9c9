"""Proposals in a real browser: a company member starts a proposal on an open call, answers, uploads a small
PDF, submits and sees the receipt hash. The call page and the proposal form have zero axe violations."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_org, make_user
from haastemoottori.challenges.models import Challenge, ChallengeOwnership
from haastemoottori.organisations.models import Membership
from haastemoottori.proposals import services
from haastemoottori.proposals.models import Proposal

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "test-password-123"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(transactional_db, tmp_path):
    espoo = make_org("espoo", name={"fi": "Espoon kaupunki", "en": "City of Espoo"})
    owner = make_user("owner@espoo.test", espoo, Membership.Role.CHALLENGE_OWNER)
    company = make_org("yritys", kind="company", name={"fi": "Yritys Oy", "en": "Company Ltd"})
    member = make_user("member@company.test", company, Membership.Role.MEMBER, preferred_language="en")
    challenge = Challenge.objects.create(
        slug="lampo",
        original_language="en",
        stage="open_call",
        published_at=timezone.now(),
        call_deadline=timezone.now() + timedelta(days=2, hours=3, minutes=30),
        title={"en": "Carbon-neutral heating", "fi": "Hiilineutraali lämmitys"},
        summary={"en": "Heat."},
    )
    ChallengeOwnership.objects.create(challenge=challenge, organisation=espoo, role="lead")
    services.call_update(
        actor=owner,
        challenge=challenge,
        eligibility={"en": "Companies."},
        instructions={"en": "Answer every question."},
        max_file_size=1_000_000,
        max_files=2,
    )
    services.criterion_add(actor=owner, challenge=challenge, name={"en": "Impact"}, description={}, weight=100)
    services.question_add(
        actor=owner,
        challenge=challenge,
        values={"label": {"en": "Summary of the solution"}, "kind": "text", "required": True, "order": 1},
    )
    services.question_add(
        actor=owner,
        challenge=challenge,
        values={"label": {"en": "Price"}, "kind": "number", "confidential": True, "order": 2},
    )
    services.question_add(
        actor=owner,
        challenge=challenge,
        values={"label": {"en": "Project plan"}, "kind": "file", "required": True, "confidential": True, "order": 3},
    )
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(PDF)
    return challenge, member, pdf


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def test_start_fill_upload_submit_and_see_the_receipt(live_server, page, world):
    challenge, member, pdf = world
    base = live_server.url
    page.goto(f"{base}/en/challenges/{challenge.slug}/call/")
    assert "2 days 3 hours left" in page.content()
    check(page)

    page.goto(f"{base}/en/accounts/login/?next=/en/challenges/{challenge.slug}/call/")
    page.fill("#id_username", member.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    with page.expect_navigation():
        page.click("text=Start a proposal")
    page.fill("#id_title", "Heat pumps for schools")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "/edit/" in page.url
    check(page)  # the proposal form

    page.get_by_label("Summary of the solution").fill("Ground-source heat pumps.")
    page.get_by_label("Price (confidential)").fill("120000")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.set_input_files("#id_file", str(pdf))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload").click()
    assert "plan.pdf" in page.content()
    check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Submit the proposal").click()
    proposal = Proposal.objects.get()
    assert proposal.status == "submitted" and len(proposal.content_hash) == 64
    assert page.locator("#content-hash").inner_text() == proposal.content_hash
    check(page)
