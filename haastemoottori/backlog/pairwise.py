"""Pairwise mode for large backlogs: "which of these two matters more for the city?".

Scores come from a Bradley–Terry model: each candidate *i* has a strength *p_i* and chooses over *j* with
probability ``p_i / (p_i + p_j)``. The strengths are the maximum-likelihood estimate from all the city's
answers, found with Hunter's MM iteration (2004). So that a candidate that has only won (or only lost) keeps a
finite strength, every candidate also gets ``PRIOR`` virtual wins and ``PRIOR`` virtual losses against a
virtual candidate of strength 1; a candidate nobody has compared stays at 1. With ``prior=0`` (used in the tests'
hand-computed cases) the strengths are scaled to a geometric mean of 1 instead.

The shown score is ``100 * p / (p + 1)``: the chance, in per cent, that the candidate is chosen over a typical
one (strength 1). Unlike Elo, the result does not depend on the order of the answers.

The next pair is chosen to be informative: among neighbours in the current pairwise order (next and next but
one), the pair this voter has not answered yet, then the one compared least often overall, then the closest.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

PRIOR = 0.5
MAX_ITERATIONS = 2000
TOLERANCE = 1e-10

H = TypeVar("H", bound=Hashable)  # an item compared (a candidate id)


def bradley_terry(items: Iterable[H], comparisons: Iterable[tuple[H, H]], *, prior: float = PRIOR) -> dict[H, float]:
    """Strengths from ``(winner, loser)`` pairs. Comparisons with an unknown item are ignored."""
    items = list(dict.fromkeys(items))
    known = set(items)
    wins: Counter = Counter()
    games: Counter = Counter()  # frozenset({i, j}) -> number of comparisons
    for winner, loser in comparisons:
        if winner in known and loser in known and winner != loser:
            wins[winner] += 1
            games[frozenset((winner, loser))] += 1
    opponents: dict[H, list[tuple[H, int]]] = {i: [] for i in items}
    for pair, n in games.items():
        a, b = tuple(pair)
        opponents[a].append((b, n))
        opponents[b].append((a, n))
    strength = {i: 1.0 for i in items}
    for _ in range(MAX_ITERATIONS):
        new = {}
        for i in items:
            denominator: float = sum(n / (strength[i] + strength[j]) for j, n in opponents[i])
            numerator: float = wins[i]
            if prior > 0:
                numerator += prior
                denominator += 2 * prior / (strength[i] + 1)
            new[i] = numerator / denominator if denominator > 0 else strength[i]
        if prior <= 0:
            positive = [v for v in new.values() if v > 0]
            if positive:
                scale = math.exp(sum(math.log(v) for v in positive) / len(positive))
                new = {i: v / scale for i, v in new.items()}
        change = max((abs(new[i] - strength[i]) / max(strength[i], 1e-12) for i in items), default=0.0)
        strength = new
        if change < TOLERANCE:
            break
    return strength


def display_score(strength: float) -> float:
    """The chance in per cent (0..100) of being chosen over a typical candidate of strength 1."""
    return 100 * strength / (strength + 1)


def pair_key(a: Hashable, b: Hashable) -> frozenset:
    return frozenset((a, b))


def next_pair(
    order: Sequence[Hashable],
    *,
    counts: Counter,
    own_counts: Counter,
    strengths: dict | None = None,
    skipped: Iterable[frozenset] = (),
) -> tuple[Hashable, Hashable] | None:
    """The most informative pair to ask next, or None when fewer than two candidates are left to pair.

    ``order``: the candidates in the current pairwise order (strongest first); ``counts``/``own_counts``: how
    often each pair (``pair_key``) has been compared by anyone / by this voter; ``skipped``: pairs to leave out.
    """
    skipped = set(skipped)
    strengths = strengths or {}

    def best(pairs):
        options = [
            (
                own_counts[pair_key(a, b)] > 0,
                counts[pair_key(a, b)],
                abs(strengths.get(a, 1.0) - strengths.get(b, 1.0)),
                i,
                (a, b),
            )
            for i, (a, b) in enumerate(pairs)
            if pair_key(a, b) not in skipped
        ]
        return min(options)[-1] if options else None

    neighbours = [(order[i], order[i + step]) for step in (1, 2) for i in range(len(order) - step)]
    found = best(neighbours)
    if found is None:
        everything = [(order[i], order[j]) for i in range(len(order)) for j in range(i + 1, len(order))]
        found = best(everything)
    return found


def city_pairwise(city, candidate_ids: list[int]) -> tuple[dict[int, float], Counter]:
    """Bradley–Terry strengths of the city's candidates and how often each pair was compared (one query)."""
    from .models import PairwiseComparison

    answers = list(
        PairwiseComparison.objects.filter(
            organisation=city, winner__in=candidate_ids, loser__in=candidate_ids
        ).values_list("winner_id", "loser_id")
    )
    counts = Counter(pair_key(w, lo) for w, lo in answers)
    return bradley_terry(candidate_ids, answers), counts


def comparisons_per_candidate(counts: Counter) -> Counter:
    per: Counter = Counter()
    for pair, n in counts.items():
        for item in pair:
            per[item] += n
    return per
