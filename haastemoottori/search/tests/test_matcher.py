"""The matcher on tiny hand-made corpora: no database, no real model (vectors are written by hand)."""

import dataclasses

import numpy as np
import pytest

from haastemoottori.search.embeddings import HashingEmbedder
from haastemoottori.search.matcher import Match, MatchCorpus, MatchDoc, MatchParams

# Hand-made 4-dimensional "embeddings": one axis per field.
WATER, ENERGY, CARE, FOOD = np.eye(4, dtype=np.float32)


def unit(*parts):
    v = np.sum(parts, axis=0).astype(np.float32)
    return v / np.linalg.norm(v)


def corpus(docs=None, **params):
    docs = (
        docs
        if docs is not None
        else [
            MatchDoc(
                "storm",
                [("Stormwater retention with rain gardens and green roofs for new districts.", "en")],
                np.stack([unit(WATER)]),
            ),
            MatchDoc(
                "heat",
                [
                    ("Predictive heating control for school buildings saves district heating energy.", "en"),
                    ("Reference: heat pumps recover waste heat for district heating.", "en"),
                ],
                np.stack([unit(ENERGY), unit(ENERGY, 0.2 * WATER)]),
            ),
            MatchDoc(
                "care", [("Fall detection sensors for elderly people living at home.", "en")], np.stack([unit(CARE)])
            ),
            MatchDoc(
                "meal", [("Skolmat och matsvinn: vi väger tallrikssvinn i skolkök.", "sv")], np.stack([unit(FOOD)])
            ),
        ]
    )
    return MatchCorpus(docs, params=MatchParams(**params))


def keys(matches):
    return [m.key for m in matches]


def test_ranking_order_lexical_and_semantic():
    c = corpus()
    matches = c.rank("Heating energy of school buildings", "en", unit(ENERGY), k=4)
    assert isinstance(matches[0], Match)
    assert matches[0].key == "heat"
    assert matches[0].lexical_rank == 1 and matches[0].semantic_rank == 1
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    # by meaning alone, with no shared word: the vector decides
    assert keys(c.rank("Kouluruoan hävikki", "fi", unit(FOOD), k=1)) == ["meal"]
    # by words alone
    lexical = c.rank("rain gardens stormwater", "en", None, k=10)
    assert keys(lexical) == ["storm"]  # only documents with a matching word: no vector, no other evidence
    assert lexical[0].semantic_rank is None


def test_k_limits_and_scores_agree_with_rank():
    c = corpus()
    assert len(c.rank("heating", "en", unit(ENERGY), k=2)) == 2
    assert len(c.rank("heating", "en", unit(ENERGY), k=50)) == 4
    scores = c.scores("heating", "en", unit(ENERGY))
    assert keys(c.rank("heating", "en", unit(ENERGY), k=4)) == [c.keys[i] for i in np.argsort(-scores)]


def test_allowed_filter_excludes():
    c = corpus()
    matches = c.rank("heating energy", "en", unit(ENERGY), k=10, allowed={"storm", "care"})
    assert set(keys(matches)) <= {"storm", "care"} and "heat" not in keys(matches)
    assert c.rank("heating energy", "en", unit(ENERGY), allowed=set()) == []

    class OnlyCare:  # a bare Container: answers `in`, cannot be iterated
        def __contains__(self, key):
            return key == "care"

    assert keys(c.rank("heating energy", "en", unit(ENERGY), allowed=OnlyCare())) == ["care"]


def test_boosts_shift_order():
    c = corpus()
    plain = c.rank("heating energy", "en", unit(ENERGY), k=4)
    assert plain[0].key == "heat"
    boosted = c.rank("heating energy", "en", unit(ENERGY), k=4, boosts={"care": 100.0, "unknown": 5.0})
    assert boosted[0].key == "care"
    by_key = {m.key: m.score for m in plain}
    assert {m.key: m.score for m in boosted}["care"] == pytest.approx(by_key["care"] + 100.0)
    # a small boost only reorders near-ties: the clear match stays first
    assert c.rank("heating energy", "en", unit(ENERGY), k=1, boosts={"care": 0.1})[0].key == "heat"


def test_documents_without_vectors_still_rank_lexically():
    docs = [
        MatchDoc("no-vector", [("Acoustic leak detection in water distribution pipes.", "en")]),
        MatchDoc(
            "nan-rows",
            [("Leak alarms for apartments.", "en"), ("Smart water meters.", "en")],
            np.full((2, 4), np.nan, dtype=np.float32),
        ),
        MatchDoc("other", [("Street lighting controllers.", "en")], np.stack([unit(ENERGY)])),
        MatchDoc("water", [("Rain gardens.", "en")], np.stack([unit(WATER)])),
    ]
    c = corpus(docs)
    matches = c.rank("leak detection in water pipes", "en", unit(WATER), k=4)
    assert keys(matches)[0] == "no-vector"
    by_key = {m.key: m for m in matches}
    assert by_key["no-vector"].semantic_rank is None and by_key["no-vector"].lexical_rank == 1
    assert by_key["nan-rows"].semantic_rank is None and by_key["nan-rows"].lexical_rank is not None
    assert by_key["water"].semantic_rank == 1


