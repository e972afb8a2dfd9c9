"""Grouping unit vectors by average linkage with a similarity threshold: the numpy core of signal clustering.

Two groups merge while the *average* similarity between their members reaches the threshold; a new signal
joins a cluster under the same rule. With unit vectors that average needs no pairwise matrix:
avg(A, B) = (ΣA · ΣB) / (|A| |B|), so a group is just its sum and size, and a cluster's stored centroid is
the mean of its members (not normalised): a vector x belongs when x · mean ≥ threshold.

Which pairs can ever merge: if avg(A, B) ≥ t then some member pair reaches t (a maximum is never below an
average), so the pairs of single points at or above t, found blockwise, are the only candidate links; a
merged group inherits its members' links. Keeping at most ``k`` links a point bounds memory at O(n k)
(scipy's ``linkage`` needs the n²/2 distance matrix: 1.6 GB of float64 for 20,000 signals); it is exact
while no point has more than ``k`` neighbours above the threshold, and otherwise only drops links inside
dense groups that their other members still connect.

Merging runs in rounds over all links at once (numpy, no Python loop per link): every group finds its
most similar linked group, and every pair that chose each other (reciprocal nearest neighbours) and
reaches the threshold merges. Average linkage is *reducible*, so merging reciprocal nearest neighbours
gives the same groups as merging the single most similar pair at a time (the nearest-neighbour-chain
argument; Sumengen et al. 2021 use it to run average linkage on billions of points).

Existing clusters (``fixed``) take part with their sums and sizes: they absorb points and groups, never
each other, and their own members are not moved.
"""

from __future__ import annotations

import numpy as np

BLOCK = 512
NEIGHBOURS = 32
CHUNK = 16_384  # links scored at a time (bounds the memory of the merge rounds)


def normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def links(
    vectors: np.ndarray, threshold: float, *, k: int = NEIGHBOURS, block: int = BLOCK
) -> tuple[np.ndarray, np.ndarray]:
    """Each point's (at most ``k``) nearest other points at or above ``threshold``, as index pairs i < j."""
    n = len(vectors)
    left, right = [], []
    for start in range(0, n, block):
        sims = vectors[start : start + block] @ vectors.T
        rows = np.arange(len(sims))
        sims[rows, start + rows] = -np.inf  # not itself
        hits = sims >= threshold
        crowded = np.flatnonzero(hits.sum(axis=1) > k)
        if len(crowded):  # keep only the k nearest of a point with more neighbours than that
            cols = np.flatnonzero(hits[crowded].any(axis=0))  # its neighbours are among these columns
            top = np.argpartition(-sims[np.ix_(crowded, cols)], k - 1, axis=1)[:, :k]
            hits[crowded] = False
            hits[crowded[:, None], cols[top]] = True
        r, c = np.nonzero(hits)
        left.append(start + r)
        right.append(c)
    if not left:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    i, j = np.concatenate(left), np.concatenate(right)
    return _unique_pairs(np.minimum(i, j), np.maximum(i, j), n)


