"""The matcher's tuning knobs (``bench/match_eval.py`` chose them), shared by the matcher and its two indexes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MatchParams:
    k1: float = 1.2  # BM25 term-frequency saturation
    b: float = 0.75  # BM25 length normalisation
    max_query_terms: int = 40  # informative query words kept from a long query
    query_tf_k: float = 1.2  # saturation of a word's frequency in the query (BM25's k3)
    lexical_weight: float = 0.5  # share of BM25 in the fused score
    hubness_k: int = 10  # neighbours that measure a passage's crowdedness (CSLS); 0 turns it off
    hubness_sample: int = 4096  # passages the neighbours are looked for among
    parallel: bool = True  # on large corpora, the vector product runs in a second thread
    vector_storage: str = "int8"  # or "float32" (4× the memory, no better on the bench)
    # int8 values converted and multiplied at once: a block this small stays under OpenBLAS' threshold for
    # threading a matrix-vector product (threads are 30× slower, not faster, when the other core is busy)
    chunk_values: int = 262_144