def test_matched_words_are_query_surface_words():
    c = corpus()
    top = c.rank("Predictive HEATING for Schools, please", "en", None, k=1)[0]
    assert top.key == "heat"
    assert set(top.matched_words) == {"Predictive", "HEATING", "Schools"}  # as typed, not stems
    assert top.best_passage == 0
    ref = c.rank("waste heat recovery", "en", None, k=1)[0]
    assert ref.key == "heat" and ref.best_passage == 1 and "recovery" not in ref.matched_words


def test_empty_query_returns_nothing():
    c = corpus()
    assert c.rank("", "en", unit(ENERGY)) == []
    assert c.rank("   ", "en", None) == []
    assert c.rank("the and of", "en", None) == []  # stop words only, no vector
    assert MatchCorpus([]).rank("heating", "en", None) == []
    assert np.isneginf(c.scores("", "en", None)).all()


def test_word_forms_of_another_language_do_not_meet():
    """A Finnish lemma `use` (from *usein*) is not the English `use`; a bare word or acronym meets anywhere."""
    docs = [
        MatchDoc("uses", [("PlateSense uses cameras.", "en")]),
        MatchDoc("led", [("Networked LED street lighting.", "en")]),
    ]
    c = corpus(docs)
    assert c.rank("Jäte kerätään usein", "fi", None) == []
    assert keys(c.rank("LED-valaisimien ohjaus", "fi", None)) == ["led"]
    # Finnish passages meet an inflected Finnish query through stems and lemmas
    fi = corpus([MatchDoc("kaupunki", [("Kaupunki kerää hulevedet.", "fi")]), MatchDoc("x", [("Muuta.", "fi")])])
    assert keys(fi.rank("kaupunkien hulevesien", "fi", None)) == ["kaupunki"]
    # an unknown query language is read in every language of the corpus
    assert keys(c.rank("lighting", "", None)) == ["led"]


def test_int8_and_float32_storage_rank_alike_with_hashing_vectors():
    embedder = HashingEmbedder()
    texts = [
        "stormwater rain gardens",
        "heating control for schools",
        "fall detection for elderly people",
        "school meals food waste",
        "waste heat recovery heat pumps",
        "street lighting LED controllers",
    ]
    vectors = embedder.embed_passages(texts)
    docs = [MatchDoc(i, [(t, "en")], vectors[i : i + 1]) for i, t in enumerate(texts)]
    query = "heat pumps for waste heat"
    qv = embedder.embed_queries([query])[0]
    float32 = MatchCorpus(docs, params=MatchParams(vector_storage="float32"))
    int8 = MatchCorpus(docs, params=MatchParams(vector_storage="int8"))
    assert keys(float32.rank(query, "en", qv, k=6)) == keys(int8.rank(query, "en", qv, k=6))
    assert float32.rank(query, "en", qv, k=1)[0].key == 4
    float16 = MatchCorpus([MatchDoc(d.key, d.passages, d.vectors.astype(np.float16)) for d in docs])
    assert float16.rank(query, "en", qv, k=1)[0].key == 4


def test_vector_size_mismatch_is_an_error():
    with pytest.raises(ValueError):
        corpus().rank("heating", "en", np.ones(8, dtype=np.float32))
    with pytest.raises(ValueError):
        MatchCorpus([MatchDoc(1, [("a b", "en")], np.ones((1, 4))), MatchDoc(2, [("c d", "en")], np.ones((1, 8)))])


def test_large_corpus_ranks_the_same_with_the_vector_product_in_a_second_thread():
    rng = np.random.default_rng(0)
    words = ["sensor", "heat", "water", "school", "meal", "light", "waste", "care", "bus", "leak"]
    vectors = rng.standard_normal((20_000, 8)).astype(np.float32)
    docs = [
        MatchDoc(i, [(f"{words[i % 10]} {words[(i // 10) % 10]} item{i}", "en")], vectors[i : i + 1])
        for i in range(20_000)
    ]
    query, qv = "water leak sensor", vectors[1234] + 0.1
    c = MatchCorpus(docs, params=MatchParams(parallel=True))
    threaded = c.rank(query, "en", qv, k=20)
    c.params = dataclasses.replace(c.params, parallel=False)  # read at query time only
    serial = c.rank(query, "en", qv, k=20)
    assert keys(threaded) == keys(serial)
    assert [m.score for m in threaded] == [m.score for m in serial]
    assert threaded[0].lexical_rank == 1 and threaded[0].semantic_rank is not None


def test_a_centred_query_vector_scores_as_the_raw_one():
    c = corpus()
    raw = unit(ENERGY, 0.3 * WATER)
    expected = c.semantic.scores(raw)
    centred = c.semantic.centre(raw)
    assert np.isclose(np.linalg.norm(centred), 1.0)
    assert np.allclose(c.semantic.scores(centred, centred=True), expected)
    # an uncentred vector passed as centred scores differently: the flag is not ignored
    assert not np.allclose(c.semantic.scores(raw, centred=True), expected)
