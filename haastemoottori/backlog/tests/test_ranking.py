"""The ranking equals a weighted result computed by hand (the numbers are written out below)."""

import pytest

from haastemoottori.backlog import services
from haastemoottori.backlog.ranking import SPREAD_FLAG, CriterionWeight, rank_rows
from haastemoottori.backlog.selectors import city_ranking, published_candidates

from .conftest import criteria, sheet, single_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(world):
    """Espoo's criteria A (weight 3, 1–5), B (weight 1, 1–5), C (weight 2, 1–3); candidates X, Y, Z scored, W not."""
    w = world
    a, b, c = criteria(w, specs=((3, 5), (1, 5), (2, 3)))
    x = single_candidate(w, "X", day=11)
    y = single_candidate(w, "Y", day=12)
    z = single_candidate(w, "Z", day=13)
    unscored = single_candidate(w, "W", day=14)
    single_candidate(w, "Vantaan oma", actor="vantaa_owner", lead=w.vantaa, day=15)  # not in Espoo's backlog
    sheet(w, "espoo_owner", x, {a: 5, b: 1, c: 3})
    sheet(w, "espoo_member", x, {a: 3, b: 5, c: 2})
    sheet(w, "espoo_owner", y, {a: 5, b: 5, c: 3})
    sheet(w, "espoo_member", y, {a: 1, b: 1, c: 1})
    sheet(w, "espoo_evaluator", y, {a: 5, b: 5, c: 3}, submit=False)  # a draft never counts
    sheet(w, "espoo_evaluator", z, {a: 4, b: 2, c: 2})
    w.crit, w.x, w.y, w.z, w.unscored = (a, b, c), x, y, z, unscored
    return w


def test_ranking_equals_the_hand_computed_weighted_result(scored):
    w = scored
    rows = city_ranking(w.espoo)
    # X: means A 4 -> (4-1)/(5-1) = 0.75, B 3 -> 0.5, C 2.5 -> (2.5-1)/(3-1) = 0.75
    #    (3*0.75 + 1*0.5 + 2*0.75) / (3+1+2) = 4.25/6 = 0.708333… -> 70.8333
    #    the scorers' totals: (3*1 + 1*0 + 2*1)/6 = 83.3333 and (3*0.5 + 1*1 + 2*0.5)/6 = 58.3333
    #    spread = population standard deviation = |83.3333 - 58.3333| / 2 = 12.5 (below the flag, 15)
    # Y: totals 100 (all highest) and 0 (all lowest) -> 50, spread 50 (flagged); the evaluator's draft is ignored
    # Z: one scorer, A 4 -> 0.75, B 2 -> 0.25, C 2 -> 0.5: (2.25 + 0.25 + 1.0)/6 = 58.3333, no spread
    # W: no submitted sheet: after the ranked ones
    assert [r.candidate_id for r in rows] == [w.x.pk, w.z.pk, w.y.pk, w.unscored.pk]
    x, z, y, unscored = rows
    assert x.score == pytest.approx(70.833333, abs=1e-4) and x.spread == pytest.approx(12.5)
    assert not x.spread_flagged and x.scorers == 2 and x.rank == 1
    assert x.criteria == {w.crit[0].pk: 4.0, w.crit[1].pk: 3.0, w.crit[2].pk: 2.5}
    assert z.score == pytest.approx(58.333333, abs=1e-4) and z.spread is None and z.rank == 2
    assert y.score == pytest.approx(50.0) and y.spread == pytest.approx(50.0) and y.spread_flagged
    assert y.scorers == 2 and y.rank == 3
    assert unscored.score is None and unscored.rank is None and unscored.scorers == 0
    assert SPREAD_FLAG == 15.0


def test_a_criterion_taken_out_of_use_no_longer_counts(scored):
    w = scored
    outcome = services.criterion_remove(actor=w.people["espoo_owner"], criterion=w.crit[2])
    assert outcome == "deactivated"  # it has scores
    x = next(r for r in city_ranking(w.espoo) if r.candidate_id == w.x.pk)
    # X without C: (3*0.75 + 1*0.5) / (3+1) = 2.75/4 = 68.75
    assert x.score == pytest.approx(68.75)


def test_weights_change_the_order(scored):
    w = scored
    services.criterion_update(actor=w.people["espoo_owner"], criterion=w.crit[1], weight=100)
    rows = city_ranking(w.espoo)
    # B dominates: X has B mean 3 -> 0.5, Y 3 -> 0.5, Z 2 -> 0.25.
    # X: (3*0.75 + 100*0.5 + 2*0.75)/105 = 53.75/105 = 51.1905; Y: 52.5/105 = 50; Z: (2.25+25+1)/105 = 26.9048
    assert [r.candidate_id for r in rows][:3] == [w.x.pk, w.y.pk, w.z.pk]
    assert rows[0].score == pytest.approx(51.190476, abs=1e-4)
    assert rows[2].score == pytest.approx(26.904762, abs=1e-4)


def test_rank_rows_shares_ranks_on_equal_results():
    criteria = [CriterionWeight(1, 1, 5)]
    rows = rank_rows([10, 11, 12, 13], criteria, {10: [{1: 3}], 11: [{1: 5}], 12: [{1: 3}], 13: [{2: 4}]})
    # 11: 100; 10 and 12: 50 each (equal: both rank 2); 13 scored only an unknown criterion: unranked
    assert [(r.candidate_id, r.rank) for r in rows] == [(11, 1), (10, 2), (12, 2), (13, None)]


def test_published_candidates_carry_rank_and_score_but_never_sheets(scored):
    w = scored
    assert published_candidates() == []
    services.candidate_publish(
        actor=w.people["espoo_owner"], candidate=w.z, public_reason={"fi": "Tärkeä kaikille."}, language="fi"
    )
    items = published_candidates()
    assert len(items) == 1
    item = items[0]
    assert (item.candidate, item.challenge, item.cities, item.rank) == (w.z, w.z.challenge, [w.espoo], 2)
    assert item.score == pytest.approx(58.333333, abs=1e-4) and str(item.public_reason) == "Tärkeä kaikille."
    assert item.published_at is not None
    assert published_candidates(city=w.vantaa) == [] and len(published_candidates(city=w.espoo)) == 1
    assert not any(hasattr(item, name) for name in ("sheets", "scores", "comment", "signals"))
