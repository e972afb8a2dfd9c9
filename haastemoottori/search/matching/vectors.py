"""The matcher's vector index: centred passage embeddings (int8 or float32), hubness, chunked product."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .params import MatchParams


class VectorIndex:
    """Passage vectors centred on the corpus mean and re-normalised, one row per passage (zeros and
    ``has_vector`` False for passages without one), with each row's ``hubness`` (CSLS)."""

    def __init__(self, blocks: list[tuple[int, np.ndarray]], n_passages: int, params: MatchParams) -> None:
        """``blocks``: (first passage row, (rows, dim) vectors) per document that has vectors."""
        self.params, self.n_passages = params, n_passages
        self._build(blocks, params)

    def _build(self, blocks: list[tuple[int, np.ndarray]], p: MatchParams) -> None:
        dims = {block.shape[1] for _, block in blocks}
        if len(dims) > 1:
            raise ValueError(f"passage vectors of different sizes: {sorted(dims)}")
        self.dim = dims.pop() if dims else 0
        total, count = np.zeros(self.dim, dtype=np.float64), 0
        checked = []
        for start, block in blocks:
            present = np.isfinite(block).all(axis=1)  # NaN rows: passages not embedded (lexical only)
            total += block[present].sum(axis=0, dtype=np.float64)
            count += int(present.sum())
            checked.append((start, block, present))
        self.mean_vector = (total / max(count, 1)).astype(np.float32)
        dtype = np.int8 if p.vector_storage == "int8" else np.float32
        self.vectors = np.zeros((self.n_passages if self.dim else 0, self.dim), dtype=dtype)
        self.vector_scale = np.ones(len(self.vectors), dtype=np.float32)
        self.has_vector = np.zeros(self.n_passages, dtype=bool)
        for start, block, present in checked:
            rows = _centred(np.where(present[:, None], block, 0).astype(np.float32), self.mean_vector)
            end = start + len(rows)
            if dtype is np.int8:
                scale = np.maximum(np.abs(rows).max(axis=1), 1e-12) / 127.0
                self.vectors[start:end] = np.rint(rows / scale[:, None])
                self.vector_scale[start:end] = scale
            else:
                self.vectors[start:end] = rows
            self.has_vector[start:end] = present
        self.hubness = self._hubness(p)

    def _hubness(self, p: MatchParams) -> np.ndarray:
        """Each passage's mean cosine to its ``hubness_k`` nearest passages in a fixed sample of the corpus.

        Subtracting half of it (CSLS) stops generic passages in crowded regions from topping every list."""
        have = np.flatnonzero(self.has_vector)
        out = np.zeros(self.n_passages, dtype=np.float32)
        if not p.hubness_k or len(have) <= p.hubness_k + 1:
            return out
        rng = np.random.default_rng(0)
        sample = np.sort(rng.choice(have, size=min(p.hubness_sample, len(have)), replace=False))
        reference = self._rows(sample)
        k = p.hubness_k
        for start in range(0, len(have), 2048):
            rows = have[start : start + 2048]
            sims = self._rows(rows) @ reference.T
            sims[rows[:, None] == sample[None, :]] = -np.inf  # not its own neighbour
            out[rows] = np.partition(sims, sims.shape[1] - k, axis=1)[:, -k:].mean(axis=1)
        return out

    def centre(self, vector: np.ndarray) -> np.ndarray:
        """A query vector as the rows are kept: centred on the corpus mean, unit length."""
        centred: np.ndarray = _centred(np.asarray(vector, dtype=np.float32).reshape(1, -1), self.mean_vector)[0]
        return centred

    def _rows(self, index: np.ndarray) -> np.ndarray:
        rows: np.ndarray = self.vectors[index].astype(np.float32)
        if self.vectors.dtype == np.int8:
            rows = rows * self.vector_scale[index, None]
        return rows

    def scores(self, query_vector: np.ndarray, *, centred: bool = False) -> np.ndarray:
        """Each passage's centred cosine to the query minus half its hubness; −inf without a vector.

        ``centred``: the query vector is already centred and unit length (as :meth:`centre` returns)."""
        q = np.asarray(query_vector, dtype=np.float32).reshape(-1)
        if q.shape[0] != self.dim:
            raise ValueError(f"query vector has {q.shape[0]} dimensions, the corpus {self.dim}")
        if not centred:
            q = self.centre(q)
        out = np.empty(self.n_passages, dtype=np.float32)
        if self.vectors.dtype == np.float32:
            np.einsum("ij,j->i", self.vectors, q, out=out)  # one thread: BLAS threads stall on a busy server
        else:  # int8: convert a cache-sized block at a time, then multiply it
            step = max(1, self.params.chunk_values // max(self.dim, 1))
            buffer = np.empty((min(step, self.n_passages), self.dim), dtype=np.float32)
            for start in range(0, self.n_passages, step):
                chunk = buffer[: min(step, self.n_passages - start)]
                chunk[...] = self.vectors[start : start + step]
                np.dot(chunk, q, out=out[start : start + len(chunk)])
            out *= self.vector_scale
        out -= 0.5 * self.hubness
        out[~self.has_vector] = -np.inf
        return out


def _centred(rows: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Subtract the corpus mean and scale each row back to unit length (zero rows stay zero)."""
    rows = rows - mean
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    centred: np.ndarray = np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 1e-6)
    return centred
