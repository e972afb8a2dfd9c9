"""A saved search for a need nobody has does not alert on filler (issue 20): the digest reads the same
search as the list page, with its relevance floor, here with the real multilingual model."""

import pytest
from django.utils import timezone

from haastemoottori.alerts import services
from haastemoottori.search import vectors
from haastemoottori.search.embeddings import get_embedder
from haastemoottori.search.tests.conftest import reindex

BASE = "https://haastemoottori.example"


@pytest.fixture
def e5(settings):
    settings.HAASTEMOOTTORI_EMBEDDER = "haastemoottori.search.embeddings.E5Embedder"
    get_embedder.cache_clear()
    vectors.forget()
    yield
    get_embedder.cache_clear()
    vectors.forget()


@pytest.fixture
def reader(region):
    user = region.people["company_admin"]
    user.preferred_language = "en"
    user.save()
    return user


def _publish_stormwater(publish):
    return publish(
        title={"fi": "Hulevesitulvien ehkäiseminen"},
        summary={"fi": "Rankkasateiden aiheuttamat tulvat kastelevat kellareita; tarvitaan viherkattoja."},
        problem={
            "fi": "Kaupungin hulevesiviemärit eivät vedä kesän rankkasateita, ja kadut ja kellarit tulvivat. "
            "Päällystetyt pinnat lisääntyvät, eikä sadevesi imeydy maahan."
        },
        desired_outcome={"fi": "Tulvavahingot vähenevät ja hulevedet viivytetään siellä, missä ne syntyvät."},
    )


@pytest.mark.slow
def test_a_saved_nonsense_search_sends_no_alert(e5, region, reader, publish, mailoutbox):
    services.saved_search_create(actor=reader, params="q=zzzqqxx")
    services.saved_search_create(actor=reader, params="q=chocolate+cake+recipe")
    _publish_stormwater(publish)
    reindex()
    assert services.digest_send_due(frequency="weekly", now=timezone.now(), base_url=BASE).sent == 0
    assert mailoutbox == []


@pytest.mark.slow
def test_a_saved_search_in_another_language_alerts_by_meaning(e5, region, reader, publish, mailoutbox):
    services.saved_search_create(actor=reader, params="q=hantering+av+dagvatten+och+%C3%B6versv%C3%A4mningar+i+staden")
    _publish_stormwater(publish)
    reindex()
    assert services.digest_send_due(frequency="weekly", now=timezone.now(), base_url=BASE).sent == 1
    assert "Hulevesitulvien ehkäiseminen" in mailoutbox[0].body
