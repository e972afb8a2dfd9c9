"""The staff workspace: forms with bad input give a 4xx, keep what was typed and change nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from haastemoottori.audit.models import AuditEvent
from haastemoottori.challenges import services
from haastemoottori.challenges.models import Challenge


@pytest.fixture
def owner_client(client, region):
    client.force_login(region.people["espoo_owner"])
    return client


def test_create_and_edit_through_the_forms(owner_client, region):
    response = owner_client.post(
        "/fi/challenges/new/", {"lead": region.espoo.pk, "original_language": "fi", "title": "Uusi haaste"}
    )
    assert response.status_code == 302
    challenge = Challenge.objects.get(slug="uusi-haaste")
    edit = owner_client.get(f"/fi/challenges/{challenge.slug}/edit/")
    assert edit.status_code == 200
    url = f"/fi/challenges/{challenge.slug}/edit/"
    response = owner_client.post(
        url,
        {
            "step": "basics",
            "next": "1",
            "title__fi": "Uusi haaste",
            "title__sv": "Ny utmaning",
            "summary__fi": "Tiivis",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("?step=problem")
    response = owner_client.post(
        url,
        {
            "step": "conditions",
            "budget_min": "1000",
            "budget_max": "5000",
            "route": "agile_pilot",
            "themes": [t.pk for t in region.themes],
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("/manage/")
    response = owner_client.post(
        url,
        {
            "step": "outcome",
            "desired_outcome__fi": "Vähemmän päästöjä",
            "ind-TOTAL_FORMS": "2",
            "ind-INITIAL_FORMS": "0",
            "ind-MIN_NUM_FORMS": "0",
            "ind-MAX_NUM_FORMS": "20",
            "ind-0-name__fi": "Päästöt",
            "ind-0-unit": "t CO2e/a",
            "ind-0-baseline": "120",
            "ind-0-target": "80",
        },
    )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert [i.as_dict() for i in challenge.indicators.all()] == [
        {"name": {"fi": "Päästöt"}, "unit": "t CO2e/a", "baseline": "120", "target": "80"}
    ]
    assert challenge.desired_outcome == {"fi": "Vähemmän päästöjä"}
    assert challenge.title == {"fi": "Uusi haaste", "sv": "Ny utmaning"} and challenge.budget_max == 5000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"step": "conditions", "budget_min": "abc"}, "Enter a whole number, written as 1234 or 1 234."),
        (
            {"step": "conditions", "budget_min": "9000", "budget_max": "10"},
            "The lower end of the budget range is above the upper end.",
        ),
        ({"title__fi": ""}, "This field is required."),
        ({"step": "conditions", "route": "teleport"}, "Select a valid choice."),
        ({"step": "conditions", "call_deadline": "31.13.2026"}, "Enter a valid date/time."),
        ({"title__fi": "x" * 300}, "Ensure this value has at most 200 characters"),
        (
            {
                "step": "outcome",
                "ind-TOTAL_FORMS": "1",
                "ind-INITIAL_FORMS": "0",
                "ind-0-unit": "kpl",
                "ind-0-target": "ten",
            },
            "Write the number as 1234.5 or 1 234.5.",
        ),
        (
            {"step": "outcome", "ind-TOTAL_FORMS": "1", "ind-INITIAL_FORMS": "0", "ind-0-unit": "kpl"},
            "Give the indicator a name.",
        ),
        ({"step": "outcome"}, "ManagementForm data is missing"),
    ],
)
def test_bad_canvas_input(owner_client, region, make_challenge, data, message):
    challenge = make_challenge()
    before = (Challenge.objects.filter(pk=challenge.pk).values().get(), AuditEvent.objects.count())
    post = {
        "title__fi": "Hiilineutraali lämmitys",
        "summary__fi": "Muokattu tiivistelmä",
        "constraints__fi": "Muokattu tiivistelmä",
        "desired_outcome__fi": "Muokattu tiivistelmä",
        **data,
    }
    response = owner_client.post(f"/en/challenges/{challenge.slug}/edit/", post)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html and message in html
    assert "Muokattu tiivistelmä" in html  # what was typed is kept
    assert (Challenge.objects.filter(pk=challenge.pk).values().get(), AuditEvent.objects.count()) == before


def test_refused_transition_shows_the_reason_and_changes_nothing(owner_client, region, make_challenge):
    challenge = make_challenge()
    services.challenge_transition(actor=region.people["espoo_owner"], challenge=challenge, target="in_review")
    response = owner_client.post(
        f"/en/challenges/{challenge.slug}/transition/",
        {"target": "open_call", "open_call-target": "open_call", "open_call-confirm": "on"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Every owner must approve the current version first." in html
    assert "An open call needs a deadline." in html
    assert Challenge.objects.get(pk=challenge.pk).stage == "in_review"


def test_transition_needs_confirmation(owner_client, region, make_challenge):
    challenge = make_challenge()
    response = owner_client.post(
        f"/en/challenges/{challenge.slug}/transition/", {"target": "in_review", "in_review-target": "in_review"}
    )
    assert response.status_code == 400
    assert Challenge.objects.get(pk=challenge.pk).stage == "draft"


def test_publish_flow_through_the_workspace(client, region, make_challenge):
    owner, vantaa = region.people["espoo_owner"], region.people["vantaa_owner"]
    challenge = make_challenge()
    client.force_login(owner)
    services.challenge_update(actor=owner, challenge=challenge, call_deadline=timezone.now() + timedelta(days=9))
    assert (
        client.post(
            f"/fi/challenges/{challenge.slug}/owners/", {"organisation": region.vantaa.pk, "role": "co_owner"}
        ).status_code
        == 302
    )
    for target in ("in_review",):
        client.post(
            f"/fi/challenges/{challenge.slug}/transition/",
            {"target": target, f"{target}-target": target, f"{target}-confirm": "on"},
        )
    client.post(f"/fi/challenges/{challenge.slug}/approve/", {"organisation": region.espoo.pk, "action": "approve"})
    client.force_login(vantaa)
    page = client.get("/fi/challenges/workspace/").content.decode()
    assert challenge.slug in page
    client.post(f"/fi/challenges/{challenge.slug}/approve/", {"organisation": region.vantaa.pk, "action": "approve"})
    client.force_login(owner)
    response = client.post(
        f"/fi/challenges/{challenge.slug}/transition/",
        {"target": "open_call", "open_call-target": "open_call", "open_call-confirm": "on"},
    )
    assert response.status_code == 302
    assert Challenge.objects.get(pk=challenge.pk).stage == "open_call"


@pytest.mark.parametrize("who", ["outsider", "helsinki_owner", "company_admin"])
def test_strangers_cannot_reach_the_workspace_pages(client, region, make_challenge, who):
    challenge = make_challenge()
    client.force_login(region.people[who])
    for path in ("manage", "edit"):
        assert client.get(f"/fi/challenges/{challenge.slug}/{path}/").status_code == 404
    assert (
        client.post(
            f"/fi/challenges/{challenge.slug}/transition/",
            {"target": "in_review", "in_review-target": "in_review", "in_review-confirm": "on"},
        ).status_code
        == 404
    )


def test_member_sees_but_cannot_edit(client, region, make_challenge):
    challenge = make_challenge()
    client.force_login(region.people["espoo_member"])
    assert client.get(f"/fi/challenges/{challenge.slug}/manage/").status_code == 200
    assert client.get(f"/fi/challenges/{challenge.slug}/edit/").status_code == 403
    response = client.post(
        f"/fi/challenges/{challenge.slug}/transition/",
        {"target": "in_review", "in_review-target": "in_review", "in_review-confirm": "on"},
    )
    assert response.status_code == 403
    assert Challenge.objects.get(pk=challenge.pk).stage == "draft"


def test_anonymous_is_sent_to_sign_in(client, region, make_challenge):
    challenge = make_challenge()
    response = client.get(f"/fi/challenges/{challenge.slug}/manage/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_failed_sign_in_is_a_400(client, region):
    response = client.post("/en/accounts/login/", {"username": "owner@espoo.test", "password": "wrong"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    response = client.post("/en/accounts/login/", {"username": "owner@espoo.test", "password": "test-password-123"})
    assert response.status_code == 302


def test_readiness_preview_follows_unsaved_edits_and_saves_nothing(owner_client, region, make_challenge):
    challenge = make_challenge(full=False, title={"fi": "Luonnos"})
    url = f"/en/challenges/{challenge.slug}/readiness/"
    before = owner_client.post(url, {"title__fi": "Luonnos"}, HTTP_HX_REQUEST="true")
    assert before.status_code == 200 and 'id="readiness"' in before.content.decode()
    assert "No summary" in before.content.decode()
    after = owner_client.post(
        url,
        {"title__fi": "Luonnos", "summary__fi": "Tiivistelmä", "budget_min": "5", "themes": [region.themes[0].pk]},
        HTTP_HX_REQUEST="true",
    )
    html = after.content.decode()
    assert "No summary</li>" not in html and "No budget range" not in html and "No themes" not in html
    assert "<html" not in html  # only the partial
    challenge.refresh_from_db()
    assert challenge.summary == {} and challenge.budget_min is None
    # Bad values do not break the preview.
    assert owner_client.post(url, {"budget_min": "abc", "call_deadline": "x"}).status_code == 200


def test_readiness_preview_needs_edit_permission(client, region, make_challenge):
    challenge = make_challenge()
    client.force_login(region.people["espoo_member"])
    assert client.post(f"/en/challenges/{challenge.slug}/readiness/", {}).status_code == 403


def test_the_manage_page_leads_to_the_co_development_pages(client, region, make_challenge):
    from conftest import publishable
    from haastemoottori.challenges import services

    challenge = publishable(make_challenge(), region)
    challenge = services.challenge_transition(
        actor=region.people["espoo_owner"], challenge=challenge, target="co_definition"
    )
    client.force_login(region.people["espoo_owner"])
    page = client.get(f"/fi/challenges/{challenge.slug}/manage/").content.decode()
    for path in ("questions/manage/", "comments/moderation/", "call/configure/", "call/proposals/"):
        assert f'href="/fi/challenges/{challenge.slug}/{path}"' in page
    assert 'href="/fi/events/new/"' in page
