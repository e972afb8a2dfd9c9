"""The numpy core of clustering (average linkage with a threshold) and the calibrated space, on vectors whose
similarities are worked out by hand."""

import numpy as np
import pytest

from haastemoottori.signals import grouping
from haastemoottori.signals.embedding import Space, text_hash


def unit(*values):
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def angle(degrees: float) -> np.ndarray:
    r = np.radians(degrees)
    return np.array([np.cos(r), np.sin(r), 0, 0], dtype=np.float32)


def test_three_needs_and_a_stray_signal():
    # Two tight pairs and a tight triple along different axes, one vector alone on its own axis.
    vectors = np.stack(
        [
            unit(1, 0.1, 0, 0),
            unit(1, -0.1, 0, 0),
            unit(0, 1, 0.1, 0),
            unit(0, 1, -0.1, 0),
            unit(0.05, 1, 0, 0),
            unit(0, 0, 1, 0.05),
            unit(0, 0, 1, -0.05),
            unit(0, 0, 0, 1),
        ]
    )
    labels = grouping.group(vectors, 0.9)
    # numbered largest first: the triple is 0, then the pairs in order of their first member
    assert labels.tolist() == [1, 1, 0, 0, 0, 2, 2, -1]


def test_average_linkage_does_not_chain():
    # Points 0°, 40°, 80°: neighbours have cosine 0.766, the ends 0.174. At threshold 0.7 single linkage
    # would join all three; average linkage joins one neighbour pair (0.766) and then the third point's
    # average similarity to that pair is (0.766 + 0.174) / 2 = 0.47 < 0.7, so it stays out.
    vectors = np.stack([angle(0), angle(40), angle(80)])
    labels = grouping.group(vectors, 0.7)
    assert sorted(labels.tolist()).count(-1) == 1
    assert len(set(labels.tolist()) - {-1}) == 1
    # with threshold 0.45 the average 0.47 is enough: one cluster
    assert set(grouping.group(vectors, 0.45).tolist()) == {0}


def test_a_fixed_cluster_absorbs_points_whose_average_similarity_reaches_the_threshold():
    members = np.stack([angle(0), angle(20)])
    fixed = [(members.sum(axis=0), 2)]
    # angle(10): average cosine to the members = cos(10°) = 0.985; angle(70): (cos 70 + cos 50)/2 = 0.50
    labels = grouping.group(np.stack([angle(10), angle(70)]), 0.9, fixed=fixed)
    assert labels.tolist() == [0, -1]


def test_two_fixed_clusters_never_merge_with_each_other():
    fixed = [(angle(0), 1), (angle(5), 1)]
    labels = grouping.group(np.stack([angle(2), angle(3)]), 0.99, fixed=fixed)
    assert set(labels.tolist()) <= {0, 1}


def test_links_are_every_pair_above_the_threshold():
    rng = np.random.default_rng(3)
    vectors = grouping.normalise(rng.normal(size=(60, 8)))
    i, j = grouping.links(vectors, 0.5, k=60, block=7)
    sims = vectors @ vectors.T
    expected = {(a, b) for a in range(60) for b in range(a + 1, 60) if sims[a, b] >= 0.5}
    assert set(zip(i.tolist(), j.tolist(), strict=True)) == expected


def test_grouping_matches_a_plain_average_linkage_on_random_data():
    rng = np.random.default_rng(5)
    centres = grouping.normalise(rng.normal(size=(5, 16)))
    vectors = grouping.normalise(np.repeat(centres, 6, axis=0) + rng.normal(scale=0.25, size=(30, 16)))
    got = grouping.group(vectors, 0.6)

    # the textbook algorithm on the full matrix
    clusters = [[i] for i in range(30)]
    sims = vectors @ vectors.T
    while True:
        best, pair = -1.0, None
        for a in range(len(clusters)):
            for b in range(a + 1, len(clusters)):
                avg = sims[np.ix_(clusters[a], clusters[b])].mean()
                if avg > best:
                    best, pair = avg, (a, b)
        if pair is None or best < 0.6:
            break
        a, b = pair
        clusters[a] += clusters.pop(b)
    expected = {frozenset(c) for c in clusters if len(c) > 1}
    found = {frozenset(np.flatnonzero(got == label).tolist()) for label in set(got.tolist()) - {-1}}
    assert found == expected


def test_best_match_uses_the_mean_not_the_normalised_centroid():
    means = np.stack([angle(0) * 0.5, angle(30)])
    j, sim = grouping.best_match(angle(10), means)
    assert j == 1
    assert sim == pytest.approx(np.cos(np.radians(20)), abs=1e-6)
    assert grouping.best_match(angle(0), np.zeros((0, 4), np.float32)) == (-1, float("-inf"))


def test_the_space_subtracts_the_language_mean_and_normalises():
    space = Space(
        model="m",
        threshold=0.2,
        means={"fi": np.array([0.5, 0, 0], np.float32), "": np.array([0, 0.5, 0], np.float32)},
        version="v1",
    )
    out = space.transform(np.array([[1, 1, 0], [1, 1, 0]], np.float32), ["fi", "de"])
    assert out[0] == pytest.approx(unit(0.5, 1, 0))
    assert out[1] == pytest.approx(unit(1, 0.5, 0))
    assert space.name == "m/v1"


def test_the_hash_changes_with_language_title_or_text():
    base = text_hash("fi", "Otsikko", "Teksti")
    assert base != text_hash("sv", "Otsikko", "Teksti")
    assert base != text_hash("fi", "Otsikko!", "Teksti")
    assert base != text_hash("fi", "Otsikko", "Teksti.")
    assert base == text_hash("fi", "Otsikko", "Teksti")
