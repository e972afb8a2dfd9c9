"""Pairwise mode: Bradley–Terry strengths checked against hand-computed cases, the choice of the next pair, and
the page."""

import math
from collections import Counter

import pytest
from django.urls import reverse

from haastemoottori.backlog import services
from haastemoottori.backlog.models import PairwiseComparison
from haastemoottori.backlog.pairwise import bradley_terry, display_score, next_pair, pair_key
from haastemoottori.core.errors import ServicePermissionDenied, ServiceValidationError

from .conftest import single_candidate


def test_two_candidates_three_to_one():
    # A chosen 3 times, B once: the maximum-likelihood ratio is p_A / p_B = 3. Scaled to a geometric mean of 1:
    # p_A = sqrt(3) = 1.7321, p_B = 1/sqrt(3) = 0.5774; shown as 100 p/(p+1): 63.397 and 36.603.
    strengths = bradley_terry(["A", "B"], [("A", "B")] * 3 + [("B", "A")], prior=0)
    assert strengths["A"] == pytest.approx(math.sqrt(3)) and strengths["B"] == pytest.approx(1 / math.sqrt(3))
    assert display_score(strengths["A"]) == pytest.approx(63.397, abs=1e-3)
    assert display_score(strengths["B"]) == pytest.approx(36.603, abs=1e-3)


def test_three_candidates_hand_computed():
    # A–B 2:1, B–C 2:1, A–C 4:1. Strengths (4, 2, 1) satisfy every likelihood equation W_i = sum n_ij p_i/(p_i+p_j):
    #   A: 3*4/6 + 5*4/5 = 2 + 4 = 6 wins; B: 3*2/6 + 3*2/3 = 1 + 2 = 3 wins; C: 3*1/3 + 5*1/5 = 1 + 1 = 2 wins.
    # Geometric mean (4*2*1)^(1/3) = 2, so the scaled strengths are 2, 1, 0.5: shown as 66.67, 50 and 33.33.
    answers = [("A", "B")] * 2 + [("B", "A")] + [("B", "C")] * 2 + [("C", "B")] + [("A", "C")] * 4 + [("C", "A")]
    strengths = bradley_terry(["A", "B", "C"], answers, prior=0)
    assert [round(strengths[k], 6) for k in "ABC"] == [2.0, 1.0, 0.5]
    assert [round(display_score(strengths[k]), 2) for k in "ABC"] == [66.67, 50.0, 33.33]


def test_the_prior_keeps_an_undefeated_candidate_finite():
    strengths = bradley_terry(["A", "B", "C"], [("A", "B")], prior=0.5)
    a, b = strengths["A"], strengths["B"]
    assert a > 1 > b and strengths["C"] == pytest.approx(1.0)  # C was never compared: typical strength
    assert a * b == pytest.approx(1.0)  # symmetric: one win and one loss
    # The fixed point: p_i = (wins_i + prior) / (sum n_ij/(p_i+p_j) + 2 prior/(p_i+1)).
    assert a == pytest.approx((1 + 0.5) / (1 / (a + b) + 1 / (a + 1)))
    assert b == pytest.approx(0.5 / (1 / (a + b) + 1 / (b + 1)))
    assert display_score(1.0) == 50.0


def test_next_pair_prefers_the_least_compared_neighbours():
    order = [1, 2, 3, 4]
    counts = Counter({pair_key(1, 2): 3, pair_key(3, 4): 1})
    assert next_pair(order, counts=counts, own_counts=Counter()) == (2, 3)  # never compared, next to each other
    own = Counter({pair_key(2, 3): 1})  # this voter answered 2–3 already: the next-but-one pairs, never compared
    assert next_pair(order, counts=counts + own, own_counts=own) == (1, 3)
    assert next_pair(order, counts=counts + own, own_counts=own, skipped=[pair_key(1, 3)]) == (2, 4)
    every = [pair_key(a, b) for a in order for b in order if a < b]
    assert next_pair(order, counts=counts, own_counts=own, skipped=every) is None
    assert next_pair([1], counts=Counter(), own_counts=Counter()) is None


