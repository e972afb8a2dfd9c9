"""A company's workspace: the deadlines of the challenges it follows, and no "challenges of my organisations"."""

from datetime import timedelta

from django.utils import timezone

from conftest import publishable
from haastemoottori.alerts.services import challenge_follow
from haastemoottori.challenges import services


def test_a_followed_challenge_deadline_is_listed_for_a_company(client, region, make_challenge):
    owner = region.people["espoo_owner"]
    challenge = publishable(make_challenge(), region, deadline_days=28)
    challenge = services.challenge_transition(actor=owner, challenge=challenge, target="open_call")
    company = region.people["company_admin"]
    challenge_follow(actor=company, challenge=challenge, follow=True)
    client.force_login(company)
    page = client.get("/en/challenges/workspace/").content.decode()
    deadlines = page.split("Deadlines within a month")[1].split("</ul>")[0]
    assert f'href="/en/challenges/{challenge.slug}/"' in deadlines  # the public page: a company cannot manage it
    assert "No deadlines within a month." not in page
    assert "Challenges of my organisations" not in page


def test_a_far_deadline_is_not_listed(client, region, make_challenge):
    owner = region.people["espoo_owner"]
    challenge = publishable(make_challenge(), region, deadline_days=60)
    challenge = services.challenge_transition(actor=owner, challenge=challenge, target="open_call")
    challenge_follow(actor=region.people["company_admin"], challenge=challenge, follow=True)
    client.force_login(region.people["company_admin"])
    assert "No deadlines within a month." in client.get("/en/challenges/workspace/").content.decode()
    assert challenge.call_deadline > timezone.now() + timedelta(days=31)


def test_city_staff_still_see_their_challenges_and_deadlines(client, region, make_challenge):
    challenge = publishable(make_challenge(), region, deadline_days=10)
    client.force_login(region.people["espoo_owner"])
    page = client.get("/en/challenges/workspace/").content.decode()
    assert "Challenges of my organisations" in page
    deadlines = page.split("Deadlines within a month")[1].split("</ul>")[0]
    assert f'href="/en/challenges/{challenge.slug}/manage/"' in deadlines
