"""Finnish query understanding: a compound finds its parts, and a misspelt word gets a “did you mean”."""

import pytest

from haastemoottori.search import analysis, selectors, spelling
from haastemoottori.search.models import SearchDocument

from .conftest import reindex

CHALLENGE = SearchDocument.Kind.CHALLENGE
pytestmark = pytest.mark.skipif(not analysis.has_voikko(), reason="needs libvoikko and voikko-fi")


@pytest.fixture
def corpus(make_challenge, publish):
    flood = publish(
        make_challenge(
            title={"fi": "Hulevesien hallinta viherkaduilla"},
            summary={"fi": "Rankkasateet tulvivat kaduilla; tarvitaan viivytystä ja ennakointia."},
        )
    )
    heat = publish(
        make_challenge(
            title={"fi": "Koulujen energiankulutus"},
            summary={"fi": "Sähkön kysyntäjousto kouluissa ja päiväkodeissa."},
        )
    )
    reindex()
    spelling.forget()
    return flood, heat


def test_compound_parts():
    assert analysis.compound_parts("hulevesienhallinta") == ("hulevesien", "hallinta")
    assert analysis.compound_parts("kaupunki") == ()
    assert analysis.compound_parts("hulevesi") == ()  # "hule" alone is not a word: no split


def test_compound_query_finds_its_parts(corpus):
    flood, heat = corpus
    ids = [h.object_id for h in selectors.search_hits(kind=CHALLENGE, query="hulevesienhallinta", semantic=False)]
    assert ids == [flood.pk]
    # the parts must all be there: a compound of which one part is missing finds nothing lexically
    assert selectors.search_hits(kind=CHALLENGE, query="hulevesienmittaus", semantic=False) == []
    ids = [h.object_id for h in selectors.search_hits(kind=CHALLENGE, query="energiankulutusseuranta", semantic=False)]
    assert heat.pk not in ids or ids == [heat.pk]


def test_did_you_mean_offers_a_close_indexed_word(corpus, client):
    assert spelling.did_you_mean("hulvesien") == "hulevesien"
    assert spelling.did_you_mean("hulevesien") is None  # known: nothing to correct
    assert spelling.did_you_mean("zzzqqxx") is None  # nothing close
    response = client.get("/fi/challenges/", {"q": "hulvesien"})
    page = response.content.decode()
    assert response.context["paginator"].count == 0
    assert "Tarkoititko:" in page and "?q=hulevesien" in page
    response = client.get("/sv/challenges/", {"q": "hulvesien"})
    assert "Menade du:" in response.content.decode()
    response = client.get("/en/challenges/", {"q": "hulvesien"})
    assert "Did you mean:" in response.content.decode()
    # a query with results gets no suggestion
    assert "Tarkoititko" not in client.get("/fi/challenges/", {"q": "hulevesien"}).content.decode()


def test_a_longer_query_with_one_word_the_text_lacks_still_finds_it(corpus):
    flood, _heat = corpus
    hits = selectors.search_hits(kind=CHALLENGE, query="rankkasateet tulvivat kaduilla kissat", semantic=False)
    assert [h.object_id for h in hits] == [flood.pk]
    # two words missing of four: nothing
    assert selectors.search_hits(kind=CHALLENGE, query="rankkasateet tulvivat kissat koirat", semantic=False) == []
    # a Swedish-style compound start: a long word may begin a longer indexed word when nothing else matches
    assert [h.object_id for h in selectors.search_hits(kind=CHALLENGE, query="viherkadu", semantic=False)] == [flood.pk]
