"""The ranking of a city's backlog by the weighted result of its staff's submitted score sheets.

For each candidate and each criterion in use, the mean of the submitted scores is normalised to 0..1 as
``(mean - 1) / (scale_max - 1)``; the candidate's result is the weighted mean of those over the criteria that
have scores, times 100 (0..100). The spread is the population standard deviation of the scorers' own weighted
totals (each computed the same way from one sheet), on the same 0..100 scale; it is flagged when it reaches
``SPREAD_FLAG`` points, i.e. when the scorers disagree enough that the candidate deserves a discussion. With one
scorer there is no spread. Candidates without submitted sheets come after the ranked ones, newest first.

Draft sheets never count, and scores on criteria taken out of use are ignored.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

SPREAD_FLAG = 15  # points on the 0..100 scale


@dataclass(frozen=True)
class CriterionWeight:
    pk: int
    weight: int
    scale_max: int


@dataclass
class RankedRow:
    candidate_id: int
    score: float | None  # 0..100, None without submitted sheets
    spread: float | None  # standard deviation of the scorers' totals, None with fewer than two scorers
    scorers: int
    rank: int | None = None  # 1 = first; equal results share a rank (1, 2, 2, 4)
    criteria: dict[int, float] = field(default_factory=dict)  # criterion pk -> mean score (on its own scale)

    @property
    def spread_flagged(self) -> bool:
        return self.spread is not None and self.spread >= SPREAD_FLAG


def normalised(value: float, scale_max: int) -> float:
    return (value - 1) / (scale_max - 1)


def weighted_result(means: Mapping[int, float], criteria: Iterable[CriterionWeight]) -> float | None:
    """0..100 from per-criterion values (a mean or one scorer's score); None when no criterion has a value."""
    total = weights = 0.0
    for c in criteria:
        if c.pk in means:
            total += c.weight * normalised(means[c.pk], c.scale_max)
            weights += c.weight
    return 100 * total / weights if weights else None


def rank_rows(
    candidate_ids: Iterable[int], criteria: list[CriterionWeight], sheets: dict[int, list[dict[int, int]]]
) -> list[RankedRow]:
    """Rank candidates from their submitted sheets: ``sheets[candidate id]`` is a list of ``{criterion: value}``.

    ``candidate_ids`` come in the order unranked candidates should keep (e.g. newest first).
    """
    active = {c.pk for c in criteria}
    rows = []
    for cid in candidate_ids:
        own = [{k: v for k, v in sheet.items() if k in active} for sheet in sheets.get(cid, [])]
        own = [s for s in own if s]
        values: dict[int, list[int]] = defaultdict(list)
        for sheet in own:
            for k, v in sheet.items():
                values[k].append(v)
        means = {k: sum(v) / len(v) for k, v in values.items()}
        totals = [t for t in (weighted_result(s, criteria) for s in own) if t is not None]
        spread = None
        if len(totals) > 1:
            mu = sum(totals) / len(totals)
            spread = math.sqrt(sum((t - mu) ** 2 for t in totals) / len(totals))
        rows.append(
            RankedRow(
                candidate_id=cid,
                score=weighted_result(means, criteria),
                spread=spread,
                scorers=len(own),
                criteria=means,
            )
        )
    ranked = sorted((r for r in rows if r.score is not None), key=lambda r: (-(r.score or 0.0), -r.scorers))
    previous = None
    for position, row in enumerate(ranked, start=1):
        if previous is not None and math.isclose(row.score or 0.0, previous.score or 0.0, abs_tol=1e-9):
            row.rank = previous.rank
        else:
            row.rank = position
        previous = row
    return ranked + [r for r in rows if r.score is None]
