"""Suggestions both ways, similar challenges, feedback, their permissions per role and the API."""

import pytest
from django.urls import reverse

from conftest import make_org, make_user
from haastemoottori.discovery import recommendations
from haastemoottori.discovery.models import MatchFeedback
from haastemoottori.discovery.similar import similar_challenges, similar_text
from haastemoottori.organisations.models import Membership, Reference

from .conftest import reindex


@pytest.fixture
def solvers(region):
    """Three solvers: one on stormwater (with a matching pilot), one on school meals, one unlisted."""
    water = region.company
    water.offering = {"fi": "Hulevesien hallinta ja viherkatot kaupunkeihin"}
    water.capabilities = {"en": "Stormwater retention, green roofs, permeable paving"}
    water.cities_served.add(region.espoo)
    water.themes.add(region.themes[0])
    water.save()
    Reference.objects.create(
        organisation=water,
        title={"fi": "Hulevesipilotti Kivenlahdessa"},
        is_pilot=True,
        description={"fi": "Viherkatot ja imeyttävät pinnat hulevesien viivyttämiseen."},
    )
    meals = make_org("ruokaratkaisut", kind="company", name={"sv": "Skolmat Ab"})
    meals.original_language = "sv"
    meals.offering = {"sv": "Minskat matsvinn i skolor och daghem"}
    meals.save()
    hidden = make_org("piilo", kind="company", name={"fi": "Piilo Oy"})
    hidden.offering = {"fi": "Hulevesien hallinta"}
    hidden.is_listed = False
    hidden.save()
    city_like = region.vantaa  # a city is not a solver, even if its texts match
    city_like.description = {"fi": "Hulevesien hallinta on Vantaan tehtävä"}
    city_like.save()
    return water, meals, hidden


@pytest.fixture
def flood(region, make_challenge, publish):
    challenge = publish(
        make_challenge(
            title={"fi": "Hulevesitulvat keskustassa"},
            summary={"fi": "Hulevedet tulvivat; tarvitaan viherkattoja ja viivytystä."},
        )
    )
    challenge.themes.add(region.themes[0])
    return challenge


def test_solvers_for_challenge_with_reasons(region, solvers, flood):
    water, _meals, hidden = solvers
    reindex()
    suggestions = recommendations.solvers_for_challenge(challenge=flood)
    keys = [s.organisation.pk for s in suggestions]
    assert keys[0] == water.pk
    assert hidden.pk not in keys and region.vantaa.pk not in keys  # unlisted, not a solver
    reasons = " ".join(suggestions[0].reasons)
    assert "Kestävät kaupungit" in reasons  # shared theme
    assert "Espoo" in reasons  # serves the owner city
    assert "Hulevesipilotti" in reasons or suggestions[0].matched_words


def test_challenges_for_solver_only_open_public(region, solvers, flood, make_challenge):
    water, *_ = solvers
    draft = make_challenge(title={"fi": "Hulevesiluonnos"}, summary={"fi": "Hulevedet ja viherkatot."})
    reindex()
    found = [s.challenge.pk for s in recommendations.challenges_for_solver(organisation=water)]
    assert found == [flood.pk] and draft.pk not in found


def test_draft_sees_near_duplicate_from_another_city(region, make_challenge, publish):
    vantaa_owner = region.people["vantaa_owner"]
    theirs = publish(
        make_challenge(
            title={"fi": "Hulevesitulvien hallinta"}, summary={"fi": "Rankkasateiden hulevedet tulvivat kellareihin."}
        )
    )
    theirs.ownerships.update(organisation=region.helsinki)
    other = publish(make_challenge(title={"fi": "Kouluruokailun hävikki"}, summary={"fi": "Ruokahävikki kouluissa."}))
    mine = make_challenge(
        actor=vantaa_owner,
        lead=region.vantaa,
        title={"fi": "Hulevesitulvat Vantaalla"},
        summary={"fi": "Rankkasateet ja hulevedet tulvivat kellareihin Vantaalla."},
    )
    reindex()
    similar = similar_challenges(text=similar_text(mine), language="fi", challenge_id=mine.pk)
    assert similar[0].challenge.pk == theirs.pk
    assert other.pk not in [s.challenge.pk for s in similar[:1]]
    assert mine.pk not in [s.challenge.pk for s in similar]


def test_drafts_never_appear_as_similar(region, make_challenge, publish):
    draft = make_challenge(title={"fi": "Salainen hulevesisuunnitelma"}, summary={"fi": "Hulevedet."})
    mine = make_challenge(title={"fi": "Hulevesisuunnitelma"}, summary={"fi": "Hulevedet."})
    reindex()
    assert draft.pk not in [
        s.challenge.pk for s in similar_challenges(text=similar_text(mine), language="fi", challenge_id=mine.pk)
    ]


ROLE_CAN_SEE_SOLVERS = {
    "espoo_admin": True,
    "espoo_owner": True,
    "espoo_evaluator": True,
    "espoo_member": True,
    "vantaa_owner": False,
    "company_admin": False,
    "outsider": False,
    "platform_admin": True,
}


@pytest.mark.parametrize(("role", "allowed"), ROLE_CAN_SEE_SOLVERS.items())
def test_solver_suggestions_page_per_role(client, region, solvers, flood, role, allowed):
    reindex()
    client.force_login(region.people[role])
    response = client.get(reverse("search:solver-suggestions", args=[flood.slug]))
    assert response.status_code == (200 if allowed else 404)
    if allowed:
        assert solvers[0].slug in response.content.decode()


