"""The relevance floor (relevance.py) with the real model: nonsense and out-of-domain queries get nothing —
in search, on the challenge list page, in the API and in saved-search alerts — and real queries, in the
challenge's language or another, still find their challenge."""

import json
from pathlib import Path

import pytest

from haastemoottori.alerts.selectors import challenges_public_for_search
from haastemoottori.search import selectors
from haastemoottori.search.models import SearchDocument

from .conftest import reindex

CHALLENGE = SearchDocument.Kind.CHALLENGE
DEMO = Path(__file__).resolve().parents[2] / "demo" / "data" / "challenges.json"
SLUGS = (
    "kivisto-hulevedet",
    "aviapolis-viimeinen-kilometri",
    "kera-purkumateriaalit",
    "ikaihmisten-etaryhmat",
    "koulujen-kysyntajousto",
    "liukkauden-ennakointi",
)
# Not "jääkiekon tulokset" (hockey results): on this six-challenge corpus it passes the floor (bench/README.md).
NONSENSE = (
    "zzzqqxx",
    "asdfghjkl",
    "chocolate cake recipe",
    "konsertbiljetter till Taylor Swift",
    "kissanruoka tarjous",
)


@pytest.fixture
def corpus(e5, make_challenge, publish):
    """Six demo challenges (their Finnish texts), published and embedded with multilingual-e5."""
    demo = {c["slug"]: c for c in json.loads(DEMO.read_text())}
    made = {}
    for slug in SLUGS:
        c = demo[slug]
        made[slug] = publish(
            make_challenge(
                title={"fi": c["title"]["fi"]},
                summary={"fi": c["summary"]["fi"]},
                problem={"fi": c["problem"]["fi"]},
                desired_outcome={"fi": c["desired_outcome"]["fi"]},
            )
        )
    reindex()
    return made


@pytest.mark.slow
def test_nonsense_and_out_of_domain_queries_find_nothing(corpus, client):
    for query in NONSENSE:
        assert selectors.search_hits(kind=CHALLENGE, query=query) == [], query
    response = client.get("/fi/challenges/", {"q": "zzzqqxx"})
    assert response.status_code == 200 and response.context["paginator"].count == 0
    assert "Yksikään haaste ei vastaa hakua “zzzqqxx”." in response.content.decode()
    body = client.get("/api/v1/challenges", {"q": "chocolate cake recipe"}).json()
    assert body["count"] == 0 and body["results"] == []
    # a saved search for a need nobody has does not alert on filler: the digest and feed read this
    assert not challenges_public_for_search(query="q=zzzqqxx").exists()
    assert not challenges_public_for_search(query="q=konsertbiljetter+till+Taylor+Swift").exists()


@pytest.mark.slow
def test_real_queries_still_find_their_challenge_lexically_and_across_languages(corpus, client):
    flood = corpus["kivisto-hulevedet"]
    lexical = selectors.search_hits(kind=CHALLENGE, query="hulevesien hallinta")
    assert lexical[0].object_id == flood.pk and lexical[0].lexical_rank == 1
    for query, slug in (
        ("dagvattenhantering på gröna gator", "kivisto-hulevedet"),
        ("zero-emission parcel delivery in the last mile", "aviapolis-viimeinen-kilometri"),
        ("ensamhet bland äldre och distansgrupper", "ikaihmisten-etaryhmat"),
    ):
        hits = selectors.search_hits(kind=CHALLENGE, query=query)
        assert hits and hits[0].object_id == corpus[slug].pk, query
        assert hits[0].lexical_rank is None  # found by meaning alone, above the floor
    response = client.get("/sv/challenges/", {"q": "dagvattenhantering på gröna gator"})
    assert [c.pk for c in response.context["page"].object_list][:1] == [flood.pk]
    assert (
        challenges_public_for_search(query="q=dagvattenhantering+p%C3%A5+gr%C3%B6na+gator").filter(pk=flood.pk).exists()
    )


@pytest.mark.slow
def test_the_floor_is_what_keeps_filler_out(corpus, settings):
    """With no floor (minus infinity), the old behaviour: a nonsense query gets semantic neighbours."""
    settings.HAASTEMOOTTORI_SEARCH_SEMANTIC_FLOOR = -1.0
    assert selectors.search_hits(kind=CHALLENGE, query="zzzqqxx")
    settings.HAASTEMOOTTORI_SEARCH_SEMANTIC_FLOOR = 0.035
    assert selectors.search_hits(kind=CHALLENGE, query="zzzqqxx") == []
