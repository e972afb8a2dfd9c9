"""The open API: public data only, filters, clear 4xx errors, OpenAPI 3.1."""

import pytest

from conftest import publishable
from haastemoottori.challenges import services


@pytest.fixture
def published(region, make_challenge):
    challenge = publishable(make_challenge(), region)
    services.challenge_set_indicators(
        actor=region.people["espoo_owner"],
        challenge=challenge,
        indicators=[{"name": {"fi": "Päästöt"}, "unit": "t CO2e/a", "baseline": "1200", "target": "800"}],
    )
    services.challenge_approve(actor=region.people["espoo_owner"], challenge=challenge, organisation=region.espoo)
    return services.challenge_transition(
        actor=region.people["espoo_owner"], challenge=challenge, target="co_definition"
    )


def test_list_and_detail(client, region, published, make_challenge):
    make_challenge(title={"fi": "Luonnos jota ei näytetä"})
    body = client.get("/api/v1/challenges").json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["slug"] == published.slug and item["title"]["sv"] == "Klimatneutral uppvärmning"
    assert item["owners"][0]["organisation"]["slug"] == "espoo" and item["owners"][0]["role"] == "lead"
    assert item["url"].endswith(f"/challenges/{published.slug}/")
    detail = client.get(f"/api/v1/challenges/{published.slug}").json()
    assert detail["indicators"] == [
        {"name": {"fi": "Päästöt"}, "unit": "t CO2e/a", "baseline": 1200.0, "target": 800.0}
    ]
    assert [s["to_stage"] for s in detail["timeline"]] == ["in_review", "co_definition"]


def test_unpublished_challenges_never_leak(client, region, make_challenge):
    draft = make_challenge()
    assert client.get("/api/v1/challenges").json()["count"] == 0
    response = client.get(f"/api/v1/challenges/{draft.slug}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    client.force_login(region.people["espoo_owner"])  # being an owner does not change the open API
    assert client.get(f"/api/v1/challenges/{draft.slug}").status_code == 404


def test_filters(client, region, published):
    assert client.get("/api/v1/challenges?city=espoo&stage=co_definition").json()["count"] == 1
    assert client.get("/api/v1/challenges?city=vantaa").json()["count"] == 0
    assert client.get("/api/v1/challenges?q=uppvärmning").json()["count"] == 1


@pytest.mark.parametrize(
    "query", ["stage=draft", "stage=bogus", "page=0", "page=abc", "page_size=1000", "sort=random", "q=" + "x" * 300]
)
def test_bad_input_is_a_clear_422(client, region, query):
    response = client.get(f"/api/v1/challenges?{query}")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input" and body["details"][0]["field"]


def test_organisations_platforms_themes(client, region, published):
    orgs = client.get("/api/v1/organisations?kind=city").json()
    assert orgs["count"] == 3 and {o["slug"] for o in orgs["results"]} == {"espoo", "vantaa", "helsinki"}
    assert len(client.get("/api/v1/organisations?page_size=2&page=2").json()["results"]) == 2
    espoo = client.get("/api/v1/organisations/espoo").json()
    assert espoo["identifiers"] == [{"scheme": "FI-PRO", "identifier": "0101263-6"}]
    assert client.get("/api/v1/organisations/nope").status_code == 404
    assert client.get("/api/v1/organisations?kind=alien").status_code == 422
    assert client.get("/api/v1/platforms").json()[0]["owner"]["slug"] == "espoo"
    assert client.get("/api/v1/platforms/testikyla").json()["name"]["sv"] == "Testbyn"
    assert client.get("/api/v1/platforms/nope").status_code == 404
    assert {t["slug"] for t in client.get("/api/v1/themes").json()} == {"sdg-11", "carbon-neutrality"}
    assert [lang["code"] for lang in client.get("/api/v1/languages").json()] == ["fi", "sv", "en"]


def test_openapi_31_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/challenges" in schema["paths"] and "/api/v1/challenges/{slug}" in schema["paths"]


def test_list_queries_do_not_grow(client, region, django_assert_max_num_queries):
    from haastemoottori.challenges.tests.test_pages import bulk_public_challenges

    bulk_public_challenges(region, 300)
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/v1/challenges?page_size=100").json()["results"]) == 100


def test_error_messages_follow_accept_language(client, db):
    body = client.get("/api/v1/challenges/nope", HTTP_ACCEPT_LANGUAGE="sv").json()
    assert body["code"] == "not_found" and body["message"] == "Ingen publicerad utmaning med denna identifierare."
    assert client.get("/api/v1/challenges?page=0", HTTP_ACCEPT_LANGUAGE="fi").json()["message"] == "Virheellinen syöte."