@pytest.mark.parametrize(
    ("role", "allowed"),
    {"company_admin": True, "espoo_owner": False, "outsider": False, "platform_admin": True}.items(),
)
def test_challenge_suggestions_page_per_role(client, region, solvers, flood, role, allowed):
    reindex()
    client.force_login(region.people[role])
    response = client.get(reverse("search:challenge-suggestions", args=[region.company.slug]))
    assert response.status_code == (200 if allowed else 404)
    if allowed:
        assert flood.slug in response.content.decode()


def test_anonymous_gets_login_redirect(client, region, flood):
    response = client.get(reverse("search:solver-suggestions", args=[flood.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_feedback_is_kept_and_audited(client, region, solvers, flood):
    reindex()
    client.force_login(region.people["espoo_owner"])
    page = reverse("search:solver-suggestions", args=[flood.slug])
    data = {
        "challenge": flood.slug,
        "organisation": region.company.slug,
        "direction": "solver",
        "useful": "no",
        "rank": "1",
        "score": "0.5",
        "next": page,
    }
    assert client.post(reverse("search:feedback"), data).status_code == 302
    data["useful"] = "yes"
    client.post(reverse("search:feedback"), data)
    feedback = MatchFeedback.objects.get()
    assert feedback.useful and feedback.rank == 1
    from haastemoottori.audit.models import AuditEvent

    assert AuditEvent.objects.filter(target_id=str(flood.pk), changes__has_key="match_feedback").count() == 2


@pytest.mark.parametrize("role", ["vantaa_owner", "company_admin", "outsider"])
def test_feedback_refused_for_others(client, region, flood, role):
    client.force_login(region.people[role])
    client.post(
        reverse("search:feedback"),
        {
            "challenge": flood.slug,
            "organisation": region.company.slug,
            "direction": "solver",
            "useful": "yes",
            "next": "https://evil.test/",
        },
    )
    assert not MatchFeedback.objects.exists()


def test_feedback_bad_input(client, region, flood):
    client.force_login(region.people["espoo_owner"])
    response = client.post(
        reverse("search:feedback"),
        {"challenge": "nope", "organisation": "x", "direction": "?", "useful": "maybe", "next": "//evil.test/"},
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert not MatchFeedback.objects.exists()


def test_company_dashboard_shows_suggestions(client, region, solvers, flood):
    reindex()
    client.force_login(region.people["company_admin"])
    html = client.get(reverse("challenges:workspace")).content.decode()
    assert flood.slug in html


def test_edit_page_and_preview_show_similar(client, region, make_challenge, publish):
    theirs = publish(make_challenge(title={"fi": "Hulevesitulvien hallinta"}, summary={"fi": "Hulevedet tulvivat."}))
    mine = make_challenge(actor=region.people["vantaa_owner"], lead=region.vantaa, title={"fi": "Pyöräily"})
    reindex()
    client.force_login(region.people["vantaa_owner"])
    url = reverse("search:similar-preview", args=[mine.slug])
    html = client.post(
        url, {"step": "basics", "title__fi": "Hulevesitulvat", "summary__fi": "Hulevedet tulvivat"}
    ).content.decode()
    assert theirs.slug in html
    client.force_login(region.people["espoo_member"])
    assert client.post(url, {}).status_code == 404


def test_api_search_and_suggestions(client, region, solvers, flood, make_challenge):
    make_challenge(title={"fi": "Hulevesiluonnos"})
    reindex()
    body = client.get("/api/v1/search", {"q": "hulevesi"}).json()
    assert [r["slug"] for r in body["results"]] == [flood.slug] and "«" in body["results"][0]["snippet"]
    body = client.get("/api/v1/search", {"q": "hulevesien hallinta", "kind": "organisation"}).json()
    slugs = [r["slug"] for r in body["results"]]
    assert region.company.slug in slugs and "piilo" not in slugs
    solvers_out = client.get(f"/api/v1/challenges/{flood.slug}/suggested-solvers").json()
    assert solvers_out[0]["organisation"]["slug"] == region.company.slug and solvers_out[0]["reasons"]
    assert (
        client.get(f"/api/v1/organisations/{region.company.slug}/suggested-challenges").json()[0]["challenge"]["slug"]
        == flood.slug
    )
    assert client.get("/api/v1/organisations/piilo/suggested-challenges").status_code == 404
    assert client.get("/api/v1/challenges/nope/suggested-solvers").status_code == 404
    assert client.get("/api/v1/search", {"q": ""}).status_code == 422
    assert client.get("/api/v1/search", {"q": "x", "kind": "user"}).status_code == 422


def test_api_hides_unlisted_organisations(client, region, solvers):
    slugs = [o["slug"] for o in client.get("/api/v1/organisations", {"page_size": 200}).json()["results"]]
    assert "piilo" not in slugs and "ruokaratkaisut" in slugs
    assert client.get("/api/v1/organisations/piilo").status_code == 404


def test_member_role_is_enough_for_company_suggestions(region, solvers):
    user = make_user("new@company.test", region.company, Membership.Role.MEMBER)
    assert user.has_perm("discovery.view_challenge_suggestions", region.company)
    assert not user.has_perm("discovery.view_challenge_suggestions", region.espoo)


def test_unrelated_drafts_get_no_similar(region, make_challenge, publish):
    publish(make_challenge(title={"fi": "Hulevesitulvien hallinta"}, summary={"fi": "Hulevedet tulvivat."}))
    mine = make_challenge(title={"fi": "Pyöräily"}, summary={"fi": "Pyöräteiden talvikunnossapito."}, full=False)
    reindex()
    assert similar_challenges(text=similar_text(mine), language="fi", challenge_id=mine.pk) == []