@pytest.mark.django_db
def test_comparison_service_rules(world):
    w = world
    x = single_candidate(w, "X")
    y = single_candidate(w, "Y", day=11)
    other = single_candidate(w, "Vantaan", actor="vantaa_owner", lead=w.vantaa, day=12)
    with pytest.raises(ServicePermissionDenied):
        services.comparison_record(actor=w.people["platform_admin"], city=w.espoo, winner=x, loser=y)
    with pytest.raises(ServicePermissionDenied):
        services.comparison_record(actor=w.people["vantaa_member"], city=w.espoo, winner=x, loser=y)
    with pytest.raises(ServiceValidationError):
        services.comparison_record(actor=w.people["espoo_member"], city=w.espoo, winner=x, loser=x)
    with pytest.raises(ServiceValidationError):
        services.comparison_record(actor=w.people["espoo_member"], city=w.espoo, winner=x, loser=other)
    assert PairwiseComparison.objects.count() == 0
    services.comparison_record(actor=w.people["espoo_member"], city=w.espoo, winner=x, loser=y)
    assert PairwiseComparison.objects.get().voter == w.people["espoo_member"]


@pytest.mark.django_db
def test_pairwise_page(client, world):
    w = world
    x = single_candidate(w, "Ensimmäinen", day=11)
    y = single_candidate(w, "Toinen", day=12)
    z = single_candidate(w, "Kolmas", day=13)
    client.force_login(w.people["espoo_member"])
    url = reverse("backlog:pairwise", args=["espoo"])
    page = client.get(url).content.decode()
    # No answers yet: every strength is 1, the promotion order holds, the first neighbours come first.
    assert "Ensimmäinen" in page and "Toinen" in page and "Kolmas" not in page
    response = client.post(url, {"first": x.pk, "second": y.pk, "choice": "second"})
    assert response.status_code == 302 and response["Location"] == url
    answer = PairwiseComparison.objects.get()
    assert (answer.winner, answer.loser, answer.organisation) == (y, x, w.espoo)
    page = client.get(url).content.decode()
    assert "Kolmas" in page  # a pair with Kolmas has not been compared yet
    client.post(url, {"first": x.pk, "second": z.pk, "choice": "skip"})
    client.post(url, {"first": y.pk, "second": z.pk, "choice": "skip"})
    client.post(url, {"first": x.pk, "second": y.pk, "choice": "skip"})
    assert PairwiseComparison.objects.count() == 1
    page = client.get(url).content.decode()
    assert "Ensimmäinen" not in page and "Kolmas" not in page  # everything skipped
    client.post(url, {"reset": "skipped"})
    assert "Kolmas" in client.get(url).content.decode()
    # Bad input: a message, nothing recorded, never a 500.
    for data in (
        {"first": x.pk, "second": y.pk, "choice": "both"},
        {"first": "abc", "second": y.pk},
        {"first": x.pk, "second": 999999, "choice": "first"},
        {"first": x.pk, "second": x.pk, "choice": "first"},
    ):
        assert client.post(url, data).status_code == 302
    assert PairwiseComparison.objects.count() == 1
    # The Bradley–Terry score next to the weighted ranking (the admin sees every row): Toinen won its only
    # comparison, so by symmetry its score and Ensimmäinen's add up to 100; Kolmas, never compared, has none.
    client.force_login(w.people["platform_admin"])
    rows = {r["candidate"]: r for r in client.get("/api/v1/backlog/espoo/ranking").json()}
    assert rows[y.pk]["pairwise_score"] > 50 > rows[x.pk]["pairwise_score"]
    assert rows[y.pk]["pairwise_score"] + rows[x.pk]["pairwise_score"] == pytest.approx(100, abs=0.02)
    assert rows[z.pk]["pairwise_score"] is None and rows[z.pk]["comparisons"] == 0 and rows[y.pk]["comparisons"] == 1
