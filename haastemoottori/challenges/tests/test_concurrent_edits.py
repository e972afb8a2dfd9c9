"""Two owners editing the same canvas at once: the later save is refused with what differs, nothing is lost."""

import re

import pytest

from conftest import make_user
from haastemoottori.challenges import services
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.concurrency import EditConflict, edit_token
from haastemoottori.organisations.models import Membership


def _token(response) -> str:
    match = re.search(r'name="edit_token" value="([^"]*)"', response.content.decode())
    assert match, "the edit form carries the token of the record it shows"
    return match.group(1)


@pytest.fixture
def two_owners(client, region, make_challenge):
    from django.test import Client

    second = make_user("second.owner@espoo.test", region.espoo, Membership.Role.CHALLENGE_OWNER)
    first_client, second_client = client, Client()
    first_client.force_login(region.people["espoo_owner"])
    second_client.force_login(second)
    return make_challenge(), first_client, second_client


def _basics(summary: str, token: str) -> dict[str, str]:
    return {"step": "basics", "title__fi": "Hiilineutraali lämmitys", "summary__fi": summary, "edit_token": token}


def test_the_second_save_of_the_canvas_is_refused_with_theirs_and_yours(two_owners):
    challenge, first, second = two_owners
    url = f"/en/challenges/{challenge.slug}/edit/"
    token_first, token_second = _token(first.get(url)), _token(second.get(url))
    assert token_first == token_second

    assert first.post(url, _basics("Ensimmäisen omistajan tiivistelmä", token_first)).status_code == 302
    response = second.post(url, _basics("Toisen omistajan tiivistelmä", token_second))

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved first" in html
    row = re.search(r"<tr><th scope=\"row\">Summary \(fi\)</th><td>(.*?)</td><td>(.*?)</td></tr>", html)
    assert row and row.groups() == ("Ensimmäisen omistajan tiivistelmä", "Toisen omistajan tiivistelmä")
    assert "Title (fi)" not in html  # the same in both: not listed
    challenge.refresh_from_db()
    assert challenge.summary["fi"] == "Ensimmäisen omistajan tiivistelmä"  # nothing overwritten

    # The page offers the form again with what is saved now: saving it again is a choice made knowingly.
    assert _token(response) == edit_token(challenge.updated_at) != token_second
    assert second.post(url, _basics("Toisen omistajan tiivistelmä", _token(response))).status_code == 302
    challenge.refresh_from_db()
    assert challenge.summary["fi"] == "Toisen omistajan tiivistelmä"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_conflict_is_explained_in_the_users_language(two_owners, language):
    challenge, first, second = two_owners
    url = f"/{language}/challenges/{challenge.slug}/edit/"
    token = _token(first.get(url))
    assert first.post(url, _basics("Uusi", token)).status_code == 302
    response = second.post(url, _basics("Toinen", token))
    assert response.status_code == 409
    expected = {"fi": "Joku muu tallensi ensin", "sv": "Någon annan sparade först"}[language]
    assert expected in response.content.decode()


def test_the_service_refuses_a_stale_token_and_names_the_differences(region, make_challenge):
    challenge = make_challenge()
    owner = region.people["espoo_owner"]
    opened = edit_token(challenge.updated_at)
    services.challenge_update(actor=owner, challenge=challenge, edit_token=opened, budget_max=900000)
    with pytest.raises(EditConflict) as exc:
        services.challenge_update(actor=owner, challenge=challenge, edit_token=opened, budget_max=100000)
    assert exc.value.status == 409 and exc.value.code == "edit_conflict"
    assert [(d.field, d.theirs, d.yours) for d in exc.value.differences] == [("budget_max", "900000", "100000")]
    assert Challenge.objects.get(pk=challenge.pk).budget_max == 900000
    # A caller that is not a form (an import, the demo) gives no token and is not checked.
    services.challenge_update(actor=owner, challenge=challenge, budget_max=100000)
    assert Challenge.objects.get(pk=challenge.pk).budget_max == 100000


def test_a_refusal_for_bad_input_keeps_the_token_the_form_was_opened_with(two_owners):
    challenge, first, second = two_owners
    url = f"/en/challenges/{challenge.slug}/edit/"
    opened = _token(second.get(url))
    assert first.post(url, _basics("Ensimmäinen", _token(first.get(url)))).status_code == 302
    bad = second.post(url, {**_basics("Toinen", opened), "title__fi": ""})  # the title is required
    assert bad.status_code == 400 and _token(bad) == opened
    assert second.post(url, _basics("Toinen", _token(bad))).status_code == 409
