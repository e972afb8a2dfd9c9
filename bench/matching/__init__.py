"""The SBIR matching bench (``bench/match_eval.py`` is its command): data and protocol, cached embeddings,
the methods compared, the tried ideas and the synthetic speed test."""
