"""The SBIR protocol (../shared/data/README.md, "How the SBIR file serves matching evaluation"), the split
into a tuning and a held-out part by topic group, and the measures."""

from __future__ import annotations

import collections
import dataclasses
import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .cache import ROOT

DEV_FILE = ROOT.parent / "shared" / "data" / "sbir-dev" / "awards_2017_dev.jsonl"
PLACEHOLDER_CODES = {"N/A", "N", "R", "I"}
TUNE, HELD_OUT = "tune", "held-out"


@dataclasses.dataclass
class Award:
    ident: str
    company: str
    group: tuple[str, str]
    text: str

    @property
    def title(self) -> str:
        return self.text.split("\n", 1)[0]


def company_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", (name or "").casefold())


def load(path: Path) -> list[Award]:
    awards = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            text = f"{r.get('title') or ''}\n{r.get('abstract') or ''}".strip()
            ident = (
                r.get("url")
                or r.get("contract_num")
                or hashlib.sha256(f"{r.get('comp_name')}\0{text}".encode()).hexdigest()
            )
            awards.append(Award(ident, company_key(r["comp_name"]), (r["agency"], r["solicit_topic_code"]), text))
    return awards


@dataclasses.dataclass
class Query:
    award: Award
    companies: list[str]  # the corpus for this query, in a fixed order
    profiles: dict[str, list[Award]]
    relevant: set[str]

    @property
    def part(self) -> str:
        return part_of(self.award.group)


def build_queries(corpus_awards: list[Award], query_awards: list[Award]) -> tuple[list[Query], int]:
    union = {a.ident: a for a in corpus_awards}
    for a in query_awards:
        union.setdefault(a.ident, a)
    winners: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    for a in union.values():
        winners[a.group].add(a.company)
    labelled = {g for g, m in winners.items() if 2 <= len(m) <= 8 and g[1] not in PLACEHOLDER_CODES}
    profiles: dict[str, list[Award]] = collections.defaultdict(list)
    for a in corpus_awards:
        profiles[a.company].append(a)
    companies = sorted(profiles)
    queries, skipped = [], 0
    for a in query_awards:
        if a.group not in labelled:
            continue
        own = [x for x in profiles[a.company] if x.ident != a.ident] if a.company in profiles else []
        these = {c: profiles[c] for c in companies if c != a.company}
        if own:
            these[a.company] = own
        relevant = {c for c in winners[a.group] if c != a.company and c in these}
        if not relevant:
            skipped += 1
            continue
        queries.append(Query(a, [c for c in companies if c in these], these, relevant))
    return queries, skipped


def part_of(group: tuple[str, str]) -> str:
    """Tuning or held-out, by a hash of (agency, code): fixed before any method was compared on it (it is the
    half A / half B split of the earlier robustness check; A tunes, B is held out)."""
    return TUNE if hashlib.sha256(f"{group[0]}|{group[1]}".encode()).digest()[0] % 2 == 0 else HELD_OUT


def sample(queries: list[Query], n_groups: int | None) -> list[Query]:
    """The queries of ``n_groups`` topic groups per part (chosen by hash, so the same every run)."""
    if not n_groups:
        return queries
    keep = set()
    for part in (TUNE, HELD_OUT):
        groups = sorted(
            {q.award.group for q in queries if q.part == part},
            key=lambda g: hashlib.sha256(f"sample|{g[0]}|{g[1]}".encode()).hexdigest(),
        )
        keep.update(groups[:n_groups])
    return [q for q in queries if q.award.group in keep]


def reciprocal_rank_and_recall(scores: np.ndarray, companies: list[str], relevant: set[str]) -> tuple[float, float]:
    is_relevant = np.array([c in relevant for c in companies])
    # ties are broken against the method: a relevant company ranks after the others with the same score
    order = np.lexsort((is_relevant, -np.asarray(scores, dtype=np.float64)))
    ranked = [companies[i] for i in order]
    first = next(r for r, c in enumerate(ranked, 1) if c in relevant)
    return 1.0 / first, len(relevant & set(ranked[:10])) / len(relevant)


def summary(results: Sequence[tuple[float, float]]) -> tuple[float, float]:
    if not results:
        return float("nan"), float("nan")
    return float(np.mean([r for r, _ in results])), float(np.mean([c for _, c in results]))


def by_part(results: Sequence[tuple[float, float]], parts: Sequence[str], part: str) -> tuple[float, float]:
    return summary([r for r, p in zip(results, parts, strict=True) if p == part])


def bootstrap(queries: list[Query], a: Sequence[float], b: Sequence[float], n: int = 2000) -> tuple[float, ...]:
    """95 % intervals of mean(a) and mean(a) − mean(b), resampling whole topic groups (their queries are not
    independent)."""
    rng = np.random.default_rng(0)
    groups: dict[tuple[str, str], list[int]] = collections.defaultdict(list)
    for i, q in enumerate(queries):
        groups[q.award.group].append(i)
    members = list(groups.values())
    xa, xb = np.asarray(a), np.asarray(b)
    means, diffs = [], []
    for _ in range(n):
        pick = np.concatenate([members[i] for i in rng.integers(0, len(members), len(members))])
        means.append(xa[pick].mean())
        diffs.append(xa[pick].mean() - xb[pick].mean())
    return (*np.percentile(means, [2.5, 97.5]), *np.percentile(diffs, [2.5, 97.5]))