def _unique_pairs(a: np.ndarray, b: np.ndarray, n: int, *, index: bool = False):
    keys, first = np.unique(a.astype(np.int64) * n + b, return_index=True)
    return (keys // n, keys % n, first) if index else (keys // n, keys % n)


def _scores(sums: np.ndarray, sizes: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out = np.empty(len(a))
    for s in range(0, len(a), CHUNK):
        out[s : s + CHUNK] = np.einsum("ij,ij->i", sums[a[s : s + CHUNK]], sums[b[s : s + CHUNK]])
    return out / (sizes[a] * sizes[b])


def _merge_rounds(
    sums: np.ndarray, sizes: np.ndarray, is_fixed: np.ndarray, a: np.ndarray, b: np.ndarray, threshold: float
) -> np.ndarray:
    """Merge linked groups by average linkage until no linked pair reaches ``threshold``. Works in place on
    ``sums`` and ``sizes``; returns ``owner``: the group each node ended in (a node index).

    A link below the threshold is dropped for good: the average similarity of a merged group to another is
    the size-weighted mean of its parts' averages, so it can only reach the threshold through another link
    that already does. Only the links of groups that merged are scored again in the next round."""
    n = len(sizes)
    owner = np.arange(n)
    scores = _scores(sums, sizes, a, b)
    while len(a):
        allowed = ~(is_fixed[a] & is_fixed[b]) & (scores >= threshold)
        a, b, scores = a[allowed], b[allowed], scores[allowed]
        if not len(a):
            break
        # each node's best link (ties: the lower node number), then the pairs that chose each other
        nodes, others, both = np.concatenate([a, b]), np.concatenate([b, a]), np.concatenate([scores, scores])
        best_score = np.full(n, -np.inf)
        np.maximum.at(best_score, nodes, both)
        at_best = both == best_score[nodes]
        best = np.full(n, n)
        np.minimum.at(best, nodes[at_best], others[at_best])
        u = np.flatnonzero(best < n)
        v = best[u]
        mutual = (best[v] == u) & (u < v)
        u, v = u[mutual], v[mutual]
        # the fixed cluster, else the larger group (else the lower number) keeps its number
        keep_u = is_fixed[u] | (~is_fixed[v] & ((sizes[u] > sizes[v]) | ((sizes[u] == sizes[v]) & (u < v))))
        keep, gone = np.where(keep_u, u, v), np.where(keep_u, v, u)
        sums[keep] += sums[gone]
        sizes[keep] += sizes[gone]
        owner[gone] = keep
        changed = np.zeros(n, bool)
        changed[keep] = True
        # links now join the surviving groups; a link inside a group disappears; merged groups are rescored
        a, b = owner[a], owner[b]
        outside = a != b
        a, b, first = _unique_pairs(np.minimum(a, b)[outside], np.maximum(a, b)[outside], n, index=True)
        scores = scores[outside][first]
        stale = changed[a] | changed[b]
        scores[stale] = _scores(sums, sizes, a[stale], b[stale])
        owner = owner[owner]  # one level is enough: groups that merged this round were roots
    while True:
        parent = owner[owner]
        if np.array_equal(parent, owner):
            return owner
        owner = parent


def group(
    vectors: np.ndarray,
    threshold: float,
    *,
    fixed: list[tuple[np.ndarray, int]] | None = None,
    min_size: int = 2,
    k: int = NEIGHBOURS,
) -> np.ndarray:
    """Group the unit rows of ``vectors``. Returns one label a row: ``-1`` ungrouped, ``0 … len(fixed)-1``
    joined that fixed cluster (given as (sum of member vectors, member count)), ``len(fixed)`` and up a
    new group, numbered largest first."""
    vectors = np.asarray(vectors, dtype=np.float32)
    n = len(vectors)
    fixed = fixed or []
    f = len(fixed)
    if not n:
        return np.zeros(0, dtype=np.int64)
    dim = vectors.shape[1]
    # nodes 0..n-1 are the points, n..n+f-1 the fixed clusters
    sums = np.concatenate([vectors, np.array([s for s, _c in fixed], np.float32).reshape(f, dim)]).astype(np.float64)
    sizes = np.concatenate([np.ones(n), np.array([c for _s, c in fixed], np.float64)])
    is_fixed = np.zeros(n + f, bool)
    is_fixed[n:] = True
    a, b = links(vectors, threshold, k=k)
    if f:  # a point may join a fixed cluster when its average similarity to the members reaches the threshold
        means = (sums[n:] / np.maximum(sizes[n:], 1)[:, None]).astype(np.float32)
        extra_a, extra_b = [a], [b]
        for start in range(0, n, BLOCK):
            r, c = np.nonzero(vectors[start : start + BLOCK] @ means.T >= threshold)
            extra_a.append(start + r)
            extra_b.append(n + c)
        a, b = np.concatenate(extra_a), np.concatenate(extra_b)
    owner = _merge_rounds(sums, sizes, is_fixed, a, b, threshold)
    roots = owner[:n]
    out = np.full(n, -1, dtype=np.int64)
    to_fixed = roots >= n
    out[to_fixed] = roots[to_fixed] - n
    ids, counts = np.unique(roots[~to_fixed], return_counts=True)
    keep_ids = sorted((-int(c), int(r)) for r, c in zip(ids, counts, strict=True) if c >= min_size)
    for rank, (_size, root) in enumerate(keep_ids):
        out[roots == root] = f + rank
    return out


def best_match(vector: np.ndarray, means: np.ndarray) -> tuple[int, float]:
    """The cluster (row of ``means``, the mean member vectors) with the highest average similarity to
    ``vector``, and that similarity; (-1, -inf) when there are none."""
    if not len(means):
        return -1, float("-inf")
    sims = means @ vector
    j = int(sims.argmax())
    return j, float(sims[j])
