"""Cross-lingual matching: Finnish city needs against English and Swedish company profiles.

    .venv/bin/python bench/crosslingual/run.py

needs.json: 15 needs of Espoo, Vantaa and Helsinki written in Finnish, each with the ids of the companies
that could answer it. companies.json: 30 company profiles (1–2 passages: capability, a reference) in
English or Swedish, 24 of them relevant to some need and 6 distractors from neighbouring fields. All texts
were written for this project (fictional companies). Prints MRR and recall@10 for plain BM25 (bm25s, as in
bench/match_eval.py), embeddings alone (best passage) and the project's matcher; those three lines last.
BM25 is expected to fail: the needs share almost no words with the profiles.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent))

from matching.cache import embed
from matching.data import reciprocal_rank_and_recall, summary

from haastemoottori.search import matcher


def main() -> None:
    needs = json.loads((HERE / "needs.json").read_text(encoding="utf-8"))
    companies = json.loads((HERE / "companies.json").read_text(encoding="utf-8"))
    ids = [c["id"] for c in companies]
    known = set(ids)
    assert all(set(n["relevant"]) <= known for n in needs), "a need names an unknown company"
    passages = [(c["id"], text, lang) for c in companies for text, lang in c["passages"]]
    pvec = embed([text for _, text, _ in passages], "passage")
    need_texts = [f"{n['title']}\n{n['text']}" for n in needs]
    q_as_passage = embed(need_texts, "passage")
    q_as_query = embed(need_texts, "query")
    langs = sorted({lang for _, _, lang in passages})
    print(f"{len(needs)} needs (fi), {len(companies)} companies, {len(passages)} passages ({', '.join(langs)})")

    import bm25s

    docs = [" ".join(text for cid, text, _ in passages if cid == c) for c in ids]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(docs, stopwords="en", return_ids=False, show_progress=False), show_progress=False)

    by_company: dict[str, list[int]] = {}
    for row, (cid, _, _) in enumerate(passages):
        by_company.setdefault(cid, []).append(row)
    corpus = matcher.MatchCorpus(
        [
            matcher.MatchDoc(c["id"], [(text, lang) for text, lang in c["passages"]], pvec[by_company[c["id"]]])
            for c in companies
        ]
    )
    lexical_only = matcher.MatchCorpus(
        [matcher.MatchDoc(c["id"], [(text, lang) for text, lang in c["passages"]]) for c in companies]
    )

    rows: dict[str, list] = {k: [] for k in ("bm25", "emb_q", "emb", "matcher", "lexical")}
    for need, text, qp, qq in zip(needs, need_texts, q_as_passage, q_as_query, strict=True):
        relevant = set(need["relevant"])
        tokens = [
            t
            for t in bm25s.tokenize([text], stopwords="en", return_ids=False, show_progress=False)[0]
            if t in retriever.vocab_dict
        ]
        bm = retriever.get_scores(tokens) if tokens else np.zeros(len(ids))
        rows["bm25"].append(reciprocal_rank_and_recall(bm, ids, relevant))
        for key, vec in (("emb", qp), ("emb_q", qq)):
            sims = np.array([max(float(pvec[r] @ vec) for r in by_company[c]) for c in ids])
            rows[key].append(reciprocal_rank_and_recall(sims, ids, relevant))
        rows["matcher"].append(reciprocal_rank_and_recall(corpus.scores(text, "fi", qp), corpus.keys, relevant))
        rows["lexical"].append(
            reciprocal_rank_and_recall(lexical_only.scores(text, "fi", None), lexical_only.keys, relevant)
        )
        top = corpus.rank(text, "fi", qp, k=3)
        print(
            f"  {need['id']} {need['title'][:48]:<48} -> "
            + ", ".join(
                f"{m.key}{'*' if m.key in relevant else ''} {m.score:.1f} [{' '.join(m.matched_words[:3])}]"
                for m in top
            )
        )
    print()
    line = "{:<52} MRR {:.3f}  recall@10 {:.3f}"
    print(line.format("matcher, lexical part only", *summary(rows["lexical"])))
    print(line.format("embeddings alone, best passage, query: prefix", *summary(rows["emb_q"])))
    print(line.format("BM25 (bm25s, English stop words)", *summary(rows["bm25"])))
    print(line.format("embeddings alone (best passage, query as passage)", *summary(rows["emb"])))
    print(line.format(f"matcher (lexical_weight={corpus.params.lexical_weight})", *summary(rows["matcher"])))


if __name__ == "__main__":
    main()
